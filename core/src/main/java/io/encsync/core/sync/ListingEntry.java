package io.encsync.core.sync;

import io.encsync.core.manifest.ManifestEntry;
import java.util.Objects;

/**
 * One row of a listing the {@link Planner} pairs: a plaintext relative path ({@code /}-separated),
 * the plaintext size, the modification time in nanoseconds since the epoch, and the plaintext
 * SHA-256 (lower-case hex) when known — from the manifest, or from hashing a local file for
 * {@code --checksum}; {@code null} otherwise.
 */
public record ListingEntry(String path, long size, long mtimeNanos, String sha256) {
    public ListingEntry {
        Objects.requireNonNull(path, "path");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size + " for " + path);
        }
    }

    /** An entry without a content hash. */
    public static ListingEntry of(String path, long size, long mtimeNanos) {
        return new ListingEntry(path, size, mtimeNanos, null);
    }

    /** The manifest's record of a file as a planner row (with its hash). */
    public static ListingEntry of(ManifestEntry recorded) {
        return new ListingEntry(recorded.path(), recorded.size(), recorded.mtimeNanos(), recorded.sha256());
    }

    /** This entry with {@code hash} as its SHA-256. */
    public ListingEntry withSha256(String hash) {
        return new ListingEntry(path, size, mtimeNanos, hash);
    }
}
