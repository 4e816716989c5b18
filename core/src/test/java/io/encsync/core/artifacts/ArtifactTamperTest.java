package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.fs.SafeFiles;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * A bucket writer without the keys attacks archived sets on moto; every attack is refused and the
 * refusal names the artifact. Two builds archive the same paths (same sizes, other content), so
 * build 1's objects are perfect replay material for build 2.
 */
class ArtifactTamperTest {
    private static final Instant T = Instant.parse("2024-05-06T07:08:09Z");

    @TempDir
    Path tmp;

    private ArtifactFixture fx;
    private ArtifactSet set1;
    private ArtifactSet set2;
    private byte[] data2;

    @BeforeEach
    void archiveTwoBuilds() throws Exception {
        fx = ArtifactFixture.start();
        set1 = archiveBuild(1);
        set2 = archiveBuild(2);
        data2 = Files.readAllBytes(tmp.resolve("ws2/data.bin"));
    }

    private ArtifactSet archiveBuild(int n) throws Exception {
        Path ws = tmp.resolve("ws" + n);
        ArtifactFixture.write(ws.resolve("report.txt"), ("report of build " + n).getBytes(StandardCharsets.UTF_8), T);
        ArtifactFixture.write(ws.resolve("data.bin"), ArtifactFixture.random(200 * 1024, n), T);
        ArtifactFixture.write(ws.resolve("docs/notes.txt"), "notes".getBytes(StandardCharsets.UTF_8), T);
        ArtifactSet set = fx.build(n).artifacts();
        fx.archiveAll(set, ws).throwIfFailed();
        return set;
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void anOlderBuildsObjectUnderTheSameNameIsRefused() throws Exception {
        String suffix = key(set2, "report.txt").substring(set2.root().length());
        assertThat(key(set1, "report.txt")).as("same path, same encrypted name in both builds").endsWith(suffix);
        fx.admin.copyObject(r -> r.sourceBucket(fx.bucket).sourceKey(key(set1, "report.txt"))
                .destinationBucket(fx.bucket).destinationKey(key(set2, "report.txt")));

        Path out = tmp.resolve("out");
        DownloadResult result = fx.restore(set2, out);

        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("report.txt");
            assertThat(f.category()).isEqualTo(ErrorCategory.INTEGRITY);
            assertThat(f.message()).contains("'report.txt' of artifacts of team/app #2")
                    .contains("swapped or stale");
        });
        assertThat(out.resolve("report.txt")).doesNotExist();
        assertThat(Files.readAllBytes(out.resolve("data.bin"))).isEqualTo(data2);
        assertNoTemporaryFiles(out);
        assertThatThrownBy(() -> result.throwIfFailed()).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("'report.txt'");
        assertThatThrownBy(() -> fx.controller.open(set2, "report.txt")).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("'report.txt'").hasMessageContaining("swapped or stale");
    }

    @Test
    void aDeletedObjectIsRefusedBeforeAnyUrlIsHandedOut() {
        fx.admin.deleteObject(r -> r.bucket(fx.bucket).key(key(set2, "data.bin")));

        assertThatThrownBy(() -> fx.controller.planDownload(set2)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("'data.bin' of artifacts of team/app #2").hasMessageContaining("missing");
    }

    @Test
    void aFlippedByteFailsItsBlockAndLeavesNothingBehind() throws Exception {
        byte[] object = fx.admin.getObjectAsBytes(r -> r.bucket(fx.bucket).key(key(set2, "data.bin"))).asByteArray();
        int offset = (int) ContentCipher.blockOffset(2) + 100;
        object[offset] ^= 1;
        put(key(set2, "data.bin"), object);

        Path out = tmp.resolve("out");
        DownloadResult result = fx.restore(set2, out);

        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("'data.bin' of artifacts of team/app #2").contains("authentication failed in block 2"));
        assertThat(out.resolve("data.bin")).doesNotExist();
        assertThat(Files.readString(out.resolve("report.txt"))).isEqualTo("report of build 2");
        assertNoTemporaryFiles(out);
        try (InputStream in = fx.controller.open(set2, "data.bin")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IntegrityException.class)
                    .hasMessageContaining("'data.bin'").hasMessageContaining("block 2");
        }
    }

    @Test
    void anObjectTruncatedAtABlockBoundaryIsRefused() throws Exception {
        byte[] object = fx.admin.getObjectAsBytes(r -> r.bucket(fx.bucket).key(key(set2, "data.bin"))).asByteArray();
        byte[] cut = Arrays.copyOf(object, (int) ContentCipher.blockOffset(2));
        // Made after the plan, the cut passes the controller's size check: the agent must see it.
        try (DownloadPlan plan = fx.controller.planDownload(set2)) {
            put(key(set2, "data.bin"), cut);
            Path out = tmp.resolve("out");
            DownloadResult result = DownloadResult.fromWire(new PresignedDownloader(fx.transfers).download(out,
                    ArtifactFixture.channel(plan.toWire())));
            assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.message())
                    .contains("'data.bin'").contains("truncated or replaced"));
            assertThat(out.resolve("data.bin")).doesNotExist();
        }
        assertThatThrownBy(() -> fx.controller.planDownload(set2)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("'data.bin'").hasMessageContaining("truncated or replaced");
    }

    @Test
    void aRolledBackManifestIsRefusedGivenTheRecordedGeneration() throws Exception {
        byte[] generation1 = fx.admin.getObjectAsBytes(r -> r.bucket(fx.bucket).key(set2.manifestKey())).asByteArray();
        Path ws = tmp.resolve("ws2");
        ArtifactFixture.write(ws.resolve("later.txt"), "later".getBytes(StandardCharsets.UTF_8), T);
        ArchiveResult second = fx.archive(set2, ws, Map.of("later.txt", "later.txt"));
        assertThat(second.generation()).isEqualTo(2);

        put(set2.manifestKey(), generation1);

        assertThatThrownBy(() -> fx.controller.planDownload(set2, null, second.generation()))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("generation 1")
                .hasMessageContaining("rolled back");
        // The controller's own readers (the UI's listing and downloads) refuse it the same way.
        assertThatThrownBy(() -> fx.controller.manifest(set2, second.generation()))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("rolled back");
        assertThatThrownBy(() -> fx.controller.open(set2, "data.bin", second.generation()))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("rolled back");
        assertThat(fx.controller.manifest(set2, 1).generation()).as("without the recorded generation: no check")
                .isEqualTo(1);
    }

    @Test
    void anotherBuildsWholeSetCopiedOverThisOneIsRefusedNamingTheSet() {
        // A bucket writer without the password copies build 1's objects and manifest over build 2's
        // (think: a pull request's build over a release's). Every object and the manifest verify
        // on their own; only the place the manifest was sealed for gives the copy away.
        fx.controller.delete(set2);
        for (String key : fx.objects(set1.root()).keySet()) {
            String target = set2.root() + key.substring(set1.root().length());
            fx.admin.copyObject(r -> r.sourceBucket(fx.bucket).sourceKey(key).destinationBucket(fx.bucket)
                    .destinationKey(target));
        }
        String named = "the manifest of artifacts of team/app #2 (s3://" + fx.bucket + "/" + set2.root() + ")";
        String sealedFor = "sealed for another set, s3://" + fx.bucket + "/" + set1.root();
        assertThatThrownBy(() -> fx.controller.planDownload(set2)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining(named).hasMessageContaining(sealedFor);
        assertThatThrownBy(() -> fx.controller.manifest(set2)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining(named);
        assertThatThrownBy(() -> fx.controller.open(set2, "report.txt")).isInstanceOf(IntegrityException.class)
                .hasMessageContaining(named);
        // An archive into the set does not merge into the foreign manifest either.
        assertThatThrownBy(() -> fx.archive(set2, tmp.resolve("ws2"), Map.of("report.txt", "report.txt")))
                .isInstanceOf(IntegrityException.class).hasMessageContaining(sealedFor);
        assertThat(fx.controller.manifest(set1).entries()).as("the original still reads").hasSize(3);
    }

    @Test
    void anUnboundManifestFromBeforeSetsWereBoundReadsUnlessTheSetRequiresABinding() {
        // What the previous version wrote: the same manifest, sealed with no place.
        try (io.encsync.core.manifest.CryptContext ctx = io.encsync.core.manifest.CryptContext.open(fx.crypt, 1)) {
            io.encsync.core.manifest.Manifest bound = fx.controller.manifest(set2);
            assertThat(bound.boundTo()).contains(set2.binding());
            io.encsync.core.manifest.Manifest unbound = new io.encsync.core.manifest.Manifest(bound.repositoryId(),
                    bound.generation(), bound.created(), bound.entries().values());
            put(set2.manifestKey(), io.encsync.core.manifest.ManifestCodec.seal(unbound, ctx));
        }
        assertThat(fx.controller.manifest(set2, 1).entries()).as("an old build keeps reading").hasSize(3);
        assertThat(fx.restore(set2, tmp.resolve("out")).failures()).isEmpty();
        assertThatThrownBy(() -> fx.controller.manifest(set2.requireBinding())).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("the manifest of artifacts of team/app #2").hasMessageContaining("not sealed for its place");
    }

    @Test
    void aModifiedManifestIsAnIntegrityFailureNotAWrongPassword() {
        byte[] manifest = fx.admin.getObjectAsBytes(r -> r.bucket(fx.bucket).key(set2.manifestKey())).asByteArray();
        manifest[manifest.length - 1] ^= 1;
        put(set2.manifestKey(), manifest);

        assertThatThrownBy(() -> fx.controller.planDownload(set2)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("manifest of artifacts of team/app #2").hasMessageContaining("modified");
    }

    @Test
    void anObjectTheManifestDoesNotListIsIgnoredWithAWarning() throws Exception {
        String foreign = set2.root() + "0123456789abcdefghijklmnopqrstuv";
        put(foreign, ArtifactFixture.random(64, 5));

        try (DownloadPlan plan = fx.controller.planDownload(set2)) {
            assertThat(plan.warnings()).singleElement().satisfies(w -> assertThat(w)
                    .contains("0123456789abcdefghijklmnopqrstuv").contains("not listed in the manifest"));
            assertThat(plan.fileCount()).isEqualTo(3);
        }
    }

    @Test
    void deletingASetRemovesAllItsObjectsAndNothingElse() {
        ArtifactBuild build2 = fx.build(2);
        assertThat(fx.controller.delete(set2)).isEqualTo(4);
        assertThat(fx.objects(set2.root())).isEmpty();
        assertThat(fx.objects(set1.root())).hasSize(4);
        assertThatThrownBy(() -> fx.controller.planDownload(set2)).hasMessageContaining("does not exist");

        assertThat(fx.controller.deleteBuild(fx.build(1))).isEqualTo(4);
        assertThat(fx.objects(fx.build(1).root())).isEmpty();
        assertThat(fx.controller.deleteStashes(build2)).isZero();
    }

    private String key(ArtifactSet set, String path) {
        return fx.objectKey(set, path);
    }

    private void put(String key, byte[] content) {
        fx.admin.putObject(r -> r.bucket(fx.bucket).key(key), RequestBody.fromBytes(content));
    }

    private static void assertNoTemporaryFiles(Path root) throws Exception {
        try (var walk = Files.walk(root)) {
            assertThat(walk.map(p -> p.getFileName().toString()).filter(SafeFiles::isTempName).toList()).isEmpty();
        }
    }
}
