package io.encsync.core.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.IntegrityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Size arithmetic: the worked table of the format (FORMAT.md, "Sizes"). */
class ContentCipherSizesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 32",
        "1, 49",
        "16, 64",
        "65535, 65583",
        "65536, 65584",
        "65537, 65601",
        "131072, 131136",
        "196608, 196688",
        "200000, 200096",
        "300001, 300113",
        "1048576, 1048864",
        "1073741824, 1074004000",
    })
    void encryptedAndDecryptedSizesMatchTheTable(long plaintext, long encrypted) {
        assertThat(ContentCipher.encryptedSize(plaintext)).isEqualTo(encrypted);
        assertThat(ContentCipher.decryptedSize(encrypted)).isEqualTo(plaintext);
    }

    @Test
    void sizesRoundTripAroundEveryBlockEdge() {
        for (long blocks = 0; blocks < 4; blocks++) {
            for (long delta = -2; delta <= 2; delta++) {
                long n = Math.max(0, blocks * 65536 + delta);
                assertThat(ContentCipher.decryptedSize(ContentCipher.encryptedSize(n))).isEqualTo(n);
            }
        }
        long huge = 5L << 40; // 5 TiB, the S3 object limit
        assertThat(ContentCipher.decryptedSize(ContentCipher.encryptedSize(huge))).isEqualTo(huge);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 31})
    void sizesBelowTheHeaderAreImpossible(long size) {
        assertThatThrownBy(() -> ContentCipher.decryptedSize(size))
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith(size + " bytes cannot be an rclone crypt file: ")
                .hasMessageContaining("shorter than the 32-byte header");
    }

    @ParameterizedTest
    @ValueSource(longs = {33, 48, 32 + 65552 + 1, 32 + 65552 + 16, 32 + 3 * 65552 + 7})
    void aTrailingWindowOfOneToSixteenBytesIsImpossible(long size) {
        assertThatThrownBy(() -> ContentCipher.decryptedSize(size))
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith(size + " bytes cannot be an rclone crypt file: ")
                .hasMessageContaining("truncated block");
    }

    @Test
    void sizesJustAboveTheImpossibleWindowAreValid() {
        assertThat(ContentCipher.decryptedSize(49)).isEqualTo(1);
        assertThat(ContentCipher.decryptedSize(32 + 65552 + 17)).isEqualTo(65537);
    }

    @Test
    void blockOffsetsFollowTheSealedBlockSize() {
        assertThat(ContentCipher.blockOffset(0)).isEqualTo(32);
        assertThat(ContentCipher.blockOffset(1)).isEqualTo(32 + 65552);
        assertThat(ContentCipher.blockOffset(16384)).isEqualTo(32 + 16384L * 65552);
        assertThatThrownBy(() -> ContentCipher.blockOffset(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContentCipher.encryptedSize(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
