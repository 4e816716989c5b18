package io.encsync.core.cipher;

import java.io.IOException;
import java.io.InputStream;

/**
 * Pull-style encryption: reading yields the header, then the sealed blocks of the plaintext
 * source. Used for uploads, where the store client pulls the body. Errors and {@code close()} as
 * in {@link BlockInputStream}.
 */
final class EncryptingInputStream extends BlockInputStream {
    private final BlockReader reader;

    EncryptingInputStream(InputStream source, byte[] header, ChunkCrypto crypto, byte[] nonce, int parallelism) {
        super(source, header);
        BlockRing ring = new BlockRing(parallelism, slot -> {
            crypto.seal(nonce, slot.blockIndex, slot.buf, 0, slot.length);
            slot.outOffset = 0;
            slot.outLength = slot.length + ContentCipher.BLOCK_HEADER_SIZE;
        });
        this.reader = new BlockReader(source, ContentCipher.BLOCK_HEADER_SIZE, ContentCipher.BLOCK_DATA_SIZE, 0, ring);
    }

    @Override
    BlockRing.Slot nextBlock() throws IOException {
        return reader.next();
    }

    @Override
    void cancel() {
        reader.cancel();
    }
}
