package io.encsync.core.cipher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The buffer plumbing shared by the pull-style cipher streams: hands out the bytes of one processed
 * block at a time, makes errors sticky, and closes the wrapped source.
 *
 * <p>Errors are sticky: after a failure every read throws the same exception. {@code close()}
 * cancels read-ahead blocks and closes the source; later reads throw an {@link IOException}.
 */
abstract class BlockInputStream extends InputStream {
    private final InputStream source;
    private final byte[] one = new byte[1];
    private byte[] current;
    private int pos;
    private int end;
    private boolean eof;
    private boolean closed;
    private Throwable failure;

    /** @param prefix bytes to hand out before the first block (the header), or an empty array */
    BlockInputStream(InputStream source, byte[] prefix) {
        this.source = Objects.requireNonNull(source, "source");
        this.current = prefix;
        this.end = prefix.length;
    }

    /** The next processed block, or null after the last one. */
    abstract BlockRing.Slot nextBlock() throws IOException;

    /** Stops read-ahead work after a failure or on close. */
    abstract void cancel();

    final InputStream source() {
        return source;
    }

    @Override
    public final int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        StreamFailures.check(closed, failure);
        if (len == 0) {
            return 0;
        }
        try {
            while (pos == end) {
                if (eof) {
                    return -1;
                }
                BlockRing.Slot slot = nextBlock();
                if (slot == null) {
                    eof = true;
                    return -1;
                }
                current = slot.buf;
                pos = slot.outOffset;
                end = slot.outOffset + slot.outLength;
            }
            int n = Math.min(len, end - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        } catch (IOException | RuntimeException e) {
            failure = e;
            cancel();
            throw e;
        }
    }

    @Override
    public final int available() {
        return closed || failure != null ? 0 : end - pos;
    }

    @Override
    public final void close() throws IOException {
        if (!closed) {
            closed = true;
            cancel();
            source.close();
        }
    }
}
