package io.encsync.core.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * rclone's "obscure" encoding of passwords in rclone.conf: AES-256-CTR under a key that is public
 * and the same in every rclone build, a random 16-byte IV in front, base64url without padding.
 *
 * <p>This is an encoding, not protection: anyone can reveal an obscured value. We produce it only
 * to write an rclone.conf that stock rclone accepts.
 */
public final class Obscure {
    private static final byte[] KEY = HexFormat.of()
            .parseHex("9c935b48730a554d6bfd7c63c886a92bd390198eb8128afbf4de162b8b95f638");
    private static final int IV_LENGTH = 16;

    private Obscure() {
    }

    /** Obscures {@code secret} with a fresh random IV, as {@code rclone obscure} does. */
    public static String obscure(SecretBytes secret, SecureRandom random) {
        byte[] iv = new byte[IV_LENGTH];
        random.nextBytes(iv);
        return obscure(secret, iv);
    }

    /** Obscures {@code secret} with the given IV (for reproducible tests). */
    public static String obscure(SecretBytes secret, byte[] iv) {
        if (iv.length != IV_LENGTH) {
            throw new IllegalArgumentException("IV must be 16 bytes, was " + iv.length);
        }
        byte[] plain = secret.reveal();
        try {
            byte[] ct = ctr(Cipher.ENCRYPT_MODE, iv, plain);
            byte[] out = new byte[IV_LENGTH + ct.length];
            System.arraycopy(iv, 0, out, 0, IV_LENGTH);
            System.arraycopy(ct, 0, out, IV_LENGTH, ct.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Reveals an obscured value, as {@code rclone reveal} does. */
    public static SecretBytes reveal(String obscured) {
        byte[] raw;
        try {
            if (obscured.endsWith("=")) {
                throw new IllegalArgumentException("padding");
            }
            raw = Base64.getUrlDecoder().decode(obscured);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "obscured password is not base64url: was it obscured with 'rclone obscure'?");
        }
        if (raw.length < IV_LENGTH) {
            throw new IllegalArgumentException("obscured password is too short: was it obscured with 'rclone obscure'?");
        }
        byte[] iv = Arrays.copyOfRange(raw, 0, IV_LENGTH);
        byte[] plain = ctr(Cipher.DECRYPT_MODE, iv, Arrays.copyOfRange(raw, IV_LENGTH, raw.length));
        try {
            return SecretBytes.copyOf(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] ctr(int mode, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(mode, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is unavailable in this JVM", e);
        }
    }

    /** For tests: the UTF-8 text of a revealed secret. */
    static String revealToString(String obscured) {
        try (SecretBytes s = reveal(obscured)) {
            return new String(s.reveal(), StandardCharsets.UTF_8);
        }
    }
}
