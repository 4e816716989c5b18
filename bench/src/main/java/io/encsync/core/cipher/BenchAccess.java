package io.encsync.core.cipher;

/**
 * Lets the benchmarks call the cipher's package-private pieces ({@link XSalsa20},
 * {@link Poly1305}, {@link ChunkCrypto}) without making them public API of core: this class sits in core's package
 * but ships only in the benchmark jar.
 */
public final class BenchAccess {
    private final byte[] key;
    private final XSalsa20 salsa = new XSalsa20();
    private final byte[] polyKey = new byte[32];
    private final Poly1305 poly = new Poly1305();
    private final ChunkCrypto crypto;

    /** @param key the 32-byte key, copied */
    public BenchAccess(byte[] key) {
        this.key = key.clone();
        this.crypto = new ChunkCrypto(key);
    }

    /** Our XSalsa20 as secretbox runs it on one block: keyed with the nonce, Poly1305 key taken, data XORed. */
    public void xsalsa20(byte[] nonce, byte[] buf, int off, int len) {
        salsa.init(key, nonce);
        salsa.start(polyKey);
        salsa.xor(buf, off, len);
    }

    /** Our Poly1305 over {@code buf[off, off+len)} with the one-time key {@code oneTimeKey}, tag into {@code tag}. */
    public void poly1305(byte[] oneTimeKey, byte[] buf, int off, int len, byte[] tag) {
        poly.init(oneTimeKey, 0);
        poly.update(buf, off, len);
        poly.doFinal(tag, 0);
    }

    /** One content block sealed in place: {@code buf[off, off+16)} tag, then {@code len} bytes. */
    public void seal(byte[] fileNonce, long blockIndex, byte[] buf, int off, int len) {
        crypto.seal(fileNonce, blockIndex, buf, off, len);
    }
}
