package io.encsync.core.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our {@link Poly1305} must give BouncyCastle's {@code org.bouncycastle.crypto.macs.Poly1305}
 * tags byte for byte: 12,000 random cases over keys (random, and the edge keys: all-ones
 * {@code r} and {@code s}, only the bits clamping clears, zero), messages (random, all ones,
 * zeros; 0 to 200 bytes, and some up to 64 KiB + 16), buffer offsets and splits of the message
 * into {@code update} calls; plus the published vectors in {@code vectors/poly1305}.
 *
 * <p>Seeded, so a run is reproducible; the seed is printed and every failure names it and its
 * case. Another seed explores other cases: {@code mvn -pl core test -Dtest=Poly1305Test
 * -Dpoly1305.seed=123}.
 */
class Poly1305Test {
    private static final long SEED = Long.getLong("poly1305.seed", 0x9017305L);
    private static final Path VECTORS = Path.of("src/test/resources/vectors/poly1305/vectors.tsv");
    private static final HexFormat HEX = HexFormat.of();

    @BeforeAll
    static void printSeed() {
        System.out.println("Poly1305Test seed " + SEED + " (rerun with -Dpoly1305.seed=" + SEED + ")");
    }

    @Test
    void shortMessagesMatchBouncyCastleOverRandomKeysAndSplits() {
        Random random = new Random(SEED);
        Poly1305 ours = new Poly1305(); // one instance for every case: re-keying must leave nothing behind
        for (int n = 0; n < 11_000; n++) {
            compareOneCase(random, ours, random.nextInt(201), "seed " + SEED + ", short case " + n);
        }
    }

    /** Whole content blocks and sizes around them, where most of a push's and pull's bytes are. */
    @Test
    void longMessagesMatchBouncyCastle() {
        Random random = new Random(SEED + 1);
        Poly1305 ours = new Poly1305();
        for (int n = 0; n < 1_000; n++) {
            int length = n % 10 == 0 ? 64 * 1024 : random.nextInt(64 * 1024 + 17);
            compareOneCase(random, ours, length, "seed " + SEED + ", long case " + n);
        }
    }

