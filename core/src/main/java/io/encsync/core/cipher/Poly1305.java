package io.encsync.core.cipher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The Poly1305 one-time authenticator of NaCl {@code secretbox} (RFC 8439, section 2.5): the tag
 * is {@code (sum of c_i * r^(q-i+1) mod 2^130-5) + s mod 2^128}, with {@code r} the clamped
 * first half of the 32-byte key and {@code s} the second half.
 *
 * <p>BouncyCastle's {@code Poly1305} works in radix 2^26 (five limbs, 25 32x32-bit products per
 * 16-byte block). Here the accumulator is two 64-bit limbs and a small third one, and {@code r}
 * two 64-bit limbs, so a block costs four 64x64-bit products (low and high halves) and two small
 * ones. {@code Poly1305Test} proves the tags identical to BouncyCastle's over random keys,
 * lengths and splits.
 *
 * <p>Not on the hot path yet: {@link ChunkCrypto} keeps BouncyCastle's, because ours replaces it
 * only if at least 1.5 times as fast in JMH. On a loaded 2-core machine, 12 alternating pairs of
 * {@code PrimitivesBenchmark} runs put {@code poly1305OursMiB} at 1.18 to 2.32 times
 * {@code poly1305MiB}; in the six pairs where BouncyCastle's ran near its quiet-machine speed,
 * 1.41 to 1.53 times (about 1,600 against 1,100 MiB/s). Measure again on a quiet machine before
 * switching. About a third of a block's instructions are carries: Java has no add-with-carry, so
 * each one is worked out from top bits.
 *
 * <p>Constant time by construction: secret values only meet additions, multiplications, shifts
 * and masks; carries are computed from the operands' top bits, and the final reduction selects
 * with a mask. No branch and no array index depends on the key or the data, only on lengths.
 *
 * <p>Use: {@link #init} with a fresh 32-byte key, {@link #update} over the data in any pieces,
 * {@link #doFinal}, which writes the tag and forgets the key; {@link #clear} forgets it without a
 * tag. One instance per thread; not thread-safe.
 */
final class Poly1305 {
    static final int KEY_SIZE = 32;
    static final int TAG_SIZE = 16;
    private static final int BLOCK = 16;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** {@code r} (clamped, so both limbs are below 2^60 and {@code r1} is a multiple of 4). */
    private long r0;
    private long r1;
    /** {@code 5 * r1 / 4}: {@code h1 * 2^64 * r1 * 2^64 = h1 * (r1 / 4) * 2^130 = h1 * s1} mod p. */
    private long s1;
    /** {@code s}, added at the end. */
    private long pad0;
    private long pad1;
    /** The accumulator {@code h = h0 + h1 * 2^64 + h2 * 2^128} mod p; {@code h2} not yet folded (see {@link #blocks}). */
    private long h0;
    private long h1;
    private long h2;
    /** A partial block waiting for more data: bytes {@code [0, buffered)}. */
    private final byte[] buffer = new byte[BLOCK];
    private int buffered;
    private boolean keyed;

    /** Keys the authenticator with the 32-byte one-time key {@code key[off, off+32)}, read and not kept. */
    void init(byte[] key, int off) {
        Objects.checkFromIndexSize(off, KEY_SIZE, key.length);
        long k0 = (long) LONGS.get(key, off);
        long k1 = (long) LONGS.get(key, off + 8);
        // Clamping (RFC 8439): r &= 0x0ffffffc0ffffffc0ffffffc0fffffff.
        r0 = k0 & 0x0ffffffc0fffffffL;
        r1 = k1 & 0x0ffffffc0ffffffcL;
        s1 = r1 + (r1 >>> 2);
        pad0 = (long) LONGS.get(key, off + 16);
        pad1 = (long) LONGS.get(key, off + 24);
        h0 = h1 = h2 = 0;
        buffered = 0;
        keyed = true;
    }

    /** Adds {@code buf[off, off+len)} to the message. */
    void update(byte[] buf, int off, int len) {
        checkKeyed();
        Objects.checkFromIndexSize(off, len, buf.length);
        if (buffered > 0) {
            int take = Math.min(len, BLOCK - buffered);
            System.arraycopy(buf, off, buffer, buffered, take);
            buffered += take;
            off += take;
            len -= take;
            if (buffered < BLOCK) {
                return;
            }
            blocks(buffer, 0, BLOCK, 1);
            buffered = 0;
        }
        int whole = len & -BLOCK;
        if (whole > 0) {
            blocks(buf, off, whole, 1);
        }
        if (whole < len) {
            System.arraycopy(buf, off + whole, buffer, 0, len - whole);
            buffered = len - whole;
        }
    }

    /** Writes the 16-byte tag to {@code out[outOff, outOff+16)}, then forgets the key ({@link #clear}). */
    void doFinal(byte[] out, int outOff) {
        checkKeyed();
        Objects.checkFromIndexSize(outOff, TAG_SIZE, out.length);
        if (buffered > 0) {
            // The last, short block: its bytes, then 1, then zeros, and no 2^128 bit.
            buffer[buffered] = 1;
            Arrays.fill(buffer, buffered + 1, BLOCK, (byte) 0);
            blocks(buffer, 0, BLOCK, 0);
        }
        // Fold h2: then h is below 2^130 + 2^64, so below 2 * p.
        long fold = (this.h2 >>> 2) + (this.h2 & ~3L);
        long h0 = this.h0 + fold;
        long c = carry(this.h0, fold, h0);
        long h1 = this.h1 + c;
        c = carrySmall(this.h1, h1);
        long h2 = (this.h2 & 3) + c;
        // If h + 5 reaches 2^130, then h >= p and h - p = h + 5 - 2^130, whose low 128 bits are
        // g0, g1; select them with a mask, not a branch.
        long g0 = h0 + 5;
        c = carrySmall(h0, g0);
        long g1 = h1 + c;
        c = carrySmall(h1, g1);
        long g2 = h2 + c;
        long mask = -(g2 >>> 2);
        long t0 = (h0 & ~mask) | (g0 & mask);
        long t1 = (h1 & ~mask) | (g1 & mask);
        // tag = (h + s) mod 2^128
        long f0 = t0 + pad0;
        c = carry(t0, pad0, f0);
        long f1 = t1 + pad1 + c;
        LONGS.set(out, outOff, f0);
        LONGS.set(out, outOff + 8, f1);
        clear();
    }

    /** Forgets the key, the accumulator and any buffered data. {@link #init} keys it again. */
    void clear() {
        r0 = r1 = s1 = pad0 = pad1 = 0;
        h0 = h1 = h2 = 0;
        Arrays.fill(buffer, (byte) 0);
        buffered = 0;
        keyed = false;
    }

    private void checkKeyed() {
        if (!keyed) {
            throw new IllegalStateException("Poly1305 used before init (or after doFinal or clear)");
        }
    }

    /**
     * Absorbs the {@code len / 16} whole blocks at {@code in[off, off+len)}, each as
     * {@code h = (h + block + hibit * 2^128) * r} mod {@code p = 2^130 - 5}.
     *
     * <p>Between blocks {@code h2} is left unfolded (below 2^63): the next block folds it while
     * adding its message, so the fold's carries and the addition's are resolved together.
     */
    private void blocks(byte[] in, int off, int len, long hibit) {
        final long r0 = this.r0;
        final long r1 = this.r1;
        final long s1 = this.s1;
        long h0 = this.h0;
        long h1 = this.h1;
        long h2 = this.h2;
        for (int end = off + len; off < end; off += BLOCK) {
            long m0 = (long) LONGS.get(in, off);
            long m1 = (long) LONGS.get(in, off + 8);
            // a = h + m + hibit * 2^128, with h2 * 2^128 = 5 * (h2 >>> 2) + (h2 & 3) * 2^128 mod p.
            // The sum of h0 and m0 does not wait for the fold; its carry and the fold's carry
            // (at most 2 together) go into the middle limb at once.
            long fold = (h2 >>> 2) + (h2 & ~3L);
            long x0 = h0 + m0;
            long cx0 = carry(h0, m0, x0);
            long x1 = h1 + m1;
            long cx1 = carry(h1, m1, x1);
            long a0 = x0 + fold;
            long a1 = x1 + cx0 + carry(x0, fold, a0); // fold is up to 5/4 * 2^63: a full carry
            long a2 = (h2 & 3) + cx1 + carrySmall(x1, a1) + hibit; // at most 6

            // d0 = a0*r0 + a1*s1 and d1 = a0*r1 + a1*r0 + a2*s1 + (d0 >>> 64) as 128-bit values, kept
            // as their low 64 bits and, for d1, its high bits added to a2*r0: the new h2.
            long p = a0 * r0;
            long q = a1 * s1;
            long d0 = p + q;
            long d0hi = umulh(a0, r0) + umulh(a1, s1) + carry(p, q, d0);

            p = a0 * r1;
            q = a1 * r0;
            long d1 = p + q;
            long d1hi = umulh(a0, r1) + umulh(a1, r0) + carry(p, q, d1);
            q = a2 * s1 + d0hi; // a2*s1 < 6 * 5/4 * 2^60 and d0hi < 9/4 * 2^60: no overflow
            p = d1;
            d1 = p + q;
            d1hi += carry(p, q, d1);
            h0 = d0;
            h1 = d1;
            h2 = a2 * r0 + d1hi; // a2*r0 < 6 * 2^60 and d1 < 2^125, so below 2^63
        }
        this.h0 = h0;
        this.h1 = h1;
        this.h2 = h2;
    }

    /**
     * The high 64 bits of the unsigned 128-bit product {@code a * b}, for {@code b} below 2^63:
     * the signed high half, corrected by {@code b} when {@code a}'s top bit is set (a is then
     * read as {@code a - 2^64}), with a mask rather than a branch.
     */
    private static long umulh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b);
    }

    /** The carry out of the 64-bit sum {@code s = a + b (+ carry in)}, from the top bits alone. */
    private static long carry(long a, long b, long s) {
        return ((a & b) | ((a | b) & ~s)) >>> 63;
    }

    /**
     * {@link #carry} when the addend (not passed) is below 2^63: then a carry out needs
     * {@code a}'s top bit set and leaves {@code s}'s clear.
     */
    private static long carrySmall(long a, long s) {
        return (a & ~s) >>> 63;
    }
}
