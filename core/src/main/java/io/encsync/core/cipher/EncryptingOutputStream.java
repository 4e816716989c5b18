package io.encsync.core.cipher;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Push-style encryption: plaintext written here reaches {@code sink} as the header and sealed
 * blocks. A block is sealed only once it is full (or at {@code close()}), because the format has
 * no way to mark a short block that is not the last one.
 *
 * <p>{@code flush()} writes every completed block and flushes the sink; the partial last block
 * stays buffered. {@code close()} seals and writes the last partial block (nothing at all for an
 * empty final block), writes the header if nothing was written yet, and closes the sink; it writes
 * nothing more. Errors are sticky: after a failure every write throws the same exception, and
 * {@code close()} only cancels queued blocks and closes the sink.
 */
final class EncryptingOutputStream extends OutputStream {
    private final OutputStream sink;
    private final byte[] header;
    private final BlockRing ring;
    private BlockRing.Slot current;
    private int filled;
    private long nextBlock;
    private boolean headerWritten;
    private boolean closed;
    private Throwable failure;
    private final byte[] one = new byte[1];

    EncryptingOutputStream(OutputStream sink, byte[] header, ChunkCrypto crypto, byte[] nonce, int parallelism) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.header = header;
        this.ring = new BlockRing(parallelism, slot -> {
            crypto.seal(nonce, slot.blockIndex, slot.buf, 0, slot.length);
            slot.outOffset = 0;
            slot.outLength = slot.length + ContentCipher.BLOCK_HEADER_SIZE;
        });
    }

    @Override
    public void write(int b) throws IOException {
        one[0] = (byte) b;
        write(one, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        StreamFailures.check(closed, failure);
        try {
            while (len > 0) {
                if (current == null) {
                    if (ring.isFull()) {
                        writeHead();
                    }
                    current = ring.tail();
                    filled = 0;
                }
                int n = Math.min(len, ContentCipher.BLOCK_DATA_SIZE - filled);
                System.arraycopy(b, off, current.buf, ContentCipher.BLOCK_HEADER_SIZE + filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == ContentCipher.BLOCK_DATA_SIZE) {
                    submitCurrent(false);
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        StreamFailures.check(closed, failure);
        try {
            writeHeaderOnce();
            while (!ring.isEmpty()) {
                writeHead();
            }
            sink.flush();
        } catch (IOException | RuntimeException e) {
            fail(e);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (failure != null) {
            sink.close();
            return;
        }
        try {
            if (current != null && filled > 0) {
                submitCurrent(true);
            }
            writeHeaderOnce();
            while (!ring.isEmpty()) {
                writeHead();
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            try {
                sink.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        sink.close();
    }

    private void submitCurrent(boolean last) {
        current.length = filled;
        current.blockIndex = nextBlock++;
        current = null;
        ring.submit(last);
    }

    private void writeHead() throws IOException {
        writeHeaderOnce();
        BlockRing.Slot slot = ring.awaitHead();
        sink.write(slot.buf, slot.outOffset, slot.outLength);
        ring.releaseHead();
    }

    private void writeHeaderOnce() throws IOException {
        if (!headerWritten) {
            sink.write(header);
            headerWritten = true;
        }
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
        ring.cancelAll();
    }
}
