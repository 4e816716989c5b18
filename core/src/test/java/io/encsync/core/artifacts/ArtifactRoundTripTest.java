package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.manifest.Manifest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archive and restore through presigned URLs against a real moto server: 1,000 small files and
 * one 50 MiB file (a multipart upload of 10 parts created and completed by the controller), every
 * message through a java.*-only class filter.
 */
class ArtifactRoundTripTest {
    private static final Instant BASE = Instant.parse("2024-03-04T05:06:07.123456789Z");

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
    void thousandSmallFilesAndOneMultipartFileComeBackIdentical() throws Exception {
        Path ws = tmp.resolve("ws");
        Map<String, byte[]> files = new HashMap<>();
        Random random = new Random(12);
        for (int i = 0; i < 1000; i++) {
            String path = switch (i % 4) {
                case 0 -> "file-" + i + ".txt";
                case 1 -> "reports/q" + (i % 7) + "/file " + i + ".log";
                case 2 -> "deep/a/b/c/d/résumé+" + i + ".bin";
                default -> "target/classes/Σ-" + i + ".class";
            };
            // Sizes around the 64 KiB block boundary too, and empty files.
            int size = i % 100 == 0 ? 65536 + (i % 3) - 1 : i % 50 == 0 ? 0 : random.nextInt(9000);
            files.put(path, ArtifactFixture.random(size, i));
        }
        files.put("big.bin", ArtifactFixture.random(50 * 1024 * 1024 + 3, 99));
        int n = 0;
        for (var f : files.entrySet()) {
            ArtifactFixture.write(ws.resolve(f.getKey()), f.getValue(), BASE.plusSeconds(n++));
        }
        ArtifactSet set = fx.build(7).artifacts();

        ArchiveResult archived = fx.archiveAll(set, ws);

        assertThat(archived.failures()).isEmpty();
        assertThat(archived.archived()).isEqualTo(1001);
        assertThat(archived.generation()).isEqualTo(1);
        assertThat(archived.bytes()).isEqualTo(files.values().stream().mapToLong(b -> b.length).sum());
        Map<String, Long> objects = fx.objects(set.root());
        assertThat(objects).hasSize(1002).containsKey(set.manifestKey());
        assertThat(objects.keySet()).as("names below the root are encrypted (base32hex segments)")
                .allMatch(k -> k.equals(set.manifestKey())
                        || k.substring(set.root().length()).matches("[0-9a-v]+(/[0-9a-v]+)*"));
        assertThat(objects.values()).as("every object has its crypt size").contains(
                ContentCipher.encryptedSize(50 * 1024 * 1024 + 3));
        assertThat(fx.openMultipartUploads(set.root())).isZero();

        Path out = tmp.resolve("out");
        DownloadResult restored = fx.restore(set, out);

        assertThat(restored.failures()).isEmpty();
        assertThat(restored.files()).isEqualTo(1001);
        for (var f : files.entrySet()) {
            Path file = out.resolve(f.getKey());
            assertThat(Files.readAllBytes(file)).as(f.getKey()).isEqualTo(f.getValue());
            assertThat(Files.getLastModifiedTime(file)).as(f.getKey())
                    .isEqualTo(Files.getLastModifiedTime(ws.resolve(f.getKey())));
        }
        try (InputStream in = fx.controller.open(set, "big.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(files.get("big.bin"));
        }
        try (InputStream in = fx.controller.open(set, "deep/a/b/c/d/résumé+2.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(files.get("deep/a/b/c/d/résumé+2.bin"));
        }
    }

    @Test
    void archivingAgainIntoTheSetAddsFilesUnderTheNextGeneration() throws Exception {
        Path ws = tmp.resolve("ws");
        ArtifactFixture.write(ws.resolve("a.txt"), "first a".getBytes(StandardCharsets.UTF_8), BASE);
        ArtifactSet set = fx.build(3).artifacts();
        assertThat(fx.archive(set, ws, Map.of("a.txt", "a.txt")).generation()).isEqualTo(1);

        ArtifactFixture.write(ws.resolve("a.txt"), "second a".getBytes(StandardCharsets.UTF_8), BASE.plusSeconds(1));
        ArtifactFixture.write(ws.resolve("sub/b.txt"), "b".getBytes(StandardCharsets.UTF_8), BASE);
        ArchiveResult second = fx.archive(set, ws, Map.of("a.txt", "a.txt", "b/renamed.txt", "sub/b.txt"));

        assertThat(second.generation()).isEqualTo(2);
        Manifest manifest = fx.controller.manifest(set);
        assertThat(manifest.entries().keySet()).containsExactly("a.txt", "b/renamed.txt");
        Path out = tmp.resolve("out");
        assertThat(fx.restore(set, out).failures()).isEmpty();
        assertThat(Files.readString(out.resolve("a.txt"))).isEqualTo("second a");
        assertThat(Files.readString(out.resolve("b/renamed.txt"))).isEqualTo("b");
    }

    @Test
    void stashesAreSetsOfTheirOwnAndRestoreOverExistingFiles() throws Exception {
        Path ws = tmp.resolve("ws");
        ArtifactFixture.write(ws.resolve("out/app.jar"), "jar".getBytes(StandardCharsets.UTF_8), BASE);
        ArtifactBuild build = fx.build(4);
        fx.archive(build.stash("binaries"), ws, Map.of("out/app.jar", "out/app.jar")).throwIfFailed();
        fx.archive(build.artifacts(), ws, Map.of("app.jar", "out/app.jar")).throwIfFailed();

        Path other = tmp.resolve("other-workspace");
        ArtifactFixture.write(other.resolve("out/app.jar"), "stale local copy".getBytes(StandardCharsets.UTF_8), BASE);
        assertThat(fx.restore(build.stash("binaries"), other).failures()).isEmpty();

        assertThat(Files.readString(other.resolve("out/app.jar"))).isEqualTo("jar");
        assertThat(fx.controller.manifest(build.stash("binaries")).entries()).containsOnlyKeys("out/app.jar");
        assertThat(fx.controller.manifest(build.artifacts()).entries()).containsOnlyKeys("app.jar");
        try (var leftovers = Files.list(other.resolve("out"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString()).toList()).isEqualTo(List.of("app.jar"));
        }
    }

    @Test
    void aCopiedBuildReadsAsTheOriginalWithItsGenerationsAndLargeObjectsCopiedInParts() throws Exception {
        Path ws = tmp.resolve("ws");
        byte[] big = ArtifactFixture.random(9 * 1024 * 1024 + 11, 5);
        ArtifactFixture.write(ws.resolve("big.bin"), big, BASE);
        ArtifactFixture.write(ws.resolve("a/small.txt"), "small".getBytes(StandardCharsets.UTF_8), BASE);
        ArtifactBuild from = fx.build(8);
        ArchiveResult archived = fx.archiveAll(from.artifacts(), ws);
        fx.archive(from.artifacts(), ws, Map.of("a/small.txt", "a/small.txt")).throwIfFailed();
        fx.archive(from.stash("s"), ws, Map.of("x.txt", "a/small.txt")).throwIfFailed();
        ArtifactBuild to = fx.build(9);

        // Objects over 1 MiB in parts of 5 MiB: the 9 MiB object takes the multipart path.
        int copied = fx.controller.copyBuild(from, to, 1 << 20, 5 << 20);

        assertThat(copied).isEqualTo(5);
        assertThat(fx.objects(to.root())).hasSize(5);
        assertThat(fx.controller.manifest(to.artifacts(), archived.generation() + 1).generation()).isEqualTo(2);
        Path out = tmp.resolve("out");
        assertThat(fx.restore(to.artifacts(), out).failures()).isEmpty();
        assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(big);
        assertThat(Files.readString(out.resolve("a/small.txt"))).isEqualTo("small");
        Path stash = tmp.resolve("stash");
        assertThat(fx.restore(to.stash("s"), stash).failures()).isEmpty();
        assertThat(Files.readString(stash.resolve("x.txt"))).isEqualTo("small");
        assertThat(fx.openMultipartUploads(to.root())).isZero();
        assertThatThrownBy(() -> fx.controller.copyBuild(from, new ArtifactBuild("other-bucket", "ci", "team/app", 1)))
                .hasMessageContaining("same bucket");
        assertThat(fx.controller.manifest(to.artifacts()).boundTo()).as("re-sealed for its new place")
                .contains(to.artifacts().binding());
        assertThat(fx.controller.manifest(to.stash("s")).boundTo()).contains(to.stash("s").binding());
        assertThat(fx.controller.manifest(from.artifacts()).boundTo()).contains(from.artifacts().binding());

        // A build whose set was replaced with a copy of another set's is not copied: nothing is written.
        ArtifactBuild third = fx.build(3);
        for (String key : fx.objects(from.stash("s").root()).keySet()) {
            String target = from.artifacts().root() + key.substring(from.stash("s").root().length());
            fx.admin.copyObject(r -> r.sourceBucket(fx.bucket).sourceKey(key).destinationBucket(fx.bucket)
                    .destinationKey(target));
        }
        assertThatThrownBy(() -> fx.controller.copyBuild(from, third)).isInstanceOf(io.encsync.core.IntegrityException.class)
                .hasMessageContaining("the manifest of " + from.artifacts().label()).hasMessageContaining("sealed for another set");
        assertThat(fx.objects(third.root())).isEmpty();
    }

    @Test
    void permissionBitsAreScannedOnTheAgentRecordedAndRestoredExactly() throws Exception {
        Path ws = tmp.resolve("ws");
        Map<String, Integer> modes = Map.of("gradlew", 0755, "bin/tool", 0700, "secret.txt", 0600,
                "shared.txt", 0666, "readonly.txt", 0444, "plain.txt", 0644);
        for (Map.Entry<String, Integer> m : modes.entrySet()) {
            Path f = ArtifactFixture.write(ws.resolve(m.getKey()), ("#!/bin/sh\necho " + m.getKey() + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), Instant.parse("2024-01-01T00:00:00Z"));
            Files.setPosixFilePermissions(f, io.encsync.core.fs.FileModes.toPermissions(m.getValue()));
        }
        ArtifactSet set = fx.build(7).stash("bin");
        Map<?, ?> scan = ArtifactFixture.channel(ArtifactScan.scan(ws, ArtifactFixture.filesUnder(ws)));
        assertThat(Wire.maps(scan, "files", "scan")).anySatisfy(row -> {
            assertThat(row.get("path")).isEqualTo("gradlew");
            assertThat(row.get("mode")).isEqualTo(0755L);
        });
        fx.archiveAll(set, ws).throwIfFailed();
        assertThat(fx.controller.manifest(set).entries().get("gradlew").mode()).isEqualTo(0755);

        Path out = tmp.resolve("out");
        // A file already there with other bits is replaced by one with the recorded bits.
        Files.createDirectories(out);
        Files.writeString(out.resolve("gradlew"), "old");
        Files.setPosixFilePermissions(out.resolve("gradlew"), io.encsync.core.fs.FileModes.toPermissions(0600));
        assertThat(fx.restore(set, out).failures()).isEmpty();
        for (Map.Entry<String, Integer> m : modes.entrySet()) {
            assertThat(io.encsync.core.fs.FileModes.fromPermissions(Files.getPosixFilePermissions(out.resolve(m.getKey()))))
                    .as(m.getKey()).isEqualTo(m.getValue());
        }
        Process p = new ProcessBuilder(out.resolve("gradlew").toString()).redirectErrorStream(true).start();
        assertThat(new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("echo gradlew\n".substring(5));
        assertThat(p.waitFor()).isZero();
    }
}
