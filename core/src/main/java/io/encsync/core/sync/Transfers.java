package io.encsync.core.sync;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.cipher.ThreadBudget;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the per-file jobs of a plan on a fixed pool of {@code transfers} threads, collects one
 * {@link FileError} per failed file (one bad file never hides the others), and reports progress.
 *
 * <p>Memory: the queue holds one small closure per planned action (listing-sized); the jobs
 * themselves stream. A {@link WrongPasswordException} is fatal: it stops every job and is rethrown
 * by {@link #await()}. If the thread calling {@link #await()} is interrupted, every worker is
 * interrupted, their jobs abort (temp files removed, atomic writes never completed), and
 * {@code await} throws {@link CancellationException} with the interrupt flag set again.
 *
 * <p>Threads: a running job counts against the JVM's {@link ThreadBudget}, so the cipher's block
 * workers get only the cores that busy transfers leave free.
 */
final class Transfers implements AutoCloseable {
    /** One file's work; returns the plaintext bytes moved. */
    interface Job {
        long run() throws Exception;
    }

    private static final AtomicInteger POOL_COUNTER = new AtomicInteger();

    private final ExecutorService pool;
    private final ScheduledExecutorService ticker;
    private final SyncListener listener;
    private final ConcurrentLinkedQueue<FileError> errors = new ConcurrentLinkedQueue<>();
    private final AtomicReference<RuntimeException> fatal = new AtomicReference<>();
    private final AtomicLong filesDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final long filesTotal;
    private final long bytesTotal;
    private final long startNanos = System.nanoTime();

    Transfers(int threads, SyncListener listener, Duration progressInterval, long filesTotal, long bytesTotal) {
        int pool = POOL_COUNTER.incrementAndGet();
        this.pool = Executors.newFixedThreadPool(threads, daemon("encsync-transfer-" + pool + "-"));
        this.listener = listener;
        this.filesTotal = filesTotal;
        this.bytesTotal = bytesTotal;
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemon("encsync-progress-" + pool + "-"));
        long ms = Math.max(1, progressInterval.toMillis());
        ticker.scheduleAtFixedRate(() -> listener.onProgress(snapshot()), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Queues {@code job} for {@code action}; its outcome is reported to the listener. */
    void submit(Action action, Job job) {
        pool.execute(() -> {
            if (fatal.get() != null || Thread.currentThread().isInterrupted()) {
                return;
            }
            FileError error = null;
            long bytes = 0;
            ThreadBudget.enter();
            try {
                bytes = job.run();
            } catch (WrongPasswordException e) {
                fatal.compareAndSet(null, e);
                pool.shutdownNow();
                return;
            } catch (Exception e) {
                error = toError(action.path(), e);
                errors.add(error);
            } finally {
                ThreadBudget.exit();
            }
            filesDone.incrementAndGet();
            listener.onFileDone(action, bytes, error);
        });
    }

    /** Counts plaintext bytes as they stream, for progress. */
    void addBytes(long n) {
        bytesDone.addAndGet(n);
    }

    /**
     * Waits for every queued job.
     *
     * @throws WrongPasswordException if a job found the keys wrong
     * @throws CancellationException if the calling thread was interrupted
     */
    void await() {
        pool.shutdown();
        try {
            while (!pool.awaitTermination(1, TimeUnit.DAYS)) {
                // keep waiting: transfers have no time limit of their own
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            awaitUninterruptibly();
            Thread.currentThread().interrupt();
            throw new CancellationException("cancelled: unfinished files were not written");
        } finally {
            ticker.shutdownNow();
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        listener.onProgress(snapshot());
    }

    /** Every file error so far, in path order. */
    List<FileError> errors() {
        List<FileError> list = new ArrayList<>(errors);
        list.sort(Comparator.comparing(FileError::path));
        return list;
    }

    long bytesDone() {
        return bytesDone.get();
    }

    Progress snapshot() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long bytes = bytesDone.get();
        double rate = elapsed > 0 ? bytes / elapsed : 0;
        double eta = rate > 0 ? Math.max(0, bytesTotal - bytes) / rate : -1;
        return new Progress(filesDone.get(), filesTotal, bytes, bytesTotal, elapsed, rate, eta);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        ticker.shutdownNow();
    }

    private void awaitUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.DAYS)) {
                    break;
                }
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Maps a job failure to a file error; messages of our own exceptions already name the file. */
    static FileError toError(String path, Exception e) {
        String shown = Names.quote(path);
        if (e instanceof EncsyncException ee) {
            String msg = ee.getMessage();
            return new FileError(path, ee.category(), msg.contains(Names.escape(path)) ? msg : shown + ": " + msg);
        }
        if (e instanceof ClosedByInterruptException || e instanceof InterruptedIOException
                || e instanceof InterruptedException) {
            return new FileError(path, ErrorCategory.LOCAL_IO,
                    shown + ": interrupted — nothing was written; run again");
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return new FileError(path, ErrorCategory.LOCAL_IO, shown + ": " + e.getMessage()
                    + " — check that the file is readable and the disk has space");
        }
        return new FileError(path, ErrorCategory.LOCAL_IO, shown + ": unexpected failure " + e);
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
