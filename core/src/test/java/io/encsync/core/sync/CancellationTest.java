package io.encsync.core.sync;

import static io.encsync.core.sync.Fixtures.T0;
import static io.encsync.core.sync.Fixtures.pattern;
import static io.encsync.core.sync.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestStore;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.MemoryStore;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interrupting the calling thread (how Jenkins aborts a build) stops a transfer and leaves nothing half-written. */
class CancellationTest {
    private static CryptContext ctx;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() {
        ctx = Fixtures.context();
    }

    @AfterAll
    static void close() {
        ctx.close();
    }

    @Test
    void interruptingAPullLeavesNoPartialFile() throws Exception {
        Path src = tmp.resolve("src");
        write(src, "big.bin", pattern(1_000_000, 1), T0);
        MemoryStore memory = new MemoryStore();
        Push.run(src, memory, ctx, SyncOptions.defaults(), SyncListener.NONE);
        StallingStore store = new StallingStore(memory);
        Path out = tmp.resolve("out");

        Throwable thrown = runAndInterrupt(() -> Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE),
                store.stalled);
        assertThat(thrown).isInstanceOf(CancellationException.class).hasMessageContaining("cancelled");
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("no final file, no temp file").isEmpty();
        }
    }

    @Test
    void interruptingAParallelPullWithBlocksInFlightLeavesNoPartialFileAndNoTransferThread() throws Exception {
        Path src = tmp.resolve("src");
        write(src, "big.bin", pattern(3_000_000, 1), T0);
        MemoryStore memory = new MemoryStore();
        Push.run(src, memory, ctx, SyncOptions.defaults(), SyncListener.NONE);
        // Past 1 MB the ring of 2 × 4 blocks is full and workers are opening blocks when the interrupt comes.
        StallingStore store = new StallingStore(memory, 1_000_000);
        Path out = tmp.resolve("out");
        try (CryptContext four = CryptContext.open(Fixtures.config(), 4)) {
            Throwable thrown = runAndInterrupt(() -> Pull.run(store, out, four, SyncOptions.defaults(),
                    SyncListener.NONE), store.stalled);
            assertThat(thrown).isInstanceOf(CancellationException.class);
        }
        try (Stream<Path> files = Files.walk(out)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("no final file, no temp file").isEmpty();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // a thread outlives its pool by moments
        while (transferThreads() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(transferThreads()).as("transfer threads still alive").isZero();
    }

    private static long transferThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("encsync-transfer-")).count();
    }

    @Test
    void interruptingAPushLeavesNoPartialObjectAndAConsistentManifest() throws Exception {
        Path src = tmp.resolve("src");
        write(src, "big.bin", pattern(1_000_000, 1), T0);
        write(src, "small.txt", "small".getBytes(java.nio.charset.StandardCharsets.UTF_8), T0);
        MemoryStore memory = new MemoryStore();
        StallingStore store = new StallingStore(memory);

        Throwable thrown = runAndInterrupt(() -> Push.run(src, store, ctx,
                SyncOptions.builder().transfers(1).build(), SyncListener.NONE), store.stalled);
        assertThat(thrown).isInstanceOf(CancellationException.class);
        assertThat(thrown.getSuppressed()).isEmpty();
        // big.bin (first in path order) stalled and was abandoned; small.txt never started.
        assertThat(memory.list()).extracting(StoreObject::key).containsExactly(Manifest.KEY);
        assertThat(ManifestStore.read(memory, ctx).orElseThrow().entries()).isEmpty();

        SyncResult next = Push.run(src, memory, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(next.transferred()).isEqualTo(2);
        assertThat(Pull.run(memory, tmp.resolve("out"), ctx, SyncOptions.defaults(), SyncListener.NONE).errors()).isEmpty();
    }

    /** Runs {@code body} on a thread, interrupts it once {@code stalled} fires, returns what it threw. */
    private static Throwable runAndInterrupt(Runnable body, CountDownLatch stalled) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        assertThat(stalled.await(60, TimeUnit.SECONDS)).as("transfer reached the stall").isTrue();
        t.interrupt();
        t.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(t.isAlive()).as("the run stopped after the interrupt").isFalse();
        assertThat(flagAfter.get()).as("interrupt flag restored").isTrue();
        return thrown.get();
    }

    /** A real store whose object streams (read and write) stop after 100 KB (or more) until interrupted. */
    private static final class StallingStore implements Store {
        private final Store delegate;
        private final long stallAfter;
        final CountDownLatch stalled = new CountDownLatch(1);

        StallingStore(Store delegate) {
            this(delegate, 100_000);
        }

        StallingStore(Store delegate, long stallAfter) {
            this.delegate = delegate;
            this.stallAfter = stallAfter;
        }

        private InputStream stalling(InputStream in) {
            return new FilterInputStream(in) {
                private long seen;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (seen > stallAfter) {
                        stalled.countDown();
                        try {
                            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException("interrupted");
                        }
                    }
                    int n = super.read(b, off, len);
                    seen += Math.max(n, 0);
                    return n;
                }
            };
        }

        @Override
        public boolean putIfAbsent(String key, ContentSource content, Instant modTime) {
            return delegate.putIfAbsent(key, content, modTime);
        }

        @Override
        public String describe() {
            return "stalling " + delegate.describe();
        }

        @Override
        public List<StoreObject> list() {
            return delegate.list();
        }

        @Override
        public Optional<StoreObject> stat(String key) {
            return delegate.stat(key);
        }

        @Override
        public InputStream open(String key, long offset, long length) {
            InputStream in = delegate.open(key, offset, length);
            return key.equals(Manifest.KEY) ? in : stalling(in);
        }

        @Override
        public void put(String key, ContentSource content, Instant modTime) {
            delegate.put(key, new ContentSource() {
                @Override
                public long length() {
                    return content.length();
                }

                @Override
                public InputStream open() throws IOException {
                    return key.equals(Manifest.KEY) ? content.open() : stalling(content.open());
                }
            }, modTime);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }
    }
}
