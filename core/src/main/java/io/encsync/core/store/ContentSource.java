package io.encsync.core.store;

import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes to write to a store, of a length known before the first byte is written (so S3 can
 * choose single or multipart upload and send Content-Length). Each {@link #open()} yields the same
 * bytes; a store may open it again to retry.
 */
public interface ContentSource {

    /** The exact number of bytes every opening yields. */
    long length();

    /** A fresh stream over the content, from its first byte. */
    InputStream open() throws IOException;

    /** A source over a byte array (small objects, tests). */
    static ContentSource ofBytes(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new ContentSource() {
            @Override
            public long length() {
                return copy.length;
            }

            @Override
            public InputStream open() {
                return new java.io.ByteArrayInputStream(copy);
            }
        };
    }
}
