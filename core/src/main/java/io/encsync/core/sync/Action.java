package io.encsync.core.sync;

import java.util.Objects;

/**
 * One decision of a {@link Plan}: what to do with one path and why. {@code source} and
 * {@code destination} are the paired listing rows (either may be null).
 */
public record Action(Kind kind, String path, String reason, ListingEntry source, ListingEntry destination) {

    /** What the executor does with the path. */
    public enum Kind {
        /** Encrypt the local file and write it to the store (new or changed). */
        UPLOAD,
        /** Decrypt the remote object into the target (new or changed). */
        DOWNLOAD,
        /** Both sides already agree; nothing to do. */
        SKIP,
        /** Remove from the destination: it is gone from the source and deletion was asked for. */
        DELETE,
        /** Not touched because it is unsafe or unverifiable; reported as an error with {@link #reason()}. */
        REFUSE
    }

    public Action {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(reason, "reason");
    }

    /** One plan line for humans: {@code upload  a/b.txt  (modification time changed)}. */
    public String describe() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + Names.escape(path)
                + " (" + reason + ")";
    }
}
