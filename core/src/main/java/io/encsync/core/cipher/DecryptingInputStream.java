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
 * callers that know the expected size must compare it. Errors and {@code close()} as in
 * {@link BlockInputStream}.
 */
final class DecryptingInputStream extends BlockInputStream {
    private static final byte[] NO_PREFIX = new byte[0];

    private final ChunkCrypto crypto;
    private final String name;
    private final int parallelism;
    private final long firstBlock;
    private byte[] nonce;
    private BlockReader reader;

    /** @param nonce the file nonce, or null to read and check the header from {@code source} first */
    DecryptingInputStream(InputStream source, ChunkCrypto crypto, byte[] nonce, long firstBlock, String name,
                          int parallelism) {
        super(source, NO_PREFIX);
        this.crypto = crypto;
        this.nonce = nonce;
        this.firstBlock = firstBlock;
        this.name = Objects.requireNonNull(name, "name");
        this.parallelism = parallelism;
    }

    @Override
    BlockRing.Slot nextBlock() throws IOException {
        if (reader == null) {
            start();
        }
        return reader.next();
    }

    @Override
    void cancel() {
        if (reader != null) {
            reader.cancel();
        }
    }

    private void start() throws IOException {
        if (nonce == null) {
            byte[] header = new byte[ContentCipher.HEADER_SIZE];
            int n = BlockReader.readFully(source(), header, 0, header.length);
            if (n < header.length) {
                throw CipherErrors.tooShort(name, n);
            }
            nonce = ContentCipher.readNonce(header, name);
        }
        byte[] fileNonce = nonce;
        BlockRing ring = new BlockRing(parallelism, slot -> open(fileNonce, slot));
        reader = new BlockReader(source(), 0, ContentCipher.BLOCK_HEADER_SIZE + ContentCipher.BLOCK_DATA_SIZE,
                firstBlock, ring);
    }

    /** Runs on a worker thread: checks the block, then decrypts it in place. */
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
}