    @Test
    void publishedVectors() throws IOException {
        List<String> lines = Files.readAllLines(VECTORS, StandardCharsets.UTF_8);
        int count = 0;
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            byte[] key = HEX.parseHex(f[1]);
            byte[] message = HEX.parseHex(f[2]);
            byte[] tag = HEX.parseHex(f[3]);
            assertThat(tagOf(key, message)).as("ours, %s", f[0]).isEqualTo(tag);
            assertThat(bouncyCastle(key, message, 0, message.length)).as("BouncyCastle, %s", f[0]).isEqualTo(tag);
            count++;
        }
        assertThat(count).as("vectors in %s", VECTORS).isEqualTo(10);
    }

    /**
     * poly1305-donna's self-test: one tag over the tags of the messages of length 0 to 255 whose
     * key bytes and message bytes all equal the length. Every length mod 16, and keys up to 0xff.
     */
    @Test
    void tagOfTagsOfEveryLengthUpTo255() {
        Poly1305 total = new Poly1305();
        total.init(HEX.parseHex("01020304050607fffefdfcfbfaf9ffffffffffffffffffffffffffff00000000"), 0);
        for (int i = 0; i < 256; i++) {
            byte[] key = new byte[32];
            Arrays.fill(key, (byte) i);
            byte[] message = new byte[i];
            Arrays.fill(message, (byte) i);
            total.update(tagOf(key, message), 0, 16);
        }
        byte[] tag = new byte[16];
        total.doFinal(tag, 0);
        assertThat(HEX.formatHex(tag)).isEqualTo("64afe2e8d6ad7bbdd287f97c44623d39");
    }

    @Test
    void doFinalForgetsTheKey() {
        Poly1305 mac = new Poly1305();
        mac.init(new byte[32], 0);
        mac.doFinal(new byte[16], 0);
        assertThatThrownBy(() -> mac.update(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> mac.doFinal(new byte[16], 0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clearForgetsTheKeyAndBufferedData() {
        Random random = new Random(SEED + 2);
        byte[] key = bytes(random, 32);
        byte[] message = bytes(random, 40);
        Poly1305 mac = new Poly1305();
        mac.init(bytes(random, 32), 0);
        mac.update(bytes(random, 7), 0, 7); // a partial block that must not leak into the next tag
        mac.clear();
        assertThatThrownBy(() -> mac.update(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
        mac.init(key, 0);
        mac.update(message, 0, message.length);
        byte[] tag = new byte[16];
        mac.doFinal(tag, 0);
        assertThat(tag).isEqualTo(bouncyCastle(key, message, 0, message.length));
    }

    @Test
    void rejectsRangesOutsideTheArrays() {
        Poly1305 mac = new Poly1305();
        assertThatThrownBy(() -> mac.init(new byte[31], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        mac.init(new byte[40], 8);
        assertThatThrownBy(() -> mac.update(new byte[10], 5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> mac.doFinal(new byte[16], 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static void compareOneCase(Random random, Poly1305 ours, int length, String where) {
        byte[] key = randomKey(random);
        int keyOff = random.nextInt(8);
        byte[] keyBuf = new byte[keyOff + 32 + random.nextInt(8)];
        System.arraycopy(key, 0, keyBuf, keyOff, 32);
        int off = random.nextInt(40);
        byte[] buf = bytes(random, off + length + random.nextInt(40));
        fillMessage(random, buf, off, length);
        byte[] before = buf.clone();

        byte[] expected = bouncyCastle(key, buf, off, length);

        ours.init(keyBuf, keyOff);
        updateInRandomPieces(random, ours, buf, off, length);
        int tagOff = random.nextInt(8);
        byte[] out = new byte[tagOff + 16 + random.nextInt(8)];
        ours.doFinal(out, tagOff);

        assertThat(Arrays.copyOfRange(out, tagOff, tagOff + 16))
                .as("tag of %d bytes, key %s, %s", length, HEX.formatHex(key), where)
                .isEqualTo(expected);
        assertThat(buf).as("input left as it was, %s", where).isEqualTo(before);
    }

    /** Mostly random keys; the rest the edges of {@code r} and {@code s}. */
    private static byte[] randomKey(Random random) {
        byte[] key = bytes(random, 32);
        switch (random.nextInt(10)) {
            case 0: // largest r after clamping, and largest s
                Arrays.fill(key, (byte) 0xff);
                break;
            case 1: // largest r, random s
                Arrays.fill(key, 0, 16, (byte) 0xff);
                break;
            case 2: // only the bits clamping clears: r becomes 0
                for (int i = 0; i < 16; i++) {
                    key[i] = (byte) (i % 4 == 3 ? 0xf0 : i % 4 == 0 && i > 0 ? 0x03 : 0x00);
                }
                break;
            case 3: // zero key: the tag is 0 whatever the message
                Arrays.fill(key, (byte) 0);
                break;
            case 4: // r = 1 or a small r: h stays close to the message sum, near p
                Arrays.fill(key, 0, 16, (byte) 0);
                key[0] = (byte) (1 + random.nextInt(3));
                break;
            default:
                break;
        }
        return key;
    }

    /** Random bytes, or all ones (h near p), or zeros. */
    private static void fillMessage(Random random, byte[] buf, int off, int length) {
        switch (random.nextInt(6)) {
            case 0:
                Arrays.fill(buf, off, off + length, (byte) 0xff);
                break;
            case 1:
                Arrays.fill(buf, off, off + length, (byte) 0);
                break;
            default:
                break; // already random
        }
    }

    /** Updates with {@code buf[off, off+length)} in up to five calls cut at random points, or byte by byte. */
    private static void updateInRandomPieces(Random random, Poly1305 ours, byte[] buf, int off, int length) {
        if (length < 300 && random.nextInt(20) == 0) {
            for (int i = 0; i < length; i++) {
                ours.update(buf, off + i, 1);
            }
            return;
        }
        int[] cuts = new int[random.nextInt(5)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = random.nextInt(length + 1);
        }
        Arrays.sort(cuts);
        int at = 0;
        for (int cut : cuts) {
            ours.update(buf, off + at, cut - at);
            at = cut;
        }
        ours.update(buf, off + at, length - at);
    }

    private static byte[] tagOf(byte[] key, byte[] message) {
        Poly1305 mac = new Poly1305();
        mac.init(key, 0);
        mac.update(message, 0, message.length);
        byte[] tag = new byte[16];
        mac.doFinal(tag, 0);
        return tag;
    }

    private static byte[] bouncyCastle(byte[] key, byte[] buf, int off, int length) {
        org.bouncycastle.crypto.macs.Poly1305 mac = new org.bouncycastle.crypto.macs.Poly1305();
        mac.init(new KeyParameter(key));
        mac.update(buf, off, length);
        byte[] tag = new byte[16];
        mac.doFinal(tag, 0);
        return tag;
    }

    private static byte[] bytes(Random random, int size) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return b;
    }
}
