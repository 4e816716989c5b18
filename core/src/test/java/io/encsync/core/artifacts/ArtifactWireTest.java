package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.keys.CryptKeys;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.ObjectNotFoundException;
import io.encsync.core.manifest.ManifestEntry;
import java.io.InvalidClassException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What crosses between controller and agent: only java.* types, no AWS secret, no password, no
 * name key — the content key is the one byte array — and URLs bound to their size and expiry,
 * never printed.
 */
class ArtifactWireTest {
    private static final Instant T = Instant.parse("2024-01-02T03:04:05Z");
    private static ArtifactFixture fx;
    private static byte[] dataKey;
    private static List<byte[]> otherSecrets;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        fx = ArtifactFixture.start();
        try (CryptKeys keys = CryptKeys.derive(SecretBytes.utf8(ArtifactFixture.PASSWORD),
                SecretBytes.utf8(ArtifactFixture.PASSWORD2))) {
            dataKey = keys.dataKey().reveal();
            otherSecrets = List.of(keys.nameKey().reveal(), keys.nameTweak().reveal(),
                    ArtifactFixture.SECRET_ACCESS_KEY.getBytes(StandardCharsets.UTF_8),
                    ArtifactFixture.PASSWORD.getBytes(StandardCharsets.UTF_8),
                    ArtifactFixture.PASSWORD2.getBytes(StandardCharsets.UTF_8));
        }
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void everyMessagePassesTheFilterAndHoldsNoSecretButTheContentKey() throws Exception {
        Path ws = tmp.resolve("ws");
        ArtifactFixture.write(ws.resolve("small.txt"), "small".getBytes(StandardCharsets.UTF_8), T);
        ArtifactFixture.write(ws.resolve("large.bin"), ArtifactFixture.random(9 * 1024 * 1024, 1), T);
        ArtifactSet set = fx.build(1).artifacts();
        Map<String, String> artifacts = Map.of("small.txt", "small.txt", "large.bin", "large.bin");

        Map<String, Object> scan = ArtifactScan.scan(ws, artifacts);
        UploadPlan plan = fx.controller.planUpload(set, ArtifactFixture.channel(scan));
        Map<String, Object> planWire = plan.toWire();
        Map<String, Object> uploadReply = new PresignedUploader(fx.transfers).upload(ws, ArtifactFixture.channel(planWire));
        ArchiveResult archived = fx.controller.complete(plan, ArtifactFixture.channel(uploadReply));
        assertThat(archived.failures()).isEmpty();
        DownloadPlan download = fx.controller.planDownload(set);
        Map<String, Object> downloadWire = download.toWire();
        Map<String, Object> downloadReply = new PresignedDownloader(fx.transfers).download(tmp.resolve("out"),
                ArtifactFixture.channel(downloadWire));

        for (Map<String, Object> message : List.of(scan, planWire, uploadReply, downloadWire, downloadReply)) {
            byte[] serialized = ArtifactFixture.serialize(message);
            Map<?, ?> passed = (Map<?, ?>) ArtifactFixture.deserialize(serialized);
            assertThat(passed.keySet()).as("passes the java.*-only filter").isEqualTo(message.keySet());
            for (byte[] secret : otherSecrets) {
                assertThat(indexOf(serialized, secret)).as("a secret in " + message.get("format")).isNegative();
            }
        }
        for (Map<String, Object> plans : List.of(planWire, downloadWire)) {
            List<byte[]> arrays = byteArrays(plans);
            assertThat(arrays).as("the one byte array is the content key").hasSize(1);
            assertThat(arrays.get(0)).isEqualTo(dataKey);
        }
        assertThat(byteArrays(uploadReply)).isEmpty();
        assertThat(byteArrays(downloadReply)).isEmpty();
        assertThat(plan.toString() + download + archived + DownloadResult.fromWire(downloadReply))
                .doesNotContain("X-Amz-Signature").doesNotContain(ArtifactFixture.ACCESS_KEY_ID);

        plan.close();
        download.close();
        assertThat((byte[]) planWire.get("contentKey")).containsOnly(0);
        assertThat((byte[]) downloadWire.get("contentKey")).containsOnly(0);
    }

    @Test
    void aPlanIsCompletedOnceSoASecondCompletionCannotUndoTheFirst() throws Exception {
        Path ws = tmp.resolve("ws");
        ArtifactFixture.write(ws.resolve("big.bin"), ArtifactFixture.random(9 * 1024 * 1024, 3), T);
        ArtifactSet set = fx.build(3).artifacts();
        try (UploadPlan plan = fx.controller.planUpload(set, ArtifactScan.scan(ws, Map.of("big.bin", "big.bin")))) {
            Map<?, ?> reply = ArtifactFixture.channel(new PresignedUploader(fx.transfers).upload(ws, plan.toWire()));
            assertThat(fx.controller.complete(plan, reply).failures()).isEmpty();

            assertThatThrownBy(() -> fx.controller.complete(plan, reply)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> fx.controller.abort(plan, "late")).isInstanceOf(IllegalStateException.class);
        }
        assertThat(fx.restore(set, tmp.resolve("out")).failures()).isEmpty();
    }

