package io.encsync.core.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** EME against the worked example of the format spec (§4.4), which rclone's vectors confirm. */
class EmeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] NAME_KEY = HEX.parseHex("2a680cba498daf48beb6290c6c43784d57628057077dc6ea59d187654652ea63");
    private static final byte[] TWEAK = HEX.parseHex("b7a6d065c7e6683182148c6b1bb60aa3");
    private static final Eme EME = new Eme(NAME_KEY, TWEAK);

    @Test
    void encryptsTheWorkedExample() {
        byte[] padded = Pkcs7.pad("name with  spaces .txt".getBytes(StandardCharsets.UTF_8));
        assertThat(HEX.formatHex(padded)).isEqualTo("6e616d6520776974682020737061636573202e7478740a0a0a0a0a0a0a0a0a0a");

        byte[] c = EME.encrypt(padded);

        assertThat(HEX.formatHex(c)).isEqualTo("c0793db7134177df696e260ca74a6724d2de33fa37822dbc20c1bd8565ae93d0");
        assertThat(EME.decrypt(c)).isEqualTo(padded);
    }

    @Test
    void doublesLittleEndianAsInTheWorkedExample() {
        // E(0) = c0ff1d82...; L_0 = 2·E(0); L_1 = 2·L_0; then 2·M for the mixing step
        byte[] l0 = Eme.times2(HEX.parseHex("c0ff1d82227437625004e4560a1676fa"));
        assertThat(HEX.formatHex(l0)).isEqualTo("07ff3b0445e86ec4a008c8ad142cecf4");
        assertThat(HEX.formatHex(Eme.times2(l0))).isEqualTo("89fe77088ad0dd884111905b2958d8e9");
        assertThat(HEX.formatHex(Eme.times2(HEX.parseHex("6249948be0b9a16cf18489eaf61549a0"))))
                .isEqualTo("43922817c17343d9e20913d5ed2b9240");
    }

    @Test
    void doublingCarriesFromTheTopBitIntoByteZero() {
        byte[] top = new byte[16];
        top[15] = (byte) 0x80;
        byte[] expected = new byte[16];
        expected[0] = (byte) 0x87;
        assertThat(Eme.times2(top)).isEqualTo(expected);
    }

    @Test
    void roundTripsEveryLengthFromOneTo128Blocks() {
        Random random = new Random(42);
        for (int blocks = 1; blocks <= Eme.MAX_BLOCKS; blocks++) {
            byte[] p = new byte[blocks * 16];
            random.nextBytes(p);
            byte[] c = EME.encrypt(p);
            assertThat(c).hasSameSizeAs(p).isNotEqualTo(p);
            assertThat(EME.decrypt(c)).as("%d blocks", blocks).isEqualTo(p);
        }
    }

    @Test
    void everyOutputByteDependsOnEveryInputByte() {
        byte[] p = new byte[64];
        byte[] c = EME.encrypt(p);
        p[63] ^= 1; // a change in the last block changes the first: no common prefixes leak
        byte[] c2 = EME.encrypt(p);
        for (int block = 0; block < 4; block++) {
            assertThat(Arrays.copyOfRange(c2, block * 16, block * 16 + 16))
                    .isNotEqualTo(Arrays.copyOfRange(c, block * 16, block * 16 + 16));
        }
    }

    @Test
    void refusesLengthsOutsideOneTo128WholeBlocks() {
        assertThatThrownBy(() -> EME.encrypt(new byte[0])).hasMessageContaining("1 to 128 blocks");
        assertThatThrownBy(() -> EME.encrypt(new byte[17])).hasMessageContaining("1 to 128 blocks");
        assertThatThrownBy(() -> EME.decrypt(new byte[129 * 16])).hasMessageContaining("1 to 128 blocks");
    }

    @Test
    void refusesWrongKeyAndTweakSizes() {
        assertThatThrownBy(() -> new Eme(new byte[16], TWEAK)).hasMessage("EME key must be 32 bytes, was 16");
        assertThatThrownBy(() -> new Eme(NAME_KEY, new byte[8])).hasMessage("EME tweak must be 16 bytes, was 8");
    }

    @Test
    void neverPrintsTheKey() {
        assertThat(EME.toString()).doesNotContain("2a68").contains("redacted");
    }
}
