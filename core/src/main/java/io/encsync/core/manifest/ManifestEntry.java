package io.encsync.core.manifest;

import io.encsync.core.fs.FileModes;
import java.io.Serializable;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the manifest records for one file: its plaintext path, size, modification time (ns since
 * the epoch), plaintext SHA-256 and the 24-byte nonce of its object header (both lower-case hex),
 * and its permission bits ({@code mode & 0777}, see {@link FileModes}). The nonce binds the object
 * to the path: a swapped or replayed object carries another nonce, which check detects from the
 * 32-byte header alone.
 */
public record ManifestEntry(String path, long size, long mtimeNanos, String sha256, String nonce, int mode)
        implements Serializable {
    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        requireHex(sha256, 32, "sha256", path);
        requireHex(nonce, 24, "nonce", path);
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size + " for " + path);
        }
        if (!FileModes.isValid(mode)) {
            throw new IllegalArgumentException("mode must be between 0 and 0777, was " + mode + " for " + path);
        }
    }

    /** An entry without a recorded mode (written before modes were recorded): {@link FileModes#DEFAULT}. */
    public ManifestEntry(String path, long size, long mtimeNanos, String sha256, String nonce) {
        this(path, size, mtimeNanos, sha256, nonce, FileModes.DEFAULT);
    }

    /** An entry from raw hash and nonce bytes. */
    public static ManifestEntry of(String path, long size, long mtimeNanos, byte[] sha256, byte[] nonce, int mode) {
        return new ManifestEntry(path, size, mtimeNanos, HexFormat.of().formatHex(sha256),
                HexFormat.of().formatHex(nonce), mode);
    }

    /** This entry with {@code newMode} as its permission bits (a push that sees only the mode change). */
    public ManifestEntry withMode(int newMode) {
        return new ManifestEntry(path, size, mtimeNanos, sha256, nonce, newMode);
    }

    /** The nonce as bytes. */
    public byte[] nonceBytes() {
        return HexFormat.of().parseHex(nonce);
    }

    private static void requireHex(String value, int bytes, String what, String path) {
        Objects.requireNonNull(value, what);
        boolean ok = value.length() == bytes * 2;
        for (int i = 0; ok && i < value.length(); i++) {
            char c = value.charAt(i);
            ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }
        if (!ok) {
            throw new IllegalArgumentException(what + " must be " + (bytes * 2) + " lower-case hex digits for " + path);
        }
    }
}
