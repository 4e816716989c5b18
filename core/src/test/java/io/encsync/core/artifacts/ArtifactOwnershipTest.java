package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.IntegrityException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A set belongs to the build that wrote it: builds of one job name and number with different
 * storage ids never share objects, an archive never merges into a manifest its build did not
 * write, and deleting a build reaches no other build's objects. Against moto.
 */
class ArtifactOwnershipTest {
    private static final Instant BASE = Instant.parse("2024-05-01T10:00:00Z");

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

    private Path workspace(String name, String text) throws Exception {
        Path ws = tmp.resolve(name);
        ArtifactFixture.write(ws.resolve("data.txt"), text.getBytes(StandardCharsets.UTF_8), BASE);
        return ws;
    }

    private ArtifactBuild build(long number, String storageId) {
        return new ArtifactBuild(fx.bucket, "ci", "team/app", number, storageId);
    }

    @Test
    void twoBuildsOfOneJobNameAndNumberKeepTheirOwnObjectsAndDeleteOnlyThose() throws Exception {
        ArtifactBuild old = build(1, "0123456789abcdef");
        ArtifactBuild again = build(1, "fedcba9876543210");
        ArtifactBuild legacy = build(1, null);
        fx.archive(old.artifacts(), workspace("old", "old"), Map.of("old.txt", "data.txt")).throwIfFailed();
        fx.archive(again.artifacts(), workspace("again", "again"), Map.of("again.txt", "data.txt")).throwIfFailed();
        fx.archive(legacy.artifacts(), workspace("legacy", "legacy"), Map.of("legacy.txt", "data.txt")).throwIfFailed();

        assertThat(fx.controller.manifest(old.artifacts()).entries()).containsOnlyKeys("old.txt");
        assertThat(fx.controller.manifest(again.artifacts()).entries()).containsOnlyKeys("again.txt");
        assertThat(fx.controller.manifest(legacy.artifacts()).entries()).containsOnlyKeys("legacy.txt");

        assertThat(fx.controller.deleteBuild(legacy)).as("the legacy root 1/ is no prefix of 1-<id>/").isEqualTo(2);
        assertThat(fx.controller.deleteBuild(again)).isEqualTo(2);
        assertThat(fx.objects("ci/")).hasSize(2).allSatisfy((key, size) -> assertThat(key).startsWith(old.root()));
        Path out = tmp.resolve("out");
        assertThat(fx.restore(old.artifacts(), out).failures()).isEmpty();
        assertThat(Files.readString(out.resolve("old.txt"))).isEqualTo("old");
    }

    @Test
    void anArchiveOfABuildThatRecordedNothingIsRefusedWhereAManifestExistsBeforeAnyUpload() throws Exception {
        ArtifactBuild legacy = build(1, null);
        fx.archive(legacy.artifacts(), workspace("first", "first job"), Map.of("data.txt", "data.txt")).throwIfFailed();
        Map<String, Long> before = fx.objects("ci/");
        Path ws = workspace("second", "the job created again under the same name");

        assertThatThrownBy(() -> fx.controller.planUpload(legacy.artifacts(),
                ArtifactFixture.channel(ArtifactScan.scan(ws, Map.of("data.txt", "data.txt"))), 0))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("artifacts of team/app #1").hasMessageContaining("did not write")
                .hasMessageContaining("nothing was archived").hasMessageNotContaining("\n");

        assertThat(fx.objects("ci/")).as("not one object touched").isEqualTo(before);
        Path out = tmp.resolve("out");
        assertThat(fx.restore(legacy.artifacts(), out).failures()).isEmpty();
        assertThat(Files.readString(out.resolve("data.txt"))).isEqualTo("first job");
    }

    @Test
    void anArchiveIsRefusedWhenTheManifestIsNoLongerTheGenerationItsBuildRecorded() throws Exception {
        ArtifactSet set = build(2, ArtifactBuild.newStorageId(new Random(7))).artifacts();
        ArchiveResult first = fx.archive(set, workspace("first", "first"), Map.of("a.txt", "data.txt"));
        assertThat(first.generation()).isEqualTo(1);
        Path ws = workspace("late", "late");
        UploadPlan late = fx.controller.planUpload(set,
                ArtifactFixture.channel(ArtifactScan.scan(ws, Map.of("late.txt", "data.txt"))), 1);
        // Meanwhile another writer (holding the password) moves the set on to generation 2.
        fx.archive(set, workspace("other", "other"), Map.of("b.txt", "data.txt")).throwIfFailed();
        Map<?, ?> reply = ArtifactFixture.channel(new PresignedUploader(fx.transfers)
                .upload(ws, ArtifactFixture.channel(late.toWire())));

        assertThatThrownBy(() -> fx.controller.complete(late, reply)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("generation 2").hasMessageContaining("it recorded generation 1");

        assertThat(fx.controller.manifest(set).generation()).isEqualTo(2);
        assertThat(fx.controller.manifest(set).entries()).containsOnlyKeys("a.txt", "b.txt");
        assertThat(fx.objects(set.root())).as("two objects and the manifest: the refused upload was deleted")
                .hasSize(3);
    }

    @Test
    void aBuildWhoseManifestVanishedArchivesOnAboveTheGenerationItRecorded() throws Exception {
        ArtifactSet set = build(3, "00000000cafe0001").artifacts();
        fx.archive(set, workspace("first", "first"), Map.of("a.txt", "data.txt")).throwIfFailed();
        fx.archive(set, workspace("second", "second"), Map.of("a.txt", "data.txt")).throwIfFailed();
        fx.admin.deleteObject(r -> r.bucket(fx.bucket).key(set.manifestKey()));

        ArchiveResult third = fx.archive(set, workspace("third", "third"), Map.of("c.txt", "data.txt"));

        assertThat(third.generation()).as("a reader that recorded 2 still accepts it").isEqualTo(3);
        assertThat(fx.controller.manifest(set, 2).entries()).containsOnlyKeys("c.txt");
    }

    @Test
    void theCleanerDeletesABuildWithS3AccessAlone() throws Exception {
        ArtifactBuild b = build(4, ArtifactBuild.newStorageId());
        fx.archive(b.artifacts(), workspace("a", "a"), Map.of("a.txt", "data.txt")).throwIfFailed();
        fx.archive(b.stash("s"), workspace("s", "s"), Map.of("s.txt", "data.txt")).throwIfFailed();

        try (ArtifactCleaner cleaner = ArtifactCleaner.open(fx.settings, null)) {
            assertThat(cleaner.deleteStashes(b)).isEqualTo(2);
            assertThat(cleaner.deleteBuild(b)).isEqualTo(2);
        }
        assertThat(fx.objects("ci/")).isEmpty();
    }
}
