package io.encsync.core.names;

import io.encsync.core.EncsyncException;
import io.encsync.core.keys.CryptKeys;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Encrypts and decrypts relative paths ({@code /}-separated, below the crypt root) exactly as
 * rclone crypt's {@code EncryptFileName}, {@code EncryptDirName}, {@code DecryptFileName} and
 * {@code DecryptDirName} do, for one set of keys and name settings.
 *
 * <p>Each segment is processed on its own with the same key and tweak; empty segments stay empty.
 * With directory name encryption off, only the last segment of a file path is processed and
 * directory paths stay as they are; {@code off} mode appends {@code .bin} to file paths only. The
 * last segment follows rclone's version-suffix rule ({@link VersionSuffix}).
 *
 * <p>Decryption is stricter than rclone's in one way that matters for safety: a segment decrypts
 * only if encrypting the result gives back exactly the stored segment. That refuses aliases rclone
 * would accept for the same name (upper-case base32, non-zero trailing bits, a base32768 tail,
 * a {@code 0170.} obfuscate prefix), padding-only blocks that would decrypt to an empty segment,
 * and segments that decrypt to text containing {@code /}, so that
 * {@code encryptFileName(decryptFileName(x)).equals(x)} whenever decryption succeeds. It does not
 * judge whether a decrypted name is safe to write ({@code ..}, control characters): that is the
 * sync layer's rule.
 *
 * <p>Immutable and thread-safe. Holds a copy of the name key and tweak ({@code standard}) or the
 * name key's byte sum ({@code obfuscate}) for its lifetime; closing the {@link CryptKeys} it was
 * made from does not affect it.
 */
public final class NameCipher {
    /** The suffix of file names in {@code off} mode (fixed in rclone 1.60.1). */
    static final String OFF_SUFFIX = ".bin";

    private final FilenameEncryption mode;
    private final FilenameEncoding encoding;
    private final boolean directoryNameEncryption;
    /** Null in {@code off} mode. */
    private final SegmentCipher segments;

    private NameCipher(FilenameEncryption mode, FilenameEncoding encoding, boolean directoryNameEncryption,
            SegmentCipher segments) {
        this.mode = mode;
        this.encoding = encoding;
        this.directoryNameEncryption = directoryNameEncryption;
        this.segments = segments;
    }

