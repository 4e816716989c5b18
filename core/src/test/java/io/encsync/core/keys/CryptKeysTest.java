package io.encsync.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CryptKeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void derivesRcloneKeysWithDefaultSalt() {
        try (CryptKeys keys = CryptKeys.derive(SecretBytes.utf8("testvector-A-password"), null)) {
            assertThat(HEX.formatHex(keys.dataKey().reveal()))
                    .isEqualTo("3a4264ac522cef356de03067e9a8bf191f2ddfba1c7028cc216f7c2a6d6cf480");
            assertThat(HEX.formatHex(keys.nameKey().reveal()))
                    .isEqualTo("2a680cba498daf48beb6290c6c43784d57628057077dc6ea59d187654652ea63");
            assertThat(HEX.formatHex(keys.nameTweak().reveal())).isEqualTo("b7a6d065c7e6683182148c6b1bb60aa3");
        }
    }

    @Test
    void derivesRcloneKeysWithPassword2AsSalt() {
        try (CryptKeys keys = CryptKeys.derive(SecretBytes.utf8("testvector-A-password"), SecretBytes.utf8("testvector-A-salt"))) {
            assertThat(HEX.formatHex(keys.dataKey().reveal()))
                    .isEqualTo("eb710f7fb713b422fba2f4ac93860e2d5662dc4164e5eecc0ea02fd0ba4a41cb");
            assertThat(HEX.formatHex(keys.nameKey().reveal()))
                    .isEqualTo("8bbd9726a1868b59d3b34ebd48b48ee44de028785a7912adf0f758e7d08cf5ca");
            assertThat(HEX.formatHex(keys.nameTweak().reveal())).isEqualTo("2afe924231916d6daf04365b71b2ec2a");
        }
    }

    @Test
    void emptyPassword2MeansDefaultSalt() {
        try (CryptKeys a = CryptKeys.derive(SecretBytes.utf8("pw"), SecretBytes.utf8(""));
             CryptKeys b = CryptKeys.derive(SecretBytes.utf8("pw"), null)) {
            assertThat(a.dataKey()).isEqualTo(b.dataKey());
        }
    }

    @Test
    void refusesEmptyPassword() {
        assertThatThrownBy(() -> CryptKeys.derive(SecretBytes.utf8(""), null))
                .hasMessageContaining("password must not be empty");
    }

    @Test
    void neverPrintsKeyBytes() {
        try (CryptKeys keys = CryptKeys.derive(SecretBytes.utf8("testvector-A-password"), null)) {
            assertThat(keys.toString()).doesNotContain("3a42");
            assertThat(keys.dataKey().toString()).isEqualTo("SecretBytes[32 bytes]");
        }
    }

    @Test
    void closeWipesKeys() {
        CryptKeys keys = CryptKeys.derive(SecretBytes.utf8("pw"), null);
        keys.close();
        assertThat(keys.dataKey().isDestroyed()).isTrue();
        assertThatThrownBy(() -> keys.dataKey().reveal()).isInstanceOf(IllegalStateException.class);
    }
}
