package io.encsync.core.cipher;

import java.io.IOException;

/** Sticky-error helper for the cipher streams: a failed stream keeps throwing its first error. */
final class StreamFailures {
    private StreamFailures() {
    }

    static void check(boolean closed, Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (closed) {
            throw new IOException("cipher stream is closed");
        }
    }
}
