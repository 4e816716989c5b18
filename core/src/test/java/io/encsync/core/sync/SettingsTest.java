package io.encsync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value types front ends build: validation messages, no secrets in text, serializable. */
class SettingsTest {

    @Test
    void syncOptionsValidateWithClearMessages() {
        assertThat(SyncOptions.defaults().transfers()).isEqualTo(4);
        assertThat(SyncOptions.defaults().strict()).isTrue();
        assertUsage(() -> SyncOptions.builder().transfers(0).build(), "transfers must be between 1 and 64, was 0");
        assertUsage(() -> SyncOptions.builder().transfers(65).build(), "transfers must be between 1 and 64, was 65");
        assertUsage(() -> SyncOptions.builder().minGeneration(-1).build(), "min-generation must be >= 0, was -1");
        assertUsage(() -> SyncOptions.builder().exclude("").build(), "exclude pattern must not be empty");
        assertUsage(() -> SyncOptions.builder().include("{a,b").build(), "include pattern must close every {");
    }

    @Test
    void cryptConfigNeedsAPasswordAndNeverPrintsIt() throws Exception {
        assertUsage(() -> CryptConfig.builder().build(), "password must be set and not empty, was missing");
        assertUsage(() -> CryptConfig.builder().password(SecretBytes.utf8("")).build(), "was empty");
        CryptConfig c = CryptConfig.builder().password(SecretBytes.utf8("hunter2-secret"))
                .password2(SecretBytes.utf8("salty-secret")).filenameEncryption(FilenameEncryption.OBFUSCATE)
                .filenameEncoding(FilenameEncoding.BASE64).directoryNameEncryption(false).build();
        assertThat(c.toString()).isEqualTo("CryptConfig[filenameEncryption=obfuscate, filenameEncoding=base64, "
                + "directoryNameEncryption=false, password2=set]");
        CryptConfig back = roundTrip(c);
        assertThat(back.password().revealUtf8()).isEqualTo("hunter2-secret");
        assertThat(back.filenameEncryption()).isEqualTo(FilenameEncryption.OBFUSCATE);
        try (CryptContext ctx = CryptContext.open(back, 1)) {
            assertThat(ctx.toString()).doesNotContain("hunter2").doesNotContain("salty");
        }
    }

    @Test
    void optionsAndResultsSurviveSerialization() throws Exception {
        SyncOptions o = roundTrip(SyncOptions.builder().delete(true).exclude("*.log").transfers(9).build());
        assertThat(o.delete()).isTrue();
        assertThat(o.excludes()).containsExactly("*.log");
        SyncResult r = roundTrip(new SyncResult(3, 4, 5, 6, 1.5, 7, false,
                List.of(new FileError("a", ErrorCategory.INTEGRITY, "`a`: bad"),
                        new FileError("b", ErrorCategory.LOCAL_IO, "`b`: io"))));
        assertThat(r.worstCategory()).as("the higher exit code wins").isEqualTo(ErrorCategory.LOCAL_IO);
        assertThat(r.toMap()).containsOnlyKeys("transferred", "unchanged", "deleted", "bytes", "seconds", "errors", "generation")
                .containsEntry("generation", 7L).containsEntry("transferred", 3L);
        assertThat(new SyncResult(0, 0, 0, 0, 0, 0, false, List.of()).worstCategory()).isNull();
    }

    private static void assertUsage(Runnable r, String message) {
        assertThatThrownBy(r::run).isInstanceOf(EncsyncException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.USAGE));
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }
}
