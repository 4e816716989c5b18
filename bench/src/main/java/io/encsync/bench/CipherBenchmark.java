package io.encsync.bench;

import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.keys.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of the content cipher on one 64 MiB file held in memory, streamed through the public
 * streams as an upload or a download would be, and a download's decrypt-and-hash.
 *
 * <p>Scores are in MB/s of plaintext: each invocation counts as {@value #MIB} operations of one
 * MiB ({@code @OperationsPerInvocation}) and the mode is throughput per second, so ops/s = MiB/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CipherBenchmark {
    static final int MIB = 64;
    private static final int SIZE = MIB << 20;

    /**
     * Blocks processed at once: 1 (caller's thread only, no queues), 2, or "all" available
     * processors. Outside a transfer the shared worker pool has one thread per core.
     */
    @Param({"1", "2", "all"})
    public String parallelism;

    private ContentCipher cipher;
    private byte[] plaintext;
    private byte[] ciphertext;
    private byte[] nonce;
    private final byte[] buffer = new byte[128 * 1024];

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        int threads = parallelism.equals("all")
                ? Runtime.getRuntime().availableProcessors()
                : Integer.parseInt(parallelism);
        byte[] key = new byte[32];
        new Random(1).nextBytes(key);
        cipher = ContentCipher.create(SecretBytes.copyOf(key), new SecureRandom(), threads);
        plaintext = new byte[SIZE];
        new Random(2).nextBytes(plaintext);
        nonce = cipher.newNonce();
        try (InputStream in = cipher.encryptingStream(new ByteArrayInputStream(plaintext), nonce)) {
            ciphertext = in.readAllBytes();
        }
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public long encryptPull() throws IOException {
        try (InputStream in = cipher.encryptingStream(new ByteArrayInputStream(plaintext), nonce)) {
            return drain(in);
        }
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public long encryptPush() throws IOException {
        CountingSink sink = new CountingSink();
        try (OutputStream out = cipher.encryptingStream(sink, nonce)) {
            for (int off = 0; off < SIZE; off += buffer.length) {
                out.write(plaintext, off, Math.min(buffer.length, SIZE - off));
            }
        }
        return sink.count;
    }

    @Benchmark
    @OperationsPerInvocation(MIB)
    public long decrypt() throws IOException {
        try (InputStream in = cipher.decryptingStream(new ByteArrayInputStream(ciphertext), "bench")) {
            return drain(in);
        }
    }

    /**
     * A pull's work on one file without its I/O: blocks opened on the workers, the plaintext hashed
     * with SHA-256 in order on the calling thread (the manifest check), as {@code Pull} does.
     */
    @Benchmark
    @OperationsPerInvocation(MIB)
    public byte[] decryptAndHash() throws IOException, NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream in = cipher.decryptingStream(new ByteArrayInputStream(ciphertext), "bench")) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                sha256.update(buffer, 0, n);
            }
        }
        return sha256.digest();
    }

    private long drain(InputStream in) throws IOException {
        long total = 0;
        int n;
        while ((n = in.read(buffer)) >= 0) {
            total += n;
        }
        return total;
    }

    /** A sink that keeps nothing, so the benchmark measures the cipher and not a copy. */
    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
