package io.encsync.core.artifacts;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Yields at most {@code size} bytes of a source, hashing them with SHA-256 as they pass: so the
 * bytes hashed are exactly the bytes used. A source that ends before {@code size} bytes makes the
 * read fail with an {@link IOException} carrying {@code shortMessage}, and {@link #endedEarly()}
 * tells the caller it was the source's fault, not the network's; so does {@link #sourceError()}
 * for an error the source threw. Never skips.
 */
final class MeasuredInputStream extends FilterInputStream {
    private final long size;
    private final String shortMessage;
    private final MessageDigest digest = newSha256();
    private long seen;
    private volatile boolean endedEarly;
    private volatile IOException sourceError;

    MeasuredInputStream(InputStream in, long size, String shortMessage) {
        super(in);
        this.size = size;
        this.shortMessage = shortMessage;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (seen >= size) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int n;
        try {
            n = in.read(b, off, (int) Math.min(len, size - seen));
        } catch (IOException e) {
            sourceError = e;
            throw e;
        }
        if (n < 0) {
            endedEarly = true;
            throw new IOException(shortMessage);
        }
        digest.update(b, off, n);
        seen += n;
        return n;
    }

    @Override
    public long skip(long n) {
        return 0;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), size - seen);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Whether all {@code size} bytes were read. */
    boolean complete() {
        return seen == size;
    }

    /** Whether the source ended before {@code size} bytes. */
    boolean endedEarly() {
        return endedEarly;
    }

    /** The error the source itself threw, if any (as opposed to a consumer's failure). */
    IOException sourceError() {
        return sourceError;
    }

    long bytesRead() {
        return seen;
    }

    /** The SHA-256 of the bytes read; call once, after the last read. */
    byte[] sha256() {
        return digest.digest();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }
}
