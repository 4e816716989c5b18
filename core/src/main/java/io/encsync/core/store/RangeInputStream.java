package io.encsync.core.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Ends after {@code remaining} bytes of the stream it wraps: the length limit of a ranged read. */
final class RangeInputStream extends FilterInputStream {
    private long remaining;

    RangeInputStream(InputStream in, long remaining) {
        super(in);
        this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int c = super.read();
        if (c >= 0) {
            remaining--;
        }
        return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return len == 0 ? 0 : -1;
        }
        int n = super.read(b, off, (int) Math.min(len, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(Math.min(n, remaining));
        remaining -= s;
        return s;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
