package io.encsync.core.artifacts;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body whose every read must return within a time limit. The JDK's HTTP client has a
 * limit for the answer's headers only: a server that stops sending in the middle of a body would
 * block the reader forever. A shared watchdog thread closes the body under a read that has waited
 * longer than the limit; that read then fails with a {@link SocketTimeoutException}, an I/O error
 * the caller retries like a broken connection. Time spent by the caller between reads (writing
 * to disk) does not count.
 */
final class ReadTimeoutInputStream extends FilterInputStream {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "encsync-read-timeout");
        t.setDaemon(true);
        return t;
    });

    private final Duration timeout;
    private final ScheduledFuture<?> check;
    /** {@link System#nanoTime()} when the read in progress started; 0 when none is. */
    private volatile long readingSince;
    private volatile boolean timedOut;

    ReadTimeoutInputStream(InputStream in, Duration timeout) {
        super(in);
        this.timeout = timeout;
        long period = Math.max(10, Math.min(1000, timeout.toMillis() / 4));
        this.check = WATCHDOG.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        long since = readingSince;
        if (since != 0 && System.nanoTime() - since > timeout.toNanos() && !timedOut) {
            timedOut = true;
            check.cancel(false);
            try {
                in.close(); // wakes the blocked read
            } catch (IOException | RuntimeException ignored) {
                // the read fails with the timeout either way
            }
        }
    }

    private SocketTimeoutException stalled() {
        return new SocketTimeoutException("no data from S3 for " + timeout.toMillis() / 1000.0
                + " s in the middle of the download (read timeout)");
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (timedOut) {
            throw stalled();
        }
        readingSince = System.nanoTime();
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            if (timedOut) {
                throw stalled();
            }
            throw e;
        } finally {
            readingSince = 0;
        }
        if (timedOut) {
            throw stalled();
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public void close() throws IOException {
        check.cancel(false);
        super.close();
    }
}
