package io.encsync.core.store;

import io.encsync.core.EncsyncException;

/**
 * The check every store makes after copying a {@link ContentSource}: it must yield exactly its
 * declared length. A local file that grows or shrinks while it is uploaded is the usual cause; storing
 * it anyway would record a size the manifest and the reader do not expect.
 */
public final class ContentLength {
    private ContentLength() {
    }

    /** Throws a local I/O error naming the key when {@code actual != expected}. */
    public static void check(String key, long expected, long actual) {
        if (actual != expected) {
            throw mismatch(key, expected, actual);
        }
    }

    /** The error for a source that yielded {@code actual} bytes ({@code expected + 1} means "more"). */
    public static EncsyncException mismatch(String key, long expected, long actual) {
        String got = actual > expected ? "more than " + expected : String.valueOf(actual);
        return EncsyncException.localIo(key + ": the content yielded " + got + " bytes but declared "
                + expected + " — the source changed while it was being stored; nothing was stored, retry", null);
    }
}
