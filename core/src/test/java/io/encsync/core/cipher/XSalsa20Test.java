package io.encsync.core.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/**
 * Our {@link XSalsa20} must be byte-identical to BouncyCastle's {@link XSalsa20Engine}: property
 * tests over random keys, nonces, lengths, buffer offsets, splits of the data into {@code xor}
 * calls and keystream positions, 13,000 cases in all.
 *
 * <p>Seeded, so a run is reproducible; every failure names its seed and case. Another seed
 * explores other cases: {@code mvn -pl core test -Dtest=XSalsa20Test -Dxsalsa20.seed=123}.
 */
class XSalsa20Test {
    private static final long SEED = Long.getLong("xsalsa20.seed", 0x5A15A20L);

    /** secretbox's use: Poly1305 key from keystream bytes 0..31, data XORed from byte 32 on. */
    @Test
    void startAndXorMatchBouncyCastleOverRandomCases() {
        Random random = new Random(SEED);
        XSalsa20 ours = new XSalsa20(); // one instance for every case: re-keying must leave nothing behind
        for (int n = 0; n < 8_000; n++) {
            String where = "seed " + SEED + ", case " + n;
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 24);
            int length = randomLength(random);
            int off = random.nextInt(70);
            byte[] buf = bytes(random, off + length + random.nextInt(70));

            XSalsa20Engine reference = engine(key, nonce);
            byte[] expectedPolyKey = new byte[32];
            reference.processBytes(new byte[32], 0, 32, expectedPolyKey, 0);
            byte[] expected = buf.clone();
            reference.processBytes(expected, off, length, expected, off);

            ours.init(key, nonce);
            byte[] polyKey = new byte[32];
            ours.start(polyKey);
            byte[] actual = buf.clone();
            xorInRandomPieces(random, ours, actual, off, length);

            assertThat(polyKey).as("Poly1305 key, %s", where).isEqualTo(expectedPolyKey);
            assertThat(Arrays.mismatch(actual, expected))
                    .as("first differing byte (data at %d..%d), length %d, %s", off, off + length, length, where)
                    .isEqualTo(-1);
        }
    }

    /**
     * Any keystream position, including blocks where the 64-bit counter carries from its low word
     * into its high word (block 2^32, byte 2^38) and positions near the end of the long range.
     */
    @Test
    void seekMatchesBouncyCastleSeekToOverRandomPositions() {
        Random random = new Random(SEED + 1);
        XSalsa20 ours = new XSalsa20();
        for (int n = 0; n < 3_000; n++) {
            String where = "seed " + SEED + ", case " + n;
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 24);
            int length = randomLength(random);
            long position = randomPosition(random, length);
            byte[] buf = bytes(random, length);

            XSalsa20Engine reference = engine(key, nonce);
            reference.seekTo(position);
            byte[] expected = buf.clone();
            reference.processBytes(expected, 0, length, expected, 0);

            ours.init(key, nonce);
            if (random.nextBoolean()) { // a seek after use must forget the buffered keystream
                ours.xor(new byte[100], 0, random.nextInt(100));
            }
            ours.seek(position);
            byte[] actual = buf.clone();
            xorInRandomPieces(random, ours, actual, 0, length);

            assertThat(Arrays.mismatch(actual, expected))
                    .as("first differing byte, position %d, length %d, %s", position, length, where)
                    .isEqualTo(-1);
        }
    }

    /**
     * The content cipher's path through {@link ChunkCrypto}: block {@code k} of a file is secretbox
     * under nonce {@code N0 + k}, compared with a secretbox built from BouncyCastle alone (nonce
     * sum by {@link BigInteger}), then opened again.
     */
    @Test
    void chunkCryptoSealsAsBouncyCastleSecretboxOverRandomBlocks() {
        Random random = new Random(SEED + 2);
        for (int n = 0; n < 2_000; n++) {
            String where = "seed " + SEED + ", case " + n;
            byte[] key = bytes(random, 32);
            byte[] fileNonce = bytes(random, 24);
            if (n % 4 == 0) { // nonces whose low bytes carry when the block index is added
                Arrays.fill(fileNonce, 0, 1 + random.nextInt(24), (byte) 0xff);
            }
            long blockIndex = n % 2 == 0 ? random.nextInt(1 << 16) : random.nextLong() & Long.MAX_VALUE;
            int length = n % 50 == 0 ? ContentCipher.BLOCK_DATA_SIZE : randomLength(random);
            int off = random.nextInt(20);
            byte[] plain = bytes(random, length);
            ChunkCrypto crypto = new ChunkCrypto(key);

            byte[] sealed = new byte[off + 16 + length];
            System.arraycopy(plain, 0, sealed, off + 16, length);
            crypto.seal(fileNonce, blockIndex, sealed, off, length);

            byte[] expected = secretbox(key, sum(fileNonce, blockIndex), plain);
            assertThat(Arrays.mismatch(Arrays.copyOfRange(sealed, off, sealed.length), expected))
                    .as("first differing byte of tag || ciphertext, block %d, length %d, %s", blockIndex, length, where)
                    .isEqualTo(-1);
            assertThat(crypto.open(fileNonce, blockIndex, sealed, off, 16 + length)).as(where).isTrue();
            assertThat(Arrays.copyOfRange(sealed, off + 16, sealed.length)).as(where).isEqualTo(plain);
        }
    }

    @Test
    void matchesBouncyCastleOnFullContentBlocksInOneCall() {
        Random random = new Random(SEED + 3);
        XSalsa20 ours = new XSalsa20();
        for (int n = 0; n < 20; n++) {
            byte[] key = bytes(random, 32);
            byte[] nonce = bytes(random, 24);
            byte[] buf = bytes(random, ContentCipher.BLOCK_DATA_SIZE + 1);
            XSalsa20Engine reference = engine(key, nonce);
            byte[] expected = buf.clone();
            reference.processBytes(expected, 0, buf.length, expected, 0);
            ours.init(key, nonce);
            byte[] actual = buf.clone();
            ours.xor(actual, 0, actual.length);
            assertThat(Arrays.mismatch(actual, expected)).as("seed %d, case %d", SEED, n).isEqualTo(-1);
        }
    }

    @Test
    void clearForgetsTheKeyAndRefusesFurtherUse() {
        XSalsa20 ours = new XSalsa20();
        assertThatThrownBy(() -> ours.xor(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        ours.init(new byte[32], new byte[24]);
        ours.xor(new byte[10], 0, 10);
        ours.clear();
        assertThatThrownBy(() -> ours.xor(new byte[1], 0, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("XSalsa20 used before init (or after clear)");
        assertThatThrownBy(() -> ours.seek(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsBadKeysNoncesPositionsAndRanges() {
        XSalsa20 ours = new XSalsa20();
        assertThatThrownBy(() -> ours.init(new byte[31], new byte[24]))
                .hasMessage("XSalsa20 key must be 32 bytes, was 31");
        assertThatThrownBy(() -> ours.init(new byte[32], new byte[8]))
                .hasMessage("XSalsa20 nonce must be 24 bytes, was 8");
        ours.init(new byte[32], new byte[24]);
        assertThatThrownBy(() -> ours.seek(-1)).hasMessage("keystream position must be >= 0, was -1");
        assertThatThrownBy(() -> ours.xor(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> ours.xor(new byte[10], -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Mostly short (0..300, where the partial-block paths are), some multi-block, some 64 KiB. */
    private static int randomLength(Random random) {
        int kind = random.nextInt(20);
        if (kind < 14) {
            return random.nextInt(301);
        } else if (kind < 19) {
            return random.nextInt(5_000);
        }
        return ContentCipher.BLOCK_DATA_SIZE - 2 + random.nextInt(5);
    }

    /** Small, across the counter's carry (for {@code length} bytes), near the end of the long range. */
    private static long randomPosition(Random random, int length) {
        long counterCarry = 1L << 38; // keystream byte where the block counter's low word wraps
        switch (random.nextInt(4)) {
            case 0:
                return random.nextInt(5_000);
            case 1:
                return counterCarry - random.nextInt(length + 1);
            case 2:
                return Long.MAX_VALUE - 100_000 - random.nextInt(1 << 20);
            default:
                return random.nextLong() & (Long.MAX_VALUE >>> 1);
        }
    }

    /** XORs {@code buf[off, off+length)} in up to four calls cut at random points. */
    private static void xorInRandomPieces(Random random, XSalsa20 ours, byte[] buf, int off, int length) {
        int[] cuts = new int[random.nextInt(4)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = random.nextInt(length + 1);
        }
        Arrays.sort(cuts);
        int at = 0;
        for (int cut : cuts) {
            ours.xor(buf, off + at, cut - at);
            at = cut;
        }
        ours.xor(buf, off + at, length - at);
    }

    private static byte[] secretbox(byte[] key, byte[] nonce, byte[] plain) {
        XSalsa20Engine salsa = engine(key, nonce);
        byte[] polyKey = new byte[32];
        salsa.processBytes(polyKey, 0, 32, polyKey, 0);
        byte[] out = new byte[16 + plain.length];
        salsa.processBytes(plain, 0, plain.length, out, 16);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(polyKey));
        mac.update(out, 16, plain.length);
        mac.doFinal(out, 0);
        return out;
    }

    /** {@code nonce + addend} as 192-bit little-endian integers, modulo 2^192. */
    private static byte[] sum(byte[] nonce, long addend) {
        byte[] bigEndian = reversed(nonce);
        BigInteger sum = new BigInteger(1, bigEndian).add(BigInteger.valueOf(addend)).mod(BigInteger.TWO.pow(192));
        byte[] magnitude = sum.toByteArray(); // big-endian, maybe with a sign byte or fewer than 24 bytes
        byte[] out = new byte[24];
        for (int i = 0; i < 24 && i < magnitude.length; i++) {
            out[i] = magnitude[magnitude.length - 1 - i];
        }
        return out;
    }

    private static byte[] reversed(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    private static XSalsa20Engine engine(byte[] key, byte[] nonce) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        return engine;
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