    /**
     * A cipher for names under {@code keys} (name key and tweak) with rclone's settings
     * {@code filename_encryption}, {@code filename_encoding} (used only by {@code standard}) and
     * {@code directory_name_encryption} (ignored by {@code off}).
     */
    public static NameCipher create(CryptKeys keys, FilenameEncryption mode, FilenameEncoding encoding,
            boolean directoryNameEncryption) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(encoding, "encoding");
        SegmentCipher segments = switch (mode) {
            case OFF -> null;
            case OBFUSCATE -> withNameKey(keys, Obfuscator::new);
            case STANDARD -> withNameKey(keys, nameKey -> {
                byte[] tweak = keys.nameTweak().reveal();
                try {
                    return new StandardSegmentCipher(new Eme(nameKey, tweak), encoding.encoder());
                } finally {
                    Arrays.fill(tweak, (byte) 0);
                }
            });
        };
        return new NameCipher(mode, encoding, directoryNameEncryption, segments);
    }

    private static SegmentCipher withNameKey(CryptKeys keys, Function<byte[], SegmentCipher> build) {
        byte[] nameKey = keys.nameKey().reveal();
        try {
            return build.apply(nameKey);
        } finally {
            Arrays.fill(nameKey, (byte) 0);
        }
    }

    /**
     * The stored name of the file at {@code plaintextPath}, as rclone's {@code EncryptFileName}.
     *
     * @throws EncsyncException (usage) if a segment is too long for {@code standard} mode (over
     *     2047 UTF-8 bytes) or the path holds an unpaired surrogate
     */
    public String encryptFileName(String plaintextPath) {
        requireEncodable(plaintextPath);
        if (mode == FilenameEncryption.OFF) {
            return plaintextPath + OFF_SUFFIX;
        }
        return encryptPath(plaintextPath);
    }

    /** The stored name of the directory at {@code plaintextPath}, as rclone's {@code EncryptDirName}. */
    public String encryptDirName(String plaintextPath) {
        requireEncodable(plaintextPath);
        if (mode == FilenameEncryption.OFF || !directoryNameEncryption) {
            return plaintextPath;
        }
        return encryptPath(plaintextPath);
    }

    /**
     * The plaintext path of the stored file name {@code encryptedPath}, as rclone's
     * {@code DecryptFileName} but canonical (see the class comment).
     *
     * @throws NameDecryptionException if it does not decrypt
     */
    public String decryptFileName(String encryptedPath) {
        Objects.requireNonNull(encryptedPath, "encryptedPath");
        if (mode == FilenameEncryption.OFF) {
            if (!encryptedPath.endsWith(OFF_SUFFIX) || encryptedPath.length() == OFF_SUFFIX.length()) {
                throw new NameDecryptionException(encryptedPath, "it does not end in `" + OFF_SUFFIX
                        + "` after a name, as file names do with filename encryption off");
            }
            String plain = encryptedPath.substring(0, encryptedPath.length() - OFF_SUFFIX.length());
            if (VersionSuffix.isVersion(plain)) {
                // rclone refuses this too: such a name has nothing left once its version is removed
                throw new NameDecryptionException(encryptedPath, "the name is only a version suffix");
            }
            requireNoUnpairedSurrogate(encryptedPath);
            return plain;
        }
        return decryptPath(encryptedPath);
    }

    /** The plaintext path of the stored directory name {@code encryptedPath}, as rclone's {@code DecryptDirName}. */
    public String decryptDirName(String encryptedPath) {
        Objects.requireNonNull(encryptedPath, "encryptedPath");
        if (mode == FilenameEncryption.OFF || !directoryNameEncryption) {
            return encryptedPath;
        }
        return decryptPath(encryptedPath);
    }

    public FilenameEncryption mode() {
        return mode;
    }

    public FilenameEncoding encoding() {
        return encoding;
    }

    public boolean directoryNameEncryption() {
        return directoryNameEncryption;
    }

    private String encryptPath(String path) {
        String[] parts = path.split("/", -1); // -1: keep trailing empty segments, as Go's strings.Split
        int last = parts.length - 1;
        for (int i = directoryNameEncryption ? 0 : last; i <= last; i++) {
            parts[i] = encryptSegment(parts[i], i == last);
        }
        return String.join("/", parts);
    }

    private String encryptSegment(String segment, boolean last) {
        if (last) {
            Optional<VersionSuffix.Split> versioned = VersionSuffix.remove(segment);
            if (versioned.isPresent()) {
                return VersionSuffix.add(segments.encrypt(versioned.get().stripped()), versioned.get().version());
            }
        }
        return segments.encrypt(segment);
    }

    private String decryptPath(String path) {
        requireNoUnpairedSurrogate(path);
        String[] parts = path.split("/", -1);
        int last = parts.length - 1;
        for (int i = directoryNameEncryption ? 0 : last; i <= last; i++) {
            String stored = parts[i];
            try {
                parts[i] = decryptSegment(stored, i == last);
            } catch (BadNameException e) {
                String where = parts.length == 1 ? "" : "segment " + (i + 1) + " of " + parts.length
                        + " `" + NameText.forMessage(stored) + "`: ";
                throw new NameDecryptionException(path, where + e.reason());
            }
        }
        return String.join("/", parts);
    }

    private String decryptSegment(String stored, boolean last) throws BadNameException {
        Optional<VersionSuffix.Split> versioned = last ? VersionSuffix.remove(stored) : Optional.empty();
        String plain = versioned.isPresent()
                ? VersionSuffix.add(segments.decrypt(versioned.get().stripped()), versioned.get().version())
                : segments.decrypt(stored);
        if (plain.indexOf('/') >= 0) {
            throw new BadNameException("decrypts to a name containing '/'");
        }
        if (!encryptSegment(plain, last).equals(stored)) {
            throw new BadNameException("not the canonical form of the name it decrypts to (an alias,"
                    + " such as a changed letter case)");
        }
        return plain;
    }

    private static void requireEncodable(String path) {
        Objects.requireNonNull(path, "plaintextPath");
        if (hasUnpairedSurrogate(path)) {
            throw EncsyncException.usage("name `" + NameText.forMessage(path) + "` contains an unpaired UTF-16"
                    + " surrogate and has no UTF-8 form: rename it");
        }
    }

    private static void requireNoUnpairedSurrogate(String path) {
        if (hasUnpairedSurrogate(path)) {
            throw new NameDecryptionException(path, "it contains an unpaired UTF-16 surrogate");
        }
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (c <= 0xFFFF && Character.isSurrogate((char) c)) {
                return true;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    @Override
    public String toString() {
        return "NameCipher[" + mode.configValue()
                + (mode == FilenameEncryption.STANDARD ? ", " + encoding.configValue() : "")
                + ", directory names " + (directoryNameEncryption && mode != FilenameEncryption.OFF
                        ? "encrypted" : "in clear") + "]";
    }
}
