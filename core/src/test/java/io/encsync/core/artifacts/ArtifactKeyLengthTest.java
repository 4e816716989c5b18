package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.s3.S3Keys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 refuses object keys over 1,024 bytes; encrypted names are longer than plain ones. A path
 * whose encrypted key would not fit is refused while the archive is planned, naming the artifact,
 * and nothing of that archive reaches the bucket (moto accepts longer keys, so the check is ours).
 */
class ArtifactKeyLengthTest {
    private static final Instant T = Instant.parse("2024-02-03T04:05:06Z");

    @TempDir
    Path tmp;

    private ArtifactFixture fx;

    @BeforeEach
    void start() {
        fx = ArtifactFixture.start();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theLimitIsCountedInBytesOfUtf8() {
        S3Keys.requireFits("k".repeat(S3Keys.MAX_KEY_BYTES), "file 'a'");
        assertThatThrownBy(() -> S3Keys.requireFits("k".repeat(S3Keys.MAX_KEY_BYTES + 1), "file 'a'"))
                .isInstanceOf(EncsyncException.class)
                .hasMessageContaining("file 'a'").hasMessageContaining("1025 bytes")
                .hasMessageContaining("at most 1024").hasMessageContaining("base32768");
        // 342 three-byte characters: 1,026 bytes, 342 chars
        assertThatThrownBy(() -> S3Keys.requireFits("€".repeat(342), "file 'b'"))
                .hasMessageContaining("1026 bytes");
    }

    @Test
    void anArtifactWhoseEncryptedKeyWouldBeTooLongIsRefusedBeforeAnythingIsUploaded() throws Exception {
        Path ws = tmp.resolve("ws");
        String deep = "segment-with-a-long-name-".repeat(2) + "/";
        String tooLong = deep.repeat(12) + "report.txt"; // about 620 bytes plain, over 1,024 encrypted
        ArtifactFixture.write(ws.resolve("ok.txt"), "fine".getBytes(StandardCharsets.UTF_8), T);
        ArtifactFixture.write(ws.resolve(tooLong), "deep".getBytes(StandardCharsets.UTF_8), T);
        ArtifactFixture.write(ws.resolve("big.bin"), ArtifactFixture.random(9 * 1024 * 1024, 5), T);
        Map<String, String> artifacts = new LinkedHashMap<>();
        artifacts.put("big.bin", "big.bin"); // planned first: a multipart upload that must be aborted
        artifacts.put("ok.txt", "ok.txt");
        artifacts.put(tooLong, tooLong);
        ArtifactSet set = fx.build(1).artifacts();

        assertThatThrownBy(() -> fx.archive(set, ws, artifacts))
                .isInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessageContaining("report.txt").hasMessageContaining("S3 accepts at most 1024");
        assertThat(fx.objects("")).isEmpty();
        assertThat(fx.admin.listMultipartUploads(r -> r.bucket(fx.bucket)).uploads()).isEmpty();
    }
}