    @Test
    void theControllerStreamsArtifactsOnlyUpToItsConfiguredMaximum() throws Exception {
        Path ws = tmp.resolve("ws");
        ArtifactFixture.write(ws.resolve("ten.txt"), "0123456789".getBytes(StandardCharsets.UTF_8), T);
        ArtifactFixture.write(ws.resolve("nine.txt"), "012345678".getBytes(StandardCharsets.UTF_8), T);
        ArtifactSet set = fx.build(4).artifacts();
        fx.archive(set, ws, Map.of("ten.txt", "ten.txt", "nine.txt", "nine.txt")).throwIfFailed();

        try (ArtifactController small = ArtifactController.open(fx.settings, fx.crypt,
                ArtifactOptions.builder().maxStreamSize(9).build())) {
            try (var in = small.open(set, "nine.txt")) {
                assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("012345678");
            }
            assertThatThrownBy(() -> small.open(set, "ten.txt")).isInstanceOf(EncsyncException.class)
                    .hasMessageContaining("'ten.txt'").hasMessageContaining("10 bytes, more than the 9");
            assertThatThrownBy(() -> small.open(set, "absent.txt")).isInstanceOf(ObjectNotFoundException.class);
        }
    }

    @Test
    void theFilterRefusesAnyClassOfOurs() {
        Map<String, Object> message = new HashMap<>();
        message.put("entry", new ManifestEntry("a", 1, 2, "00".repeat(32), "00".repeat(24)));

        assertThatThrownBy(() -> ArtifactFixture.deserialize(ArtifactFixture.serialize(message)))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(InvalidClassException.class);
    }

    @Test
    void uploadUrlsAreSignedForTheirExactSizeAndExpire() throws Exception {
        Path ws = tmp.resolve("ws");
        ArtifactFixture.write(ws.resolve("a.txt"), "abc".getBytes(StandardCharsets.UTF_8), T);
        ArtifactFixture.write(ws.resolve("big.bin"), ArtifactFixture.random(11 * 1024 * 1024, 2), T);
        ArtifactSet set = fx.build(2).artifacts();
        try (UploadPlan plan = fx.controller.planUpload(set, ArtifactScan.scan(ws,
                Map.of("a.txt", "a.txt", "big.bin", "big.bin")))) {
            UploadOrder order = UploadOrder.fromWire(plan.toWire());
            UploadOrder.FileOrder small = order.files().stream().filter(f -> f.path().equals("a.txt")).findFirst().orElseThrow();
            UploadOrder.FileOrder big = order.files().stream().filter(f -> f.path().equals("big.bin")).findFirst().orElseThrow();

            assertThat(small.objectSize()).isEqualTo(32 + 3 + 16);
            Map<String, String> query = query(small.put().url());
            assertThat(query.get("X-Amz-SignedHeaders").split(";"))
                    .contains("content-length", "content-type", "host", "x-amz-meta-mtime");
            assertThat(query).containsEntry("X-Amz-Expires", "3600");
            assertThat(query.get("X-Amz-Credential")).startsWith(ArtifactFixture.ACCESS_KEY_ID + "/");
            assertThat(small.put().headers()).containsEntry("x-amz-meta-mtime", "1704164645")
                    .doesNotContainKeys("host", "content-length");
            assertThat(small.put().size()).isEqualTo(small.objectSize());

            assertThat(big.multipart()).isTrue();
            assertThat(big.parts()).hasSize(3);
            assertThat(big.parts().stream().mapToLong(SignedUrl::size).sum()).isEqualTo(big.objectSize());
            Map<String, String> part3 = query(big.parts().get(2).url());
            assertThat(part3).containsEntry("partNumber", "3").containsKey("uploadId");
            assertThat(part3.get("X-Amz-SignedHeaders").split(";")).contains("content-length");
            assertThat(fx.openMultipartUploads(set.root())).isEqualTo(1);

            fx.controller.abort(plan, "test");
        }
        assertThat(fx.openMultipartUploads(set.root())).isZero();
        assertThat(fx.objects(set.root()).keySet()).containsExactly(set.manifestKey());
        assertThat(fx.controller.manifest(set).entries()).isEmpty();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static List<byte[]> byteArrays(Object o) {
        List<byte[]> out = new ArrayList<>();
        if (o instanceof byte[] b) {
            out.add(b);
        } else if (o instanceof Map<?, ?> m) {
            m.values().forEach(v -> out.addAll(byteArrays(v)));
        } else if (o instanceof List<?> l) {
            l.forEach(v -> out.addAll(byteArrays(v)));
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
