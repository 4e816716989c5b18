package io.encsync.core.cipher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * The XSalsa20 keystream of NaCl {@code secretbox}: HSalsa20 turns the key and nonce bytes 0..15
 * into a sub-key, then Salsa20/20 runs under that sub-key with nonce bytes 16..23 and a 64-bit
 * little-endian block counter from 0 (Bernstein, "Extending the Salsa20 nonce", 2008).
 *
 * <p>Why ours and not BouncyCastle's {@code XSalsa20Engine}: its {@code processBytes} XORs one
 * byte at a time and checks position and byte limit on every byte, and its Salsa20 core works on
 * arrays. Here the data is XORed inside the block function, four bytes at a time through a
 * little-endian view, while the state stays in local variables. {@code XSalsa20Test} proves the
 * output byte-identical to BouncyCastle's over random keys, nonces, lengths, offsets, splits and
 * positions; BouncyCastle keeps Poly1305, scrypt and everything else.
 *
 * <p>Constant time by construction: secret words only meet 32-bit additions, rotations and XORs;
 * no branch and no array index depends on the key, the nonce or the data, only on lengths.
 *
 * <p>Use: {@link #init}, then optionally {@link #start} (secretbox's Poly1305 key) or
 * {@link #seek}, then {@link #xor} over the data in order; {@link #clear} when done. One instance
 * per thread; not thread-safe.
 */
final class XSalsa20 {
    static final int KEY_SIZE = 32;
    static final int NONCE_SIZE = 24;
    /** Bytes of keystream per Salsa20 block. */
    static final int BLOCK = 64;

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** The source XORed with the keystream when the keystream itself is wanted. */
    private static final byte[] ZEROS = new byte[BLOCK];
    /** "expand 32-byte k", the Salsa20 constants for 256-bit keys, as little-endian words. */
    private static final int C0 = 0x61707865;
    private static final int C1 = 0x3320646e;
    private static final int C2 = 0x79622d32;
    private static final int C3 = 0x6b206574;

    /** The Salsa20 state words that are not constants: key, nonce and block counter. */
    private int k0;
    private int k1;
    private int k2;
    private int k3;
    private int k4;
    private int k5;
    private int k6;
    private int k7;
    private int n0;
    private int n1;
    private long counter;
    /** The current keystream block, of which bytes {@code [used, 64)} are still unused. */
    private final byte[] keystream = new byte[BLOCK];
    private int used = BLOCK;
    private boolean keyed;

    /**
     * Keys the cipher with a 32-byte key and a 24-byte nonce and sets the position to 0. Both are
     * read here and not kept: only the derived Salsa20 state is, until {@link #clear}.
     */
    void init(byte[] key, byte[] nonce) {
        if (key.length != KEY_SIZE) {
            throw new IllegalArgumentException("XSalsa20 key must be 32 bytes, was " + key.length);
        }
        if (nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("XSalsa20 nonce must be 24 bytes, was " + nonce.length);
        }
        // HSalsa20 is the Salsa20 core on (key, nonce[0..16)) with words 0, 5, 10, 15, 6, 7, 8, 9 of
        // the result taken *before* the final addition of the input. The input has the same layout
        // as a Salsa20 block with nonce[0..8) in the nonce words and nonce[8..16) in the counter, so
        // one block function serves both; the addition is undone by subtracting the input words.
        k0 = word(key, 0);
        k1 = word(key, 4);
        k2 = word(key, 8);
        k3 = word(key, 12);
        k4 = word(key, 16);
        k5 = word(key, 20);
        k6 = word(key, 24);
        k7 = word(key, 28);
        n0 = word(nonce, 0);
        n1 = word(nonce, 4);
        int c0 = word(nonce, 8);
        int c1 = word(nonce, 12);
        counter = (c0 & 0xffffffffL) | ((long) c1 << 32);
        xorBlock(ZEROS, 0, keystream, 0);
        k0 = word(keystream, 0) - C0;
        k1 = word(keystream, 20) - C1;
        k2 = word(keystream, 40) - C2;
        k3 = word(keystream, 60) - C3;
        k4 = word(keystream, 24) - n0;
        k5 = word(keystream, 28) - n1;
        k6 = word(keystream, 32) - c0;
        k7 = word(keystream, 36) - c1;
        n0 = word(nonce, 16);
        n1 = word(nonce, 20);
        counter = 0;
        Arrays.fill(keystream, (byte) 0);
        used = BLOCK;
        keyed = true;
    }

    /**
     * Copies the first 32 keystream bytes (secretbox's one-time Poly1305 key) into {@code polyKey};
     * the next {@link #xor} continues at keystream byte 32. Call right after {@link #init}.
     */
    void start(byte[] polyKey) {
        seek(0);
        nextKeystreamBlock();
        System.arraycopy(keystream, 0, polyKey, 0, 32);
        used = 32;
    }

    /** Makes the next {@link #xor} start at keystream byte {@code position} (block {@code position / 64}). */
    void seek(long position) {
        checkKeyed();
        if (position < 0) {
            throw new IllegalArgumentException("keystream position must be >= 0, was " + position);
        }
        counter = position >>> 6;
        used = BLOCK;
        int into = (int) position & (BLOCK - 1);
        if (into != 0) {
            nextKeystreamBlock();
            used = into;
        }
    }

    /** XORs {@code buf[off, off+len)} in place with the next {@code len} keystream bytes. */
    void xor(byte[] buf, int off, int len) {
        checkKeyed();
        Objects.checkFromIndexSize(off, len, buf.length);
        int end = off + len;
        while (off < end && used < BLOCK) {
            buf[off++] ^= keystream[used++];
        }
        while (end - off >= BLOCK) {
            xorBlock(buf, off, buf, off);
            off += BLOCK;
        }
        if (off < end) {
            nextKeystreamBlock();
            while (off < end) {
                buf[off++] ^= keystream[used++];
            }
        }
    }

    /** Forgets the key: zeroes the state and the buffered keystream. {@link #init} keys it again. */
    void clear() {
        k0 = k1 = k2 = k3 = k4 = k5 = k6 = k7 = n0 = n1 = 0;
        counter = 0;
        Arrays.fill(keystream, (byte) 0);
        used = BLOCK;
        keyed = false;
    }

    private void checkKeyed() {
        if (!keyed) {
            throw new IllegalStateException("XSalsa20 used before init (or after clear)");
        }
    }

    private void nextKeystreamBlock() {
        xorBlock(ZEROS, 0, keystream, 0);
        used = 0;
    }

    private static int word(byte[] b, int off) {
        return (int) INTS.get(b, off);
    }

    /**
     * {@code out[outOff, outOff+64) = in[inOff, inOff+64) XOR} the Salsa20/20 block of the current
     * state, then advances the block counter. {@code in} and {@code out} may be the same range.
     */
    private void xorBlock(byte[] in, int inOff, byte[] out, int outOff) {
        final int j0 = C0;
        final int j1 = k0;
        final int j2 = k1;
        final int j3 = k2;
        final int j4 = k3;
        final int j5 = C1;
        final int j6 = n0;
        final int j7 = n1;
        final int j8 = (int) counter;
        final int j9 = (int) (counter >>> 32);
        final int j10 = C2;
        final int j11 = k4;
        final int j12 = k5;
        final int j13 = k6;
        final int j14 = k7;
        final int j15 = C3;
        int x0 = j0;
        int x1 = j1;
        int x2 = j2;
        int x3 = j3;
        int x4 = j4;
        int x5 = j5;
        int x6 = j6;
        int x7 = j7;
        int x8 = j8;
        int x9 = j9;
        int x10 = j10;
        int x11 = j11;
        int x12 = j12;
        int x13 = j13;
        int x14 = j14;
        int x15 = j15;
        for (int i = 0; i < 10; i++) {
            // column round
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            // row round
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        INTS.set(out, outOff, (int) INTS.get(in, inOff) ^ (x0 + j0));
        INTS.set(out, outOff + 4, (int) INTS.get(in, inOff + 4) ^ (x1 + j1));
        INTS.set(out, outOff + 8, (int) INTS.get(in, inOff + 8) ^ (x2 + j2));
        INTS.set(out, outOff + 12, (int) INTS.get(in, inOff + 12) ^ (x3 + j3));
        INTS.set(out, outOff + 16, (int) INTS.get(in, inOff + 16) ^ (x4 + j4));
        INTS.set(out, outOff + 20, (int) INTS.get(in, inOff + 20) ^ (x5 + j5));
        INTS.set(out, outOff + 24, (int) INTS.get(in, inOff + 24) ^ (x6 + j6));
        INTS.set(out, outOff + 28, (int) INTS.get(in, inOff + 28) ^ (x7 + j7));
        INTS.set(out, outOff + 32, (int) INTS.get(in, inOff + 32) ^ (x8 + j8));
        INTS.set(out, outOff + 36, (int) INTS.get(in, inOff + 36) ^ (x9 + j9));
        INTS.set(out, outOff + 40, (int) INTS.get(in, inOff + 40) ^ (x10 + j10));
        INTS.set(out, outOff + 44, (int) INTS.get(in, inOff + 44) ^ (x11 + j11));
        INTS.set(out, outOff + 48, (int) INTS.get(in, inOff + 48) ^ (x12 + j12));
        INTS.set(out, outOff + 52, (int) INTS.get(in, inOff + 52) ^ (x13 + j13));
        INTS.set(out, outOff + 56, (int) INTS.get(in, inOff + 56) ^ (x14 + j14));
        INTS.set(out, outOff + 60, (int) INTS.get(in, inOff + 60) ^ (x15 + j15));
        counter++;
    }
}
