package io.encsync.core.cipher;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one pool of worker threads shared by every {@link ContentCipher} in the JVM.
 *
 * <p>Shared and static rather than owned by each cipher so that a cipher needs no {@code close()}
 * and concurrent transfers cannot multiply threads beyond the core count. The threads are daemons
 * and time out when idle, so an idle JVM (a Jenkins agent, a test run) holds none. The queue is
 * unbounded, but it never grows with file size: each stream keeps at most {@code 2 × parallelism}
 * blocks in flight.
 */
final class CipherThreads {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = createPool();

    private CipherThreads() {
    }

    static ThreadPoolExecutor pool() {
        return POOL;
    }

    private static ThreadPoolExecutor createPool() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
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
