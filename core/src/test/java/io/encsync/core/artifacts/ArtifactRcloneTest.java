package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.keys.SecretBytes;
import io.encsync.core.rclone.RcloneConfig;
import io.encsync.core.testing.Rclone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stock rclone 1.60.1, with a crypt remote pointed at one set's root, lists exactly the archived
 * files (never the manifest) and restores them byte-identical — whole objects and a multipart one.
 */
class ArtifactRcloneTest {
    private static final Instant T = Instant.parse("2023-08-09T10:11:12.5Z");

    @TempDir
    Path tmp;

    @Test
    void stockRcloneRestoresASetByteIdentical() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        files.put("app.jar", ArtifactFixture.random(70_000, 1));
        files.put("reports/test results.xml", "<testsuite/>\n".getBytes(StandardCharsets.UTF_8));
        files.put("reports/empty.log", new byte[0]);
        files.put("dist/big.tar", ArtifactFixture.random(9 * 1024 * 1024 + 17, 2));
        Path ws = tmp.resolve("ws");
        for (var f : files.entrySet()) {
            ArtifactFixture.write(ws.resolve(f.getKey()), f.getValue(), T);
        }
        try (ArtifactFixture fx = ArtifactFixture.start()) {
            ArtifactSet set = fx.build(5).stash("dist");
            fx.archiveAll(set, ws).throwIfFailed();
            Path conf = tmp.resolve("rclone.conf");
            RcloneConfig.builder().s3(set.s3Location(), fx.settings)
                    .s3Keys(ArtifactFixture.ACCESS_KEY_ID, SecretBytes.utf8(ArtifactFixture.SECRET_ACCESS_KEY))
                    .password(SecretBytes.utf8(ArtifactFixture.PASSWORD))
                    .password2(SecretBytes.utf8(ArtifactFixture.PASSWORD2))
                    .build().writeTo(conf);

            String listed = rclone(conf, "lsf", "-R", "--files-only", "encsync:");
            assertThat(listed.lines().sorted().toList()).containsExactlyElementsOf(files.keySet());

            Path restored = tmp.resolve("restored");
            rclone(conf, "copy", "encsync:", restored.toString());
            assertThat(ArtifactFixture.filesUnder(restored).keySet()).containsExactlyElementsOf(files.keySet());
            for (var f : files.entrySet()) {
                assertThat(Files.readAllBytes(restored.resolve(f.getKey()))).as(f.getKey()).isEqualTo(f.getValue());
            }
            assertThat(Files.getLastModifiedTime(restored.resolve("app.jar")).toInstant())
                    .as("rclone reads the mtime the presigned PUT stored").isEqualTo(T);
        }
    }

    private static String rclone(Path conf, String... args) {
        Rclone.Result r = Rclone.run(conf, Map.of("TZ", "UTC"), args).assertOk();
        return r.stdout();
    }
}
