package io.encsync.core.cipher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Decrypts rclone crypt content as it is read: either a whole file (the header is read and checked
 * on the first read) or a range starting at a block boundary with a known file nonce.
 *
 * <p>Every block's tag is checked before the block is decrypted, so the plaintext of a failed block
 * is never released; the blocks before it are. The end of the file is not authenticated (the format
 * has no end marker): a file cut exactly at a block boundary decrypts to a shorter plaintext, and
 * callers that know the expected size must compare it.
 *
 * <p>Errors are sticky: after a failure every read throws the same exception. {@code close()}
 * cancels read-ahead blocks and closes the source; later reads throw an {@link IOException}.
 */
final class DecryptingInputStream extends InputStream {
    private final InputStream source;
    private final ChunkCrypto crypto;
    private final String name;
    private final int parallelism;
    private final long firstBlock;
    private byte[] nonce;
    private BlockReader reader;
    private byte[] current;
    private int pos;
    private int end;
    private boolean eof;
    private boolean closed;
    private Throwable failure;

    /** @param nonce the file nonce, or null to read and check the header from {@code source} first */
    DecryptingInputStream(InputStream source, ChunkCrypto crypto, byte[] nonce, long firstBlock, String name,
                          int parallelism) {
        this.source = Objects.requireNonNull(source, "source");
        this.crypto = crypto;
        this.nonce = nonce;
        this.firstBlock = firstBlock;
        this.name = Objects.requireNonNull(name, "name");
        this.parallelism = parallelism;
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
            if (reader == null) {
                start();
            }
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
            if (reader != null) {
                reader.cancel();
            }
            throw e;
        }
    }

    private void start() throws IOException {
        if (nonce == null) {
            byte[] header = new byte[ContentCipher.HEADER_SIZE];
            int n = BlockReader.readFully(source, header, 0, header.length);
            if (n < header.length) {
                throw CipherErrors.tooShort(name, n);
            }
            nonce = ContentCipher.readNonce(header, name);
        }
        byte[] fileNonce = nonce;
        BlockRing ring = new BlockRing(parallelism, slot -> open(fileNonce, slot));
        reader = new BlockReader(source, 0, ContentCipher.BLOCK_HEADER_SIZE + ContentCipher.BLOCK_DATA_SIZE,
                firstBlock, ring);
    }

    private void open(byte[] fileNonce, BlockRing.Slot slot) {
        if (slot.length <= ContentCipher.BLOCK_HEADER_SIZE) {
            throw CipherErrors.truncatedBlock(name, slot.blockIndex, slot.length);
        }
        if (!crypto.open(fileNonce, slot.blockIndex, slot.buf, 0, slot.length)) {
            throw new BlockAuthenticationException(name, slot.blockIndex);
        }
        slot.outOffset = ContentCipher.BLOCK_HEADER_SIZE;
        slot.outLength = slot.length - ContentCipher.BLOCK_HEADER_SIZE;
    }

    @Override
    public int available() {
        return closed || failure != null ? 0 : end - pos;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            if (reader != null) {
                reader.cancel();
            }
            source.close();
        }
    }
}
