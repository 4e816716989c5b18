package io.encsync.core.cipher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Pull-style encryption: reading yields the header, then the sealed blocks of the plaintext
 * source. Used for uploads, where the store client pulls the body.
 *
 * <p>Errors are sticky: after a failure every read throws the same exception. {@code close()}
 * cancels read-ahead blocks and closes the source; later reads throw an {@link IOException}.
 */
final class EncryptingInputStream extends InputStream {
    private final InputStream source;
    private final BlockReader reader;
    private byte[] current;
    private int pos;
    private int end;
    private boolean eof;
    private boolean closed;
    private Throwable failure;

    EncryptingInputStream(InputStream source, byte[] header, ChunkCrypto crypto, byte[] nonce, int parallelism) {
        this.source = Objects.requireNonNull(source, "source");
        BlockRing ring = new BlockRing(parallelism, slot -> {
            crypto.seal(nonce, slot.blockIndex, slot.buf, 0, slot.length);
            slot.outOffset = 0;
            slot.outLength = slot.length + ContentCipher.BLOCK_HEADER_SIZE;
        });
        this.reader = new BlockReader(source, ContentCipher.BLOCK_HEADER_SIZE, ContentCipher.BLOCK_DATA_SIZE, 0, ring);
        this.current = header;
        this.end = header.length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
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
                BlockRing.Slot slot = reader.next();
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
            reader.cancel();
            throw e;
        }
    }

    @Override
    public int available() {
        return closed || failure != null ? 0 : end - pos;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            reader.cancel();
            source.close();
        }
    }
}
