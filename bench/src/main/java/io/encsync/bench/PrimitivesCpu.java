package io.encsync.bench;

import io.encsync.core.cipher.BenchAccess;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.util.Random;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The primitives of {@link PrimitivesBenchmark} in CPU seconds per GiB of this thread, not MiB/s of
 * wall time: on a machine other jobs share, a thread's CPU time is what stays comparable with the
 * CPU time ({@code user + sys}) of a whole push or pull.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.encsync.bench.PrimitivesCpu [GiB per measurement, default 2] [rounds, default 3]</pre>
 *
 * <p>Each primitive runs over 64 KiB blocks as the content cipher runs it (our XSalsa20 keyed per
 * block, BouncyCastle's Poly1305 keyed per block, the JDK's SHA-256), first for a warm-up of the
 * same size, then {@code rounds} times; it prints each primitive's lowest CPU s/GiB and their sum.
 */
public final class PrimitivesCpu {
    private static final int BLOCK = 64 * 1024;
    private static final int BLOCKS_PER_GIB = 16 * 1024;

    private PrimitivesCpu() {
    }

    public static void main(String[] args) throws Exception {
        double gib = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int blocks = (int) (gib * BLOCKS_PER_GIB);
        Random r = new Random(1);
        byte[] buf = new byte[16 + BLOCK];
        r.nextBytes(buf);
        byte[] key = new byte[32];
        r.nextBytes(key);
        byte[] nonce = new byte[24];
        byte[] tag = new byte[16];
        BenchAccess ours = new BenchAccess(key);
        Poly1305 poly = new Poly1305();
        KeyParameter polyKey = new KeyParameter(key);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");

        String[] names = {"XSalsa20 (ours)", "Poly1305 (BouncyCastle)", "SHA-256 (JDK)", "seal (ours + BC Poly1305)"};
        Runnable[] work = {
            () -> { for (int b = 0; b < blocks; b++) { ours.xsalsa20(nonce, buf, 16, BLOCK); } },
            () -> { for (int b = 0; b < blocks; b++) { poly.init(polyKey); poly.update(buf, 16, BLOCK); poly.doFinal(tag, 0); } },
            () -> { for (int b = 0; b < blocks; b++) { sha.update(buf, 16, BLOCK); } sha.digest(); },
            () -> { for (int b = 0; b < blocks; b++) { ours.seal(nonce, b, buf, 0, BLOCK); } },
        };
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sum = 0;
        for (int i = 0; i < work.length; i++) {
            work[i].run(); // warm-up: compiled by C2 before the measured rounds
            double best = Double.MAX_VALUE;
            for (int k = 0; k < rounds; k++) {
                long t0 = mx.getCurrentThreadCpuTime();
                work[i].run();
                best = Math.min(best, (mx.getCurrentThreadCpuTime() - t0) / 1e9 / gib);
            }
            System.out.printf("%-28s %6.3f s CPU/GiB  (%5.0f MiB/s of CPU)%n", names[i], best, 1024 / best);
            if (i < 3) {
                sum += best;
            }
        }
        System.out.printf("%-28s %6.3f s CPU/GiB%n", "sum XSalsa20+Poly1305+SHA-256", sum);
        System.out.printf("%-28s %6.3f s CPU/GiB%n", "1.3 x the sum", 1.3 * sum);
    }
}
