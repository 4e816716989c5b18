package io.encsync.core.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.IntegrityException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The ordered, bounded worker ring under the streams, with a stand-in processor (no crypto). */
class BlockRingTest {

    @Test
    void keepsSubmissionOrderWhateverOrderWorkersFinishIn() throws IOException {
        BlockRing ring = new BlockRing(4, slot -> {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(200_000)); // shuffle completion order
            slot.outOffset = (int) slot.blockIndex;
        });
        List<Long> order = new ArrayList<>();
        Set<BlockRing.Slot> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
        for (long block = 0; block < 500; block++) {
            if (ring.isFull()) {
                order.add(take(ring, buffers));
            }
            BlockRing.Slot slot = ring.tail();
            slot.blockIndex = block;
            ring.submit(false);
        }
        while (!ring.isEmpty()) {
            order.add(take(ring, buffers));
        }
        assertThat(order).hasSize(500).isSorted();
        assertThat(buffers).as("memory does not grow with the number of blocks").hasSize(8);
        assertThat(ring.allocatedSlots()).isEqualTo(8);
    }

    @Test
    void aLoneLastBlockIsProcessedOnTheCallersThread() throws IOException {
        List<Thread> threads = new ArrayList<>();
        BlockRing ring = new BlockRing(4, slot -> threads.add(Thread.currentThread()));
        ring.tail().blockIndex = 0;
        ring.submit(true);
        ring.awaitHead();
        assertThat(threads).containsExactly(Thread.currentThread());
        assertThat(ring.allocatedSlots()).as("a small file allocates one buffer").isEqualTo(1);
    }

    @Test
    void parallelismOneNeverLeavesTheCallersThread() throws IOException {
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        BlockRing ring = new BlockRing(1, slot -> threads.add(Thread.currentThread()));
        for (int i = 0; i < 5; i++) {
            ring.tail().blockIndex = i;
            ring.submit(false);
            assertThat(ring.isFull()).isTrue();
            ring.awaitHead();
            ring.releaseHead();
        }
        assertThat(threads).hasSize(5).containsOnly(Thread.currentThread());
    }

    @Test
    void aFailureSurfacesAtItsOwnPositionAfterTheBlocksBeforeIt() throws IOException {
        IntegrityException boom = new IntegrityException("block 2 is bad");
        BlockRing ring = new BlockRing(3, slot -> {
            if (slot.blockIndex == 2) {
                throw boom;
            }
        });
        for (int i = 0; i < 5; i++) {
            ring.tail().blockIndex = i;
            ring.submit(false);
        }
        assertThat(ring.awaitHead().blockIndex).isEqualTo(0);
        ring.releaseHead();
        assertThat(ring.awaitHead().blockIndex).isEqualTo(1);
        ring.releaseHead();
        assertThatThrownBy(ring::awaitHead).isSameAs(boom);
    }

    @Test
    void cancellingLeavesNoQueuedWorkBehind() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        BlockRing ring = new BlockRing(ContentCipher.MAX_PARALLELISM, slot -> {
            ran.incrementAndGet();
            awaitQuietly(release); // keeps every worker busy, so the other blocks stay queued
        });
        while (!ring.isFull()) {
            ring.tail().blockIndex = 0;
            ring.submit(false);
        }
        ring.cancelAll();
        assertThat(CipherThreads.pool().getQueue()).as("queued blocks after cancel").isEmpty();
        release.countDown();
        assertThat(ran.get()).as("blocks that ran").isLessThanOrEqualTo(CipherThreads.pool().getMaximumPoolSize());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long take(BlockRing ring, Set<BlockRing.Slot> buffers) throws IOException {
        BlockRing.Slot slot = ring.awaitHead();
        buffers.add(slot);
        long index = slot.outOffset;
        ring.releaseHead();
        return index;
    }
}
