package io.encsync.core.cipher;

import static io.encsync.core.cipher.StreamHarness.NONCE;
import static io.encsync.core.cipher.StreamHarness.assertSameBytes;
import static io.encsync.core.cipher.StreamHarness.cipher;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.IntegrityException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Blocks sealed and opened on several workers give the same bytes as one thread, fail at the same
 * block with the same error, stop when interrupted, and share the JVM's thread budget with transfers.
 */
class ParallelBlocksTest {
    private static final int BLOCK = ContentCipher.BLOCK_DATA_SIZE;

    /** The edge sizes, plus random sizes of several MiB (seeded, so a failure can be replayed). */
    static Stream<Arguments> sizesAndWorkers() {
        Random random = new Random(20);
        List<Integer> sizes = new ArrayList<>(List.of(0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 17));
        for (int i = 0; i < 3; i++) {
            sizes.add((2 << 20) + random.nextInt(4 << 20));
        }
        return sizes.stream().flatMap(size -> IntStream.rangeClosed(1, 4).mapToObj(w -> Arguments.of(size, w)));
    }

    @ParameterizedTest(name = "{0} bytes, {1} workers")
    @MethodSource("sizesAndWorkers")
    void everyWorkerCountGivesTheSequentialBytesAndHash(int size, int workers) throws IOException {
        byte[] plain = new byte[size];
        new Random(size).nextBytes(plain);
        byte[] sequential;
        try (InputStream in = cipher(1).encryptingStream(new ByteArrayInputStream(plain), NONCE)) {
            sequential = in.readAllBytes();
        }
        ContentCipher parallel = cipher(workers);

        try (InputStream in = parallel.encryptingStream(new ByteArrayInputStream(plain), NONCE)) {
            assertSameBytes(in.readAllBytes(), sequential, "pull-style encryption");
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = parallel.encryptingStream(sink, NONCE)) {
            out.write(plain);
        }
        assertSameBytes(sink.toByteArray(), sequential, "push-style encryption");

        // As a pull reads it: in 64 KiB reads, hashing the plaintext in order.
        MessageDigest sha = sha256();
        ByteArrayOutputStream decrypted = new ByteArrayOutputStream();
        try (InputStream in = parallel.decryptingStream(new ByteArrayInputStream(sequential), "file.bin")) {
            byte[] buf = new byte[BLOCK];
            int n;
            while ((n = in.read(buf)) >= 0) {
                sha.update(buf, 0, n);
                decrypted.write(buf, 0, n);
            }
        }
        assertSameBytes(decrypted.toByteArray(), plain, "decryption");
        assertThat(sha.digest()).isEqualTo(sha256().digest(plain));
    }

