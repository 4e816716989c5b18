package io.encsync.core.cipher;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.bouncycastle.crypto.engines.XSalsa20Engine;

/**
 * BouncyCastle's {@link XSalsa20Engine} with a bulk XOR for whole blocks of data.
 *
 * <p>Why: {@code processBytes} XORs one byte at a time and checks its position and byte limit on
 * every byte, which costs about a fifth of the cipher's time on 64 KiB blocks. Here the keystream
 * still comes from BouncyCastle ({@code generateKeyStream}, {@code advanceCounter}: the Salsa20
 * core and the XSalsa20 sub-key are theirs); only the XOR of whole 64-byte keystream blocks is done
 * eight bytes at a time. {@code BulkXSalsa20Test} checks it against {@code processBytes}.
 *
 * <p>Use: {@code init} as usual, then {@link #start} once, then {@link #xor} over the data in order.
 * One instance per thread.
 */
final class BulkXSalsa20 extends XSalsa20Engine {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 64;

    private final byte[] keystream = new byte[BLOCK];
    /** Bytes of {@link #keystream} already used. */
    private int used;

    /**
     * Copies the first 32 keystream bytes (secretbox's one-time Poly1305 key) into {@code polyKey};
     * the data keystream continues from byte 32.
     */
    void start(byte[] polyKey) {
        nextKeystreamBlock();
        System.arraycopy(keystream, 0, polyKey, 0, 32);
        used = 32;
    }

    /** XORs {@code buf[off, off+len)} in place with the next {@code len} keystream bytes. */
    void xor(byte[] buf, int off, int len) {
        int end = off + len;
        while (off < end && used < BLOCK) {
            buf[off++] ^= keystream[used++];
        }
        while (end - off >= BLOCK) {
            nextKeystreamBlock();
            for (int i = 0; i < BLOCK; i += 8) {
                LONGS.set(buf, off + i, (long) LONGS.get(buf, off + i) ^ (long) LONGS.get(keystream, i));
            }
            off += BLOCK;
        }
        if (off < end) {
            nextKeystreamBlock();
            used = 0;
            while (off < end) {
                buf[off++] ^= keystream[used++];
            }
        }
    }

    private void nextKeystreamBlock() {
        generateKeyStream(keystream);
        advanceCounter();
        used = BLOCK;
    }
}
