package io.encsync.core.keys;

import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The three keys of an rclone crypt remote, derived from its password and optional password2
 * exactly as rclone derives them: {@code scrypt(password, salt, N=16384, r=8, p=1, 80 bytes)}
 * split into the 32-byte data key, the 32-byte name key and the 16-byte name tweak. The salt is
 * password2's UTF-8 bytes, or rclone's fixed default salt when password2 is absent or empty.
 *
 * <p>Never prints its keys. {@link #close()} wipes them.
 */
public final class CryptKeys implements AutoCloseable {
    /** rclone's built-in salt, used when no password2 is configured. */
    private static final byte[] DEFAULT_SALT = HexFormat.of().parseHex("a80df43a8fbd0308a7cab83e581f86b1");

    static final int SCRYPT_N = 16384;
    static final int SCRYPT_R = 8;
    static final int SCRYPT_P = 1;
    static final int KEY_MATERIAL_LENGTH = 80;

    public static final int DATA_KEY_LENGTH = 32;
    public static final int NAME_KEY_LENGTH = 32;
    public static final int NAME_TWEAK_LENGTH = 16;

    private final SecretBytes dataKey;
    private final SecretBytes nameKey;
    private final SecretBytes nameTweak;

    private CryptKeys(SecretBytes dataKey, SecretBytes nameKey, SecretBytes nameTweak) {
        this.dataKey = dataKey;
        this.nameKey = nameKey;
        this.nameTweak = nameTweak;
    }

    /**
     * Derives the keys. {@code password2} may be null or empty (then rclone's default salt applies).
     * An empty password is refused: rclone refuses it too, and it would yield all-zero keys.
     */
    public static CryptKeys derive(SecretBytes password, SecretBytes password2) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("password must not be empty");
        }
        byte[] p = password.reveal();
        byte[] salt = password2 == null || password2.isEmpty() ? DEFAULT_SALT.clone() : password2.reveal();
        byte[] material = null;
        try {
            material = SCrypt.generate(p, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_MATERIAL_LENGTH);
            return fromMaterial(material);
        } finally {
            Arrays.fill(p, (byte) 0);
            Arrays.fill(salt, (byte) 0);
            if (material != null) {
                Arrays.fill(material, (byte) 0);
            }
        }
    }

    /** Keys from the 80 bytes of key material (for tests with known keys). */
    public static CryptKeys fromMaterial(byte[] material) {
        if (material.length != KEY_MATERIAL_LENGTH) {
            throw new IllegalArgumentException("key material must be 80 bytes, was " + material.length);
        }
        return new CryptKeys(
                SecretBytes.wrap(Arrays.copyOfRange(material, 0, 32)),
                SecretBytes.wrap(Arrays.copyOfRange(material, 32, 64)),
                SecretBytes.wrap(Arrays.copyOfRange(material, 64, 80)));
    }

    /** The XSalsa20-Poly1305 key for file contents (32 bytes). */
    public SecretBytes dataKey() {
        return dataKey;
    }

    /** The AES-256 key for name encryption (EME) and the obfuscate rotation (32 bytes). */
    public SecretBytes nameKey() {
        return nameKey;
    }

    /** The EME tweak used for every name segment (16 bytes). */
    public SecretBytes nameTweak() {
        return nameTweak;
    }

    @Override
    public void close() {
        dataKey.destroy();
        nameKey.destroy();
        nameTweak.destroy();
    }

    @Override
    public String toString() {
        return "CryptKeys[redacted]";
    }
}