    @Test
    void aFlippedByteInBlockKFailsThereWithTheSequentialErrorAndReleasesOnlyTheBlocksBeforeIt() throws IOException {
        byte[] plain = StreamHarness.plaintext(40 * BLOCK + 123);
        byte[] enc;
        try (InputStream in = cipher(1).encryptingStream(new ByteArrayInputStream(plain), NONCE)) {
            enc = in.readAllBytes();
        }
        int k = 23;
        enc[(int) ContentCipher.blockOffset(k) + 16 + 999] ^= 1;
        String expected = null;
        for (int workers = 1; workers <= 4; workers++) {
            ByteArrayOutputStream released = new ByteArrayOutputStream();
            InputStream in = cipher(workers).decryptingStream(new ByteArrayInputStream(enc), "dir/file.bin");
            byte[] buf = new byte[10_000];
            Throwable thrown = null;
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    released.write(buf, 0, n);
                }
            } catch (IntegrityException e) {
                thrown = e;
            }
            assertThat(thrown).as("%d workers", workers).isInstanceOf(BlockAuthenticationException.class)
                    .hasMessageContaining("dir/file.bin");
            if (expected == null) {
                expected = thrown.getMessage();
            }
            assertThat(thrown.getMessage()).isEqualTo(expected);
            assertThat(released.size()).as("plaintext released before the failure").isEqualTo(k * BLOCK);
            assertSameBytes(released.toByteArray(), java.util.Arrays.copyOf(plain, k * BLOCK), "released blocks");
            InputStream failed = in;
            assertThatThrownBy(() -> failed.read(buf)).as("sticky").isSameAs(thrown);
            in.close();
        }
    }

    @Test
    void anInterruptedReaderStopsAndLeavesNoQueuedBlocks() throws Exception {
        byte[] enc;
        try (InputStream in = cipher(1).encryptingStream(new ByteArrayInputStream(StreamHarness.plaintext(64 * BLOCK)),
                NONCE)) {
            enc = in.readAllBytes();
        }
        CountDownLatch stalled = new CountDownLatch(1);
        // The ciphertext of 20 blocks, then a source that waits until interrupted, as a stuck download would.
        InputStream stalling = new SequenceInputStream(new ByteArrayInputStream(enc, 0, 32 + 20 * (BLOCK + 16)),
                new InputStream() {
                    @Override
                    public int read() throws IOException {
                        stalled.countDown();
                        try {
                            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new InterruptedIOException("interrupted");
                        }
                        return -1;
                    }
                });
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        InputStream in = cipher(4).decryptingStream(stalling, "file.bin");
        Thread reader = new Thread(() -> {
            try {
                in.readAllBytes();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        reader.start();
        assertThat(stalled.await(60, TimeUnit.SECONDS)).isTrue();
        reader.interrupt();
        reader.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(reader.isAlive()).as("the reader stopped").isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
        // The pool is the JVM's: a worker may still be taking a cancelled block off the queue (or
        // another test class's blocks pass through it), so wait until both drain, bounded.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((!CipherThreads.pool().getQueue().isEmpty() || CipherThreads.pool().getActiveCount() > 0)
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertThat(CipherThreads.pool().getQueue().size()).as("blocks left queued").isZero();
        assertThat(CipherThreads.pool().getActiveCount()).as("workers still busy with its blocks").isZero();
        assertThatThrownBy(() -> in.read()).isInstanceOf(InterruptedIOException.class);
    }

    @Test
    void theWorkerPoolGetsTheCoresThatBusyTransfersLeave() {
        int cores = ThreadBudget.cores();
        assertThat(CipherThreads.pool().getMaximumPoolSize()).isEqualTo(cores);
        for (int busy = 1; busy <= cores + 1; busy++) {
            ThreadBudget.enter();
            assertThat(CipherThreads.pool().getMaximumPoolSize()).as("%d busy", busy)
                    .isEqualTo(Math.max(1, cores - busy));
        }
        for (int busy = cores + 1; busy >= 1; busy--) {
            ThreadBudget.exit();
        }
        assertThat(CipherThreads.pool().getMaximumPoolSize()).isEqualTo(cores);
        assertThat(ThreadBudget.busy()).isZero();
    }

    @Test
    void whenTransfersTakeEveryCoreBlocksStayOnTheirOwnThread() throws IOException {
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        enterAll();
        try {
            BlockRing ring = new BlockRing(4, slot -> threads.add(Thread.currentThread()));
            for (int block = 0; block < 100; block++) {
                if (ring.isFull()) {
                    ring.awaitHead();
                    ring.releaseHead();
                }
                ring.tail().blockIndex = block;
                ring.submit(false);
            }
            assertThat(threads).hasSize(100).containsOnly(Thread.currentThread());
        } finally {
            exitAll();
        }
    }

    @Test
    void aBlockFailingOnItsOwnThreadIsReportedAfterTheQueuedBlocksBeforeIt() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        IntegrityException boom = new IntegrityException("block 2 is bad");
        BlockRing ring = new BlockRing(3, slot -> {
            if (slot.blockIndex == 2) {
                throw boom;
            }
            awaitQuietly(release);
        });
        for (int block = 0; block < 2; block++) {
            ring.tail().blockIndex = block; // handed to the pool: a core is spare
            ring.submit(false);
        }
        enterAll();
        try {
            ring.tail().blockIndex = 2; // processed here, after 0 and 1 were queued
            ring.submit(false);
        } finally {
            exitAll();
        }
        release.countDown();
        assertThat(ring.awaitHead().blockIndex).isEqualTo(0);
        ring.releaseHead();
        assertThat(ring.awaitHead().blockIndex).isEqualTo(1);
        ring.releaseHead();
        assertThatThrownBy(ring::awaitHead).isSameAs(boom);
    }

    @Test
    void defaultParallelismIsTheCoresUnlessTheBenchmarkPropertySetsIt() {
        String before = System.getProperty(ContentCipher.THREADS_PROPERTY);
        try {
            System.clearProperty(ContentCipher.THREADS_PROPERTY);
            assertThat(ContentCipher.defaultParallelism())
                    .isEqualTo(Math.min(ContentCipher.MAX_PARALLELISM, Runtime.getRuntime().availableProcessors()));
            System.setProperty(ContentCipher.THREADS_PROPERTY, "1");
            assertThat(ContentCipher.defaultParallelism()).isEqualTo(1);
            System.setProperty(ContentCipher.THREADS_PROPERTY, "0");
            assertThatThrownBy(ContentCipher::defaultParallelism)
                    .hasMessage("encsync.cipher.threads must be a number from 1 to 64, was \"0\"");
        } finally {
            if (before == null) {
                System.clearProperty(ContentCipher.THREADS_PROPERTY);
            } else {
                System.setProperty(ContentCipher.THREADS_PROPERTY, before);
            }
        }
    }

    private static void enterAll() {
        for (int i = 0; i < ThreadBudget.cores(); i++) {
            ThreadBudget.enter();
        }
    }

    private static void exitAll() {
        for (int i = 0; i < ThreadBudget.cores(); i++) {
            ThreadBudget.exit();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
