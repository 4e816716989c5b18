package io.encsync.core.cipher;

import static io.encsync.core.cipher.StreamHarness.NONCE;
import static io.encsync.core.cipher.StreamHarness.assertSameBytes;
import static io.encsync.core.cipher.StreamHarness.cipher;
import static io.encsync.core.cipher.StreamHarness.plaintext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.encsync.core.IntegrityException;
import io.encsync.core.cipher.StreamHarness.ReadStyle;
import io.encsync.core.keys.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Modified ciphertext: each kind of damage gives the right exception with the right block index,
 * the blocks before the damage are released intact, and nothing of the damaged block is released.
 */
class TamperingTest {
    private static final String NAME = "photos/a.jpg";
    /** Three full blocks and a 3392-byte last block. */
    private static final byte[] PLAIN = plaintext(200_000);
    private static final int BLOCK = 65552;

    /** What a consumer got before the stream failed, and how it failed. */
    record Outcome(byte[] released, Throwable failure) {
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void truncationAtABlockBoundaryIsInvisibleToTheFormat(int parallelism) throws IOException {
        byte[] enc = encrypted();
        for (int blocks = 0; blocks <= 3; blocks++) {
            Outcome o = decrypt(parallelism, Arrays.copyOf(enc, (int) ContentCipher.blockOffset(blocks)));
            assertThat(o.failure()).as("cut after %d blocks", blocks).isNull();
            // the sync layer must compare this with the expected size
            assertSameBytes(o.released(), Arrays.copyOf(PLAIN, blocks * 65536), "cut after " + blocks + " blocks");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void truncationInsideTheHeaderIsTooShort(int parallelism) throws IOException {
        for (int length : new int[] {0, 1, 8, 31}) {
            Outcome o = decrypt(parallelism, Arrays.copyOf(encrypted(), length));
            assertThat(o.failure()).isInstanceOf(IntegrityException.class)
                    .hasMessage("`photos/a.jpg`: too short to be an rclone crypt file (" + length
                            + " bytes, the header alone is 32) — the file is truncated or was not written by rclone"
                            + " crypt; restore it from another copy");
            assertThat(o.released()).isEmpty();
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void truncationLeavingOneToSixteenBytesOfABlockIsATruncatedBlock(int parallelism) throws IOException {
        for (int extra : new int[] {1, 16}) {
            Outcome o = decrypt(parallelism, Arrays.copyOf(encrypted(), (int) ContentCipher.blockOffset(2) + extra));
            assertThat(o.failure()).isExactlyInstanceOf(IntegrityException.class)
                    .hasMessage("`photos/a.jpg`: truncated block 2 (" + extra + " bytes, a block needs at least 17)"
                            + " — the file was cut short; restore it from another copy");
            assertReleasedBlocksBefore(o, 2);
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void truncationInsideABlockFailsItsAuthentication(int parallelism) throws IOException {
        assertAuthFailure(parallelism, e -> Arrays.copyOf(e, (int) ContentCipher.blockOffset(1) + 17), 1);
        assertAuthFailure(parallelism, e -> Arrays.copyOf(e, e.length - 1), 3);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void appendedGarbageIsDetected(int parallelism) throws IOException {
        // the short last block grows and no longer authenticates
        assertAuthFailure(parallelism, e -> concat(e, new byte[] {1, 2, 3}), 3);
        // after a file ending on a block boundary: a new window, too short or unauthentic
        byte[] twoBlocks = encrypt(plaintext(2 * 65536), 1);
        Outcome shortTail = decrypt(parallelism, concat(twoBlocks, new byte[10]));
        assertThat(shortTail.failure()).isExactlyInstanceOf(IntegrityException.class).hasMessageContaining("truncated block 2");
        assertSameBytes(shortTail.released(), plaintext(2 * 65536), "released");
        Outcome longTail = decrypt(parallelism, concat(twoBlocks, new byte[100]));
        assertThat(longTail.failure()).isInstanceOf(BlockAuthenticationException.class);
        assertThat(((BlockAuthenticationException) longTail.failure()).blockIndex()).isEqualTo(2);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void flippedBytesAreDetectedWhereTheyAre(int parallelism) throws IOException {
        Outcome badMagic = decrypt(parallelism, flip(encrypted(), 3));
        assertThat(badMagic.failure()).isExactlyInstanceOf(IntegrityException.class)
                .hasMessage("`photos/a.jpg`: not an rclone crypt file (bad magic) — it was not written by rclone crypt"
                        + " or encsync; check that the remote points at an encrypted folder");
        assertThat(badMagic.released()).isEmpty();

        assertAuthFailure(parallelism, e -> flip(e, 8), 0);                           // nonce, first byte
        assertAuthFailure(parallelism, e -> flip(e, 31), 0);                          // nonce, last byte
        assertAuthFailure(parallelism, e -> flip(e, 32), 0);                          // tag of block 0
        assertAuthFailure(parallelism, e -> flip(e, 32 + BLOCK + 16 + 500), 1);       // body of block 1
        assertAuthFailure(parallelism, e -> flip(e, 32 + 2 * BLOCK + 15), 2);         // tag of block 2
        assertAuthFailure(parallelism, e -> flip(e, e.length - 1), 3);                // last byte of the file
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void movedBlocksAreDetected(int parallelism) throws IOException {
        assertAuthFailure(parallelism, e -> concat(block(e, -1), block(e, 0), block(e, 2), block(e, 3)), 1); // drop 1
        assertAuthFailure(parallelism, e -> concat(block(e, -1), block(e, 0), block(e, 0), block(e, 1),
                block(e, 2), block(e, 3)), 1);                                                                 // duplicate 0
        assertAuthFailure(parallelism, e -> concat(block(e, -1), block(e, 1), block(e, 0), block(e, 2),
                block(e, 3)), 0);                                                                              // swap 0, 1
        // a block from another file (same key, other nonce) at the same position
        byte[] other = encrypt(PLAIN, 1, new byte[24]);
        assertAuthFailure(parallelism, e -> concat(block(e, -1), block(e, 0), block(other, 1), block(e, 2),
                block(e, 3)), 1);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void aWrongKeyFailsInBlockZero(int parallelism) throws IOException {
        ContentCipher wrong = ContentCipher.create(SecretBytes.copyOf(new byte[32]), new SecureRandom(), parallelism);
        Outcome o = decrypt(wrong, encrypted(), ReadStyle.READ_ALL_BYTES);
        assertThat(o.failure()).isInstanceOf(BlockAuthenticationException.class)
                .hasMessageContaining("`photos/a.jpg`: authentication failed in block 0");
        assertThat(o.released()).isEmpty();
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void rangedReadsReportAbsoluteBlockIndexes(int parallelism) throws IOException {
        byte[] enc = flip(encrypted(), 32 + 2 * BLOCK + 100);
        int from = (int) ContentCipher.blockOffset(1);
        InputStream range = new ByteArrayInputStream(enc, from, enc.length - from);
        InputStream in = cipher(parallelism).decryptingStream(range, NONCE, 1, NAME);
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        Throwable failure = catchThrowable(() -> ReadStyle.READ_ALL_BYTES.readInto(in, released));
        assertThat(failure).isInstanceOf(BlockAuthenticationException.class);
        assertThat(((BlockAuthenticationException) failure).blockIndex()).isEqualTo(2);
        assertSameBytes(released.toByteArray(), Arrays.copyOfRange(PLAIN, 65536, 2 * 65536), "released");
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void errorsAreSticky(int parallelism) throws IOException {
        InputStream in = cipher(parallelism).decryptingStream(
                new ByteArrayInputStream(flip(encrypted(), 32 + BLOCK + 20)), NAME);
        assertThat(in.readNBytes(65536)).hasSize(65536);
        Throwable first = catchThrowable(in::read);
        assertThat(first).isInstanceOf(BlockAuthenticationException.class);
        assertThatThrownBy(in::read).isSameAs(first);
        assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isSameAs(first);
        assertThatThrownBy(() -> in.readNBytes(1)).isSameAs(first);
        in.close();
    }

    /** One-byte reads stop exactly at the end of the last good block, whatever the style. */
    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void noReadStyleSeesPlaintextOfTheBadBlock(int parallelism) throws IOException {
        byte[] bad = flip(encrypted(), 32 + 2 * BLOCK + 16);
        for (ReadStyle style : ReadStyle.values()) {
            Outcome o = decrypt(cipher(parallelism), bad, style);
            assertThat(o.failure()).as(style.name()).isInstanceOf(BlockAuthenticationException.class);
            assertReleasedBlocksBefore(o, 2);
        }
    }

    private static void assertAuthFailure(int parallelism, UnaryOperator<byte[]> tamper, long block) throws IOException {
        Outcome o = decrypt(parallelism, tamper.apply(encrypted()));
        assertThat(o.failure()).isInstanceOf(BlockAuthenticationException.class)
                .hasMessage("`photos/a.jpg`: authentication failed in block " + block + " — the file was modified or"
                        + " corrupted, or the password is wrong; restore it from another copy or check the password");
        assertThat(((BlockAuthenticationException) o.failure()).blockIndex()).isEqualTo(block);
        assertReleasedBlocksBefore(o, (int) block);
    }

    private static void assertReleasedBlocksBefore(Outcome o, int block) {
        assertSameBytes(o.released(), Arrays.copyOf(PLAIN, block * 65536), "plaintext released before block " + block);
    }

    private static Outcome decrypt(int parallelism, byte[] ciphertext) throws IOException {
        return decrypt(cipher(parallelism), ciphertext, ReadStyle.ODD_BUFFER_65537);
    }

    private static Outcome decrypt(ContentCipher cipher, byte[] ciphertext, ReadStyle style) throws IOException {
        ByteArrayOutputStream released = new ByteArrayOutputStream();
        Throwable failure;
        try (InputStream in = cipher.decryptingStream(new ByteArrayInputStream(ciphertext), NAME)) {
            failure = catchThrowable(() -> style.readInto(in, released));
        }
        return new Outcome(released.toByteArray(), failure);
    }

    private static byte[] encrypted() throws IOException {
        return encrypt(PLAIN, 1);
    }

    private static byte[] encrypt(byte[] plain, int parallelism) throws IOException {
        return encrypt(plain, parallelism, NONCE);
    }

    private static byte[] encrypt(byte[] plain, int parallelism, byte[] nonce) throws IOException {
        try (InputStream in = cipher(parallelism).encryptingStream(new ByteArrayInputStream(plain), nonce)) {
            return in.readAllBytes();
        }
    }

    /** Block {@code k} of {@code enc}, or the header for {@code k = -1}. */
    private static byte[] block(byte[] enc, int k) {
        if (k < 0) {
            return Arrays.copyOf(enc, 32);
        }
        int from = (int) ContentCipher.blockOffset(k);
        return Arrays.copyOfRange(enc, from, Math.min(enc.length, from + BLOCK));
    }

    private static byte[] flip(byte[] data, int at) {
        byte[] copy = data.clone();
        copy[at] ^= 0x40;
        return copy;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
