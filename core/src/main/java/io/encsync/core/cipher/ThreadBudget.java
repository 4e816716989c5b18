package io.encsync.core.cipher;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One budget of threads per JVM, shared by file transfers and the cipher's block workers, so that
 * a busy machine (a Jenkins agent running several jobs) is not oversubscribed.
 *
 * <p>The rule: the budget is the number of cores. Every thread that is busy with a transfer
 * ({@link #enter()} … {@link #exit()}) takes one; the cipher's worker pool gets what is left,
 * {@code max(1, cores − busy)} threads. A cipher stream hands a block to the pool only while
 * {@code busy < cores}; otherwise it processes the block on its own thread, exactly as with
 * parallelism 1. So one large file uses every core (its transfer thread plus {@code cores − 1}
 * workers), and {@code transfers ≥ cores} busy files run one thread each with no hand-offs.
 *
 * <p>A stream read outside any transfer (busy = 0) may use the whole pool beside its own thread.
 */
public final class ThreadBudget {
    private static final int CORES = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final AtomicInteger BUSY = new AtomicInteger();

    private ThreadBudget() {
    }

    /** Marks the calling thread busy with a transfer until {@link #exit()}; call both in try/finally. */
    public static void enter() {
        BUSY.incrementAndGet();
        CipherThreads.resize();
    }

    /** Ends what {@link #enter()} began. */
    public static void exit() {
        BUSY.decrementAndGet();
        CipherThreads.resize();
    }

    /** Whether a block may go to the worker pool now: some core is not taken by a transfer. */
    static boolean hasSpareCore() {
        return BUSY.get() < CORES;
    }

    /** The worker pool's size now: the cores no transfer takes, at least one. */
    static int workerThreads() {
        return Math.max(1, CORES - BUSY.get());
    }

    static int cores() {
        return CORES;
    }

    /** Threads busy with transfers now (for tests). */
    static int busy() {
        return BUSY.get();
    }
}
