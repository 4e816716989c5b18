package io.encsync.core.cipher;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * A fixed ring of block buffers processed in order, on worker threads when {@code parallelism > 1}.
 *
 * <p>The owning stream fills the {@link #tail()} slot, {@link #submit submits} it, and later takes
 * results from the {@link #awaitHead() head} in submission order. At most {@code 2 × parallelism}
 * slots exist, so memory is bounded whatever the file size, and buffers are reused for the whole
 * stream. The thread waiting on the head runs queued blocks itself while no worker has started
 * them, which keeps every core busy (the consumer is one of them) and keeps a stream moving even
 * when the shared pool is busy with other streams.
 *
 * <p>Not thread-safe: one stream owns a ring and calls it from one thread at a time.
 */
final class BlockRing {
    /** One block buffer: {@code tag(16) || data(65536)}, processed in place. */
    static final class Slot {
        final byte[] buf = new byte[ContentCipher.BLOCK_HEADER_SIZE + ContentCipher.BLOCK_DATA_SIZE];
        /** Bytes read into the slot by the producer. */
        int length;
        long blockIndex;
        /** The processor's result: where the output bytes are in {@link #buf}. */
        int outOffset;
        int outLength;
        FutureTask<Void> task;
    }

    /** Turns a filled slot into output in place; may throw an {@code IntegrityException}. */
    interface Processor {
        void process(Slot slot);
    }

    private final Slot[] slots;
    private final Processor processor;
    private final ThreadPoolExecutor executor;
    private int head;
    private int count;

    BlockRing(int parallelism, Processor processor) {
        // Slots are created on first use: a small file touches one 64 KiB buffer, not 2 × parallelism.
        this.slots = new Slot[parallelism == 1 ? 1 : 2 * parallelism];
        this.processor = processor;
        this.executor = parallelism == 1 ? null : CipherThreads.pool();
    }

    boolean isFull() {
        return count == slots.length;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** How many block buffers exist so far (for tests of the memory bound). */
    int allocatedSlots() {
        int n = 0;
        for (Slot slot : slots) {
            n += slot == null ? 0 : 1;
        }
        return n;
    }

    /** The free slot to fill next. Only valid while the ring is not full. */
    Slot tail() {
        if (isFull()) {
            throw new IllegalStateException("ring is full");
        }
        int i = (head + count) % slots.length;
        if (slots[i] == null) {
            slots[i] = new Slot();
        }
        return slots[i];
    }

    /**
     * Queues the {@link #tail()} slot. {@code inline} processes it now on this thread: used when
     * no other block is in flight and none will follow (a small file or the only block), where a
     * thread hand-off would cost more than it saves. The block is also processed here when
     * transfers take every core ({@link ThreadBudget}). A failure with nothing queued before it is
     * thrown right here; with blocks queued before it, it is kept and thrown by
     * {@link #awaitHead()} in its turn, so errors stay in block order.
     */
    void submit(boolean inline) {
        Slot slot = tail();
        if (executor == null || (inline && count == 0)) {
            slot.task = null;
            processor.process(slot);
        } else if (!ThreadBudget.hasSpareCore()) {
            slot.task = new FutureTask<>(() -> processor.process(slot), null);
            slot.task.run();
        } else {
            slot.task = new FutureTask<>(() -> processor.process(slot), null);
            executor.execute(slot.task);
        }
        count++;
    }

    /** Waits for the oldest queued slot and returns it, or throws what processing it threw. */
    Slot awaitHead() throws IOException {
        if (count == 0) {
            throw new IllegalStateException("ring is empty");
        }
        Slot slot = slots[head];
        FutureTask<Void> task = slot.task;
        if (task != null) {
            help(task);
            try {
                task.get();
            } catch (ExecutionException e) {
                cancelAll();
                throw rethrow(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelAll();
                throw new InterruptedIOException("interrupted while waiting for a cipher block");
            } catch (CancellationException e) {
                throw new IOException("cipher stream was closed", e);
            }
        }
        return slot;
    }

    /**
     * Instead of sleeping until the head block is done, runs this ring's blocks that no worker has
     * started yet, head first. {@code FutureTask.run()} does nothing for a block that is running or
     * done, so each block still runs exactly once.
     */
    private void help(FutureTask<Void> headTask) {
        for (int i = 0; i < count && !headTask.isDone(); i++) {
            FutureTask<Void> task = slots[(head + i) % slots.length].task;
            if (task != null) {
                task.run();
            }
        }
    }

    /** Frees the head slot after its output was consumed. */
    void releaseHead() {
        slots[head].task = null;
        head = (head + 1) % slots.length;
        count--;
    }

    /**
     * Cancels queued blocks that no worker started and takes them out of the shared queue, so a
     * closed stream leaves no work behind. Blocks already running finish on their own within one
     * block's time and write only into this ring's buffers, which nobody reads again.
     */
    void cancelAll() {
        for (int i = 0; i < count; i++) {
            FutureTask<Void> task = slots[(head + i) % slots.length].task;
            if (task != null && task.cancel(false)) {
                executor.remove(task);
            }
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
