package io.encsync.core.cipher;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one pool of worker threads shared by every {@link ContentCipher} in the JVM.
 *
 * <p>Shared and static rather than owned by each cipher so that a cipher needs no {@code close()}
 * and concurrent transfers cannot multiply threads beyond the core count. Its size follows
 * {@link ThreadBudget}: the cores that transfers leave free, at least one. The threads are daemons
 * and time out when idle, so an idle JVM (a Jenkins agent, a test run) holds none. The queue is
 * unbounded, but it never grows with file size: each stream keeps at most {@code 2 × parallelism}
 * blocks in flight.
 */
final class CipherThreads {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = createPool(ThreadBudget.cores());
    private static int size = ThreadBudget.cores(); // guarded by CipherThreads.class

    private CipherThreads() {
    }

    static ThreadPoolExecutor pool() {
        return POOL;
    }

    /**
     * Sets the pool to the size {@link ThreadBudget} allows now. Threads above a smaller size end
     * once their current block is done; a larger size starts threads for blocks already queued.
     * The size is read under the lock, so concurrent calls leave the latest one in place.
     */
    static synchronized void resize() {
        int target = ThreadBudget.workerThreads();
        if (target == size) {
            return;
        }
        // The core size may never exceed the maximum, so grow the maximum first and shrink it last.
        if (target > size) {
            POOL.setMaximumPoolSize(target);
            POOL.setCorePoolSize(target);
        } else {
            POOL.setCorePoolSize(target);
            POOL.setMaximumPoolSize(target);
        }
        size = target;
    }

    private static ThreadPoolExecutor createPool(int threads) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread t = new Thread(runnable, "encsync-cipher-" + COUNTER.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
