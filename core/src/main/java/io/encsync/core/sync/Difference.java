package io.encsync.core.sync;

import java.io.Serializable;
import java.util.Objects;

/** One way a local tree and a remote differ, for {@link Check}: the path, what kind, and a one-line detail. */
public record Difference(String path, Kind kind, String detail) implements Serializable {

    public enum Kind {
        /** The file exists locally only. */
        ONLY_LOCAL,
        /** The file exists on the remote only. */
        ONLY_REMOTE,
        /** Both have it, with different sizes. */
        SIZE_DIFFERS,
        /** Both have it with the same size, but the local SHA-256 differs from the manifest's. */
        CONTENT_DIFFERS,
        /** The manifest lists it but the store has no object for it (deleted). */
        MISSING_OBJECT,
        /** The object is not the one the manifest recorded (truncated, swapped, stale). */
        TAMPERED,
        /** An object the manifest does not list (added by someone else). */
        UNLISTED,
        /** An object whose name does not decrypt or decrypts to an unsafe path, or that could not be read. */
        UNREADABLE
    }

    public Difference {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** One line for humans. */
    public String describe() {
        return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + Names.quote(path) + " — " + detail;
    }
}
