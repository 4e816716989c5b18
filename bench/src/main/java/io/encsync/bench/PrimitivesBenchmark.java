package io.encsync.bench;

import io.encsync.core.cipher.BenchAccess;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The primitives one content block costs, each alone on one thread, on one 64 KiB block: the
 * floor under {@link CipherBenchmark}. Every plaintext byte of a push or pull goes through
 * XSalsa20, Poly1305 and SHA-256 (the manifest's hash) once. Our own XSalsa20 and Poly1305
 * ({@code xsalsa20OursMiB}, {@code poly1305OursMiB}) are measured beside BouncyCastle's.
 *
 * <p>Scores are MiB/s: each invocation processes 16 blocks of 64 KiB, one MiB, so ops/s = MiB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrimitivesBenchmark {
    private static final int BLOCK = 64 * 1024;
    private static final int BLOCKS_PER_MIB = 16;

    private final byte[] in = new byte[BLOCK];
    private final byte[] out = new byte[BLOCK];
    private final byte[] tag = new byte[16];
    private final byte[] sealed = new byte[16 + BLOCK];
    private final int[] state = new int[16];
    private final int[] x = new int[16];
    private byte[] keyBytes;
    private KeyParameter key;
    private byte[] nonce;
    private XSalsa20Engine xsalsa;
    private Poly1305 poly;
    private MessageDigest sha256;
    private BenchAccess ours;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        Random r = new Random(1);
        r.nextBytes(in);
        byte[] k = new byte[32];
        r.nextBytes(k);
        keyBytes = k;
        key = new KeyParameter(k);
        ours = new BenchAccess(k);
        nonce = new byte[24];
        xsalsa = new XSalsa20Engine();
        poly = new Poly1305();
        sha256 = MessageDigest.getInstance("SHA-256");
    }

    /** BouncyCastle's XSalsa20 as its API offers it (keyed per block, as each block has its nonce). */
    @Benchmark
    public byte[] xsalsa20MiB() {
        for (int b = 0; b < BLOCKS_PER_MIB; b++) {
            xsalsa.init(true, new ParametersWithIV(key, nonce));
            xsalsa.processBytes(in, 0, BLOCK, out, 0);
        }
        return out;
    }

    /** Our XSalsa20 as the content cipher runs it: keyed per block, Poly1305 key taken, data XORed in place. */
    @Benchmark
    public byte[] xsalsa20OursMiB() {
        for (int b = 0; b < BLOCKS_PER_MIB; b++) {
            ours.xsalsa20(nonce, out, 0, BLOCK);
        }
        return out;
    }

    /** One content block sealed as the content cipher does it: our XSalsa20, then BouncyCastle's Poly1305. */
    @Benchmark
    public byte[] sealMiB() {
        for (int b = 0; b < BLOCKS_PER_MIB; b++) {
            ours.seal(nonce, b, sealed, 0, BLOCK);
        }
        return sealed;
    }

    /** BouncyCastle's Salsa20 core alone: keystream only, no XOR. */
    @Benchmark
    public int[] salsa20CoreMiB() {
        for (int i = 0; i < BLOCKS_PER_MIB * BLOCK / 64; i++) {
            state[8] = i;
            Salsa20Engine.salsaCore(20, state, x);
        }
        return x;
    }

    /** Our Poly1305 over the block, keyed per block as the content cipher does. */
    @Benchmark
    public byte[] poly1305OursMiB() {
        for (int b = 0; b < BLOCKS_PER_MIB; b++) {
            ours.poly1305(keyBytes, in, 0, BLOCK, tag);
        }
        return tag;
    }

    /** BouncyCastle's Poly1305 over the block. */
    @Benchmark
    public byte[] poly1305MiB() {
        for (int b = 0; b < BLOCKS_PER_MIB; b++) {
            poly.init(key);
            poly.update(in, 0, BLOCK);
            poly.doFinal(tag, 0);
        }
        return tag;
    }

    /** The JDK's SHA-256 (intrinsic where the CPU has SHA extensions), as the manifest hash runs. */
    @Benchmark
    public byte[] sha256MiB() {
        for (int b = 0; b < BLOCKS_PER_MIB; b++) {
            sha256.update(in, 0, BLOCK);
        }
        return sha256.digest();
    }
}
