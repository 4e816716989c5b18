package io.encsync.core.cipher;

import java.io.IOException;
import java.io.InputStream;

/**
 * Pull-side plumbing shared by the encrypting and decrypting input streams: reads fixed windows
 * from the source into ring slots, keeps the ring full (read-ahead), and hands out processed slots
 * in order. Reading the source stays on the caller's thread, so the source needs no thread safety.
 */
final class BlockReader {
    private final InputStream source;
    private final int readOffset;
    private final int readLength;
    private final BlockRing ring;
    private long nextBlock;
    private boolean sourceDone;
    private boolean holdingHead;

    /**
     * @param readOffset where in a slot's buffer the source bytes go (16 for plaintext, leaving
     *     room for the tag; 0 for sealed blocks)
     * @param readLength the window size: a full block of source bytes
     */
    BlockReader(InputStream source, int readOffset, int readLength, long firstBlock, BlockRing ring) {
        this.source = source;
        this.readOffset = readOffset;
        this.readLength = readLength;
        this.nextBlock = firstBlock;
        this.ring = ring;
    }

    /** The next processed block in order, or null after the last one. */
    BlockRing.Slot next() throws IOException {
        if (holdingHead) {
            ring.releaseHead();
            holdingHead = false;
        }
        fill();
        if (ring.isEmpty()) {
            return null;
        }
        BlockRing.Slot slot = ring.awaitHead();
        holdingHead = true;
        return slot;
    }

    void cancel() {
        ring.cancelAll();
    }

    private void fill() throws IOException {
        while (!sourceDone && !ring.isFull()) {
            BlockRing.Slot slot = ring.tail();
            int n = readFully(source, slot.buf, readOffset, readLength);
            if (n == 0) {
                sourceDone = true;
                return;
            }
            // A short window can only be the last one: the source reached its end.
            sourceDone = n < readLength;
            slot.length = n;
            slot.blockIndex = nextBlock++;
            ring.submit(sourceDone);
        }
    }

    /** Reads until {@code len} bytes or end of stream, however few bytes each read returns. */
    static int readFully(InputStream in, byte[] buf, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = in.read(buf, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
