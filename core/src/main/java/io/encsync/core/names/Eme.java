package io.encsync.core.names;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * EME (ECB-Mix-ECB, Halevi–Rogaway 2003) over AES-256, exactly as {@code rfjakob/eme} implements
 * it for rclone: a tweakable wide-block cipher for 1 to 128 blocks of 16 bytes, so every byte of a
 * name segment depends on every other and equal prefixes do not show.
 *
 * <p>Thread-safe: the mask table is computed once and never changed; each thread gets its own
 * {@link Cipher} objects, which are not thread-safe themselves. Making them per call would cost a
 * provider lookup and a key expansion for each of the three AES steps of every segment; the price
 * of the thread-locals is that each using thread keeps a key schedule until this object is
 * garbage-collected.
 */
final class Eme {
    static final int BLOCK_SIZE = 16;
    static final int MAX_BLOCKS = 128;

    private final SecretKeySpec key;
    private final byte[] tweak;
    /** L_j = 2^(j+1) · E(0), j = 0..127; always made with encryption, for both directions. */
    private final byte[][] masks = new byte[MAX_BLOCKS][];
    private final ThreadLocal<Cipher> encryptor;
    private final ThreadLocal<Cipher> decryptor;

    /** {@code key}: 32 bytes (AES-256); {@code tweak}: 16 bytes. Both are copied. */
    Eme(byte[] key, byte[] tweak) {
        if (key.length != 32) {
            throw new IllegalArgumentException("EME key must be 32 bytes, was " + key.length);
        }
        if (tweak.length != BLOCK_SIZE) {
            throw new IllegalArgumentException("EME tweak must be 16 bytes, was " + tweak.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        this.tweak = tweak.clone();
        this.encryptor = ThreadLocal.withInitial(() -> aes(Cipher.ENCRYPT_MODE));
        this.decryptor = ThreadLocal.withInitial(() -> aes(Cipher.DECRYPT_MODE));
        byte[] l = times2(apply(encryptor.get(), new byte[BLOCK_SIZE]));
        for (int j = 0; j < MAX_BLOCKS; j++) {
            masks[j] = l;
            l = times2(l);
        }
    }

    byte[] encrypt(byte[] plaintext) {
        return transform(plaintext, encryptor.get());
    }

    byte[] decrypt(byte[] ciphertext) {
        return transform(ciphertext, decryptor.get());
    }

    /** The same procedure both ways; {@code aes} encrypts or decrypts at the three marked steps. */
    private byte[] transform(byte[] in, Cipher aes) {
        int m = in.length / BLOCK_SIZE;
        if (in.length % BLOCK_SIZE != 0 || m < 1 || m > MAX_BLOCKS) {
            throw new IllegalArgumentException("EME works on 1 to 128 blocks of 16 bytes, was " + in.length + " bytes");
        }
        // 1. PPP_j = AES(P_j xor L_j)
        byte[] ppp = new byte[in.length];
        for (int j = 0; j < m; j++) {
            xor(in, j * BLOCK_SIZE, masks[j], 0, ppp, j * BLOCK_SIZE);
        }
        ppp = apply(aes, ppp);
        // 2. MP = T xor PPP_0 xor ... xor PPP_{m-1}
        byte[] mp = tweak.clone();
        for (int j = 0; j < m; j++) {
            xor(mp, 0, ppp, j * BLOCK_SIZE, mp, 0);
        }
        // 3. MC = AES(MP); 4. M = MP xor MC
        byte[] mc = apply(aes, mp);
        byte[] mask = new byte[BLOCK_SIZE];
        xor(mp, 0, mc, 0, mask, 0);
        // 5. CCC_j = PPP_j xor 2^j·M for j >= 1; 6. CCC_0 = MC xor T xor CCC_1 xor ... xor CCC_{m-1}
        byte[] ccc = new byte[in.length];
        byte[] ccc0 = mc.clone();
        xor(ccc0, 0, tweak, 0, ccc0, 0);
        for (int j = 1; j < m; j++) {
            mask = times2(mask);
            xor(ppp, j * BLOCK_SIZE, mask, 0, ccc, j * BLOCK_SIZE);
            xor(ccc0, 0, ccc, j * BLOCK_SIZE, ccc0, 0);
        }
        System.arraycopy(ccc0, 0, ccc, 0, BLOCK_SIZE);
        // 7. C_j = AES(CCC_j) xor L_j
        byte[] out = apply(aes, ccc);
        for (int j = 0; j < m; j++) {
            xor(out, j * BLOCK_SIZE, masks[j], 0, out, j * BLOCK_SIZE);
        }
        return out;
    }

    /**
     * Doubling in GF(2^128) with rfjakob/eme's little-endian convention: byte 0 is least
     * significant (the opposite of GCM/XTS-style big-endian doubling).
     */
    static byte[] times2(byte[] in) {
        byte[] out = new byte[BLOCK_SIZE];
        out[0] = (byte) (in[0] << 1);
        if ((in[BLOCK_SIZE - 1] & 0x80) != 0) {
            out[0] ^= (byte) 0x87;
        }
        for (int j = 1; j < BLOCK_SIZE; j++) {
            out[j] = (byte) ((in[j] << 1) | ((in[j - 1] & 0xff) >>> 7));
        }
        return out;
    }

    private static void xor(byte[] a, int aOff, byte[] b, int bOff, byte[] out, int outOff) {
        for (int i = 0; i < BLOCK_SIZE; i++) {
            out[outOff + i] = (byte) (a[aOff + i] ^ b[bOff + i]);
        }
    }

    /** AES-ECB over whole blocks: the single-block AES calls of EME, batched. */
    private static byte[] apply(Cipher aes, byte[] blocks) {
        try {
            return aes.doFinal(blocks);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed on whole blocks", e);
        }
    }

    private Cipher aes(int mode) {
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(mode, key);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no AES-256 (AES/ECB/NoPadding)", e);
        }
    }

    @Override
    public String toString() {
        return "Eme[AES-256, key redacted]";
    }
}
