package io.encsync.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ObscureTest {
    private static final byte[] FIXED_IV = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

    @ParameterizedTest
    @CsvSource(value = {
        "testvector-A-password|AAECAwQFBgcICQoLDA0OD3X6FFFxtyP-olMlJCmQrlFDlkErvw",
        "testvector-A-salt|AAECAwQFBgcICQoLDA0OD3X6FFFxtyP-olMlJCmTrk5E",
        "''|AAECAwQFBgcICQoLDA0ODw",
    }, delimiter = '|')
    void matchesRcloneVectorsBothWays(String secret, String obscured) {
        assertThat(Obscure.obscure(SecretBytes.utf8(secret), FIXED_IV)).isEqualTo(obscured);
        assertThat(Obscure.revealToString(obscured)).isEqualTo(secret);
    }

    @Test
    void revealsWhatRcloneObscuredWithARandomIv() {
        // rclone.conf of the test vectors: 'rclone obscure testvector-A-password'
        assertThat(Obscure.revealToString("JPgC26d3oY0TsZ-TKTyGDvmwZlFRYjHWI4-pNAVM4BdpWl85Mg"))
                .isEqualTo("testvector-A-password");
    }

    @Test
    void randomIvDiffersEachTimeAndStillReveals() {
        SecureRandom random = new SecureRandom();
        String a = Obscure.obscure(SecretBytes.utf8("secret"), random);
        String b = Obscure.obscure(SecretBytes.utf8("secret"), random);
        assertThat(a).isNotEqualTo(b);
        assertThat(Obscure.revealToString(a)).isEqualTo("secret");
    }

    @Test
    void refusesTextThatWasNotObscured() {
        assertThatThrownBy(() -> Obscure.reveal("plain password!")).hasMessageContaining("rclone obscure");
        assertThatThrownBy(() -> Obscure.reveal("abc")).hasMessageContaining("too short");
    }
}
