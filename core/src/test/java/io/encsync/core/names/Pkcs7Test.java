package io.encsync.core.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Pkcs7Test {
    @Test
    void padsToTheNextBlockAndAddsAWholeBlockWhenAligned() throws BadNameException {
        for (int n = 0; n <= 48; n++) {
            byte[] padded = Pkcs7.pad(new byte[n]);
            int expectedPadding = 16 - n % 16;
            assertThat(padded).hasSize(n + expectedPadding);
            assertThat(padded[padded.length - 1]).isEqualTo((byte) expectedPadding);
            assertThat(Pkcs7.unpad(padded)).isEqualTo(new byte[n]);
        }
    }

    @Test
    void refusesBadPadding() {
        byte[] zero = new byte[16];
        assertThatThrownBy(() -> Pkcs7.unpad(zero)).hasMessage("bad PKCS#7 padding");
        byte[] tooLong = new byte[16];
        tooLong[15] = 17;
        assertThatThrownBy(() -> Pkcs7.unpad(tooLong)).hasMessage("bad PKCS#7 padding");
        byte[] notAllTheSame = new byte[16];
        Arrays.fill(notAllTheSame, 12, 16, (byte) 4);
        notAllTheSame[12] = 3;
        assertThatThrownBy(() -> Pkcs7.unpad(notAllTheSame)).hasMessage("bad PKCS#7 padding");
        assertThatThrownBy(() -> Pkcs7.unpad(new byte[15])).hasMessageContaining("not a positive multiple of 16");
        assertThatThrownBy(() -> Pkcs7.unpad(new byte[0])).hasMessageContaining("not a positive multiple of 16");
    }
}
