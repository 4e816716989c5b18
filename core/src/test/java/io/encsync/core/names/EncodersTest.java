package io.encsync.core.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** base32hex, base64url and base32768 on their own, including the worked example of the spec (§4.4). */
class EncodersTest {
    private static final byte[] WORKED_EXAMPLE =
            HexFormat.of().parseHex("c0793db7134177df696e260ca74a6724d2de33fa37822dbc20c1bd8565ae93d0");

    // RFC 4648 §10 base32hex vectors, lower case and without padding as rclone writes them
    @ParameterizedTest
    @CsvSource({"'',''", "f,co", "fo,cpng", "foo,cpnmu", "foob,cpnmuog", "fooba,cpnmuoj1", "foobar,cpnmuoj1e8"})
    void base32HexMatchesRfc4648(String plain, String encoded) throws BadNameException {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32Hex.INSTANCE.encode(bytes)).isEqualTo(encoded);
        assertThat(Base32Hex.INSTANCE.decode(encoded)).isEqualTo(bytes);
    }

    @Test
    void base32HexEncodesTheWorkedExample() {
        assertThat(Base32Hex.INSTANCE.encode(WORKED_EXAMPLE)).isEqualTo("o1sjrdoj85rtuqbe4o6aeij74j9dscvq6u12rf10o6uoapdeif80");
    }

    @Test
    void base32HexDecodingIgnoresCaseLikeRclone() throws BadNameException {
        assertThat(Base32Hex.INSTANCE.decode("CPNMUOJ1E8")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void base32HexRefusesImpossibleLengthsAndForeignCharacters() {
        assertThatThrownBy(() -> Base32Hex.INSTANCE.decode("c")).hasMessageContaining("not a possible length");
        assertThatThrownBy(() -> Base32Hex.INSTANCE.decode("cpn")).hasMessageContaining("not a possible length");
        assertThatThrownBy(() -> Base32Hex.INSTANCE.decode("cpnmuo")).hasMessageContaining("not a possible length");
        assertThatThrownBy(() -> Base32Hex.INSTANCE.decode("cw")).hasMessageContaining("'w' (U+0077) is not base32");
        assertThatThrownBy(() -> Base32Hex.INSTANCE.decode("co======")).hasMessageContaining("'=' (U+003D)");
    }

    @Test
    void base32HexRoundTripsAllLengths() throws BadNameException {
        Random random = new Random(1);
        for (int n = 0; n <= 300; n++) {
            byte[] data = new byte[n];
            random.nextBytes(data);
            String text = Base32Hex.INSTANCE.encode(data);
            assertThat(text).hasSize((8 * n + 4) / 5).matches("[0-9a-v]*");
            assertThat(Base32Hex.INSTANCE.decode(text)).isEqualTo(data);
        }
    }

    @Test
    void base64UrlWritesNoPaddingAndRefusesIt() throws BadNameException {
        assertThat(Base64Url.INSTANCE.encode(WORKED_EXAMPLE)).isEqualTo("wHk9txNBd99pbiYMp0pnJNLeM_o3gi28IMG9hWWuk9A");
        assertThat(Base64Url.INSTANCE.decode("wHk9txNBd99pbiYMp0pnJNLeM_o3gi28IMG9hWWuk9A")).isEqualTo(WORKED_EXAMPLE);
        assertThatThrownBy(() -> Base64Url.INSTANCE.decode("Zg==")).hasMessageContaining("no '=' padding");
        assertThatThrownBy(() -> Base64Url.INSTANCE.decode("a+b/")).hasMessageContaining("not URL-safe base64");
        assertThatThrownBy(() -> Base64Url.INSTANCE.decode("abcde")).hasMessageContaining("not URL-safe base64");
    }

    @Test
    void base32768EncodesTheWorkedExample() throws BadNameException {
        String expected = "\u869C\u75CD\u88C8\u3DBD\uA1EB\u5EF8\u3F8E\u70C7\u38A9\u5DEC\uA6C6\u9E82\u9441\u1486"
                + "\uA1AA\u8C0E\u7048\u025F";
        assertThat(Base32768.INSTANCE.encode(WORKED_EXAMPLE)).isEqualTo(expected);
        assertThat(Base32768.INSTANCE.decode(expected)).isEqualTo(WORKED_EXAMPLE);
    }

    @Test
    void base32768RoundTripsEveryLengthFrom0To300Bytes() throws BadNameException {
        Random random = new Random(7);
        for (int n = 0; n <= 300; n++) {
            for (int trial = 0; trial < 4; trial++) {
                byte[] data = new byte[n];
                random.nextBytes(data);
                if (trial == 1) {
                    Arrays.fill(data, (byte) 0xff); // all-ones: tail values at the top of their sets
                } else if (trial == 2) {
                    Arrays.fill(data, (byte) 0);
                }
                String text = Base32768.INSTANCE.encode(data);
                assertThat(text).as("%d bytes", n).hasSize((8 * n + 14) / 15);
                assertThat(text.chars().filter(c -> Character.isSurrogate((char) c))).isEmpty();
                assertThat(Base32768.INSTANCE.decode(text)).as("%d bytes", n).isEqualTo(data);
            }
        }
    }

    @Test
    void base32768PadsTheLastCharacterWithOnes() throws BadNameException {
        // 1 zero byte: 8 bits + 7 one bits = 127 -> block A[3] = U+06A0, +31
        assertThat(Base32768.INSTANCE.encode(new byte[1])).isEqualTo("\u06BF");
        // 2 zero bytes: 15 zero bits -> U+04A0; then 1 zero bit + 6 one bits = 63 -> block B[1] = U+0240, +31
        assertThat(Base32768.INSTANCE.encode(new byte[2])).isEqualTo("\u04A0\u025F");
        // rclone's decoder ignores the padding bits, so zero padding decodes to the same byte
        assertThat(Base32768.INSTANCE.decode("\u06A0")).isEqualTo(new byte[1]);
    }

    @Test
    void base32768RefusesForeignCharactersAndTextAfterTheTail() {
        assertThatThrownBy(() -> Base32768.INSTANCE.decode("a")).hasMessageContaining("'a' (U+0061) is not base32768");
        assertThatThrownBy(() -> Base32768.INSTANCE.decode("\u04A0\n")).hasMessageContaining("'\\n' (U+000A)");
        assertThatThrownBy(() -> Base32768.INSTANCE.decode("\u025F\u04A0")).hasMessageContaining("after its final 7-bit");
        assertThatThrownBy(() -> Base32768.INSTANCE.decode("\uD83D\uDE00")).hasMessageContaining("U+D83D");
    }
}
