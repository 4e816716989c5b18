package io.encsync.core.sync;

import static io.encsync.core.sync.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestStore;
import io.encsync.core.manifest.ManifestTesting;
import io.encsync.core.fs.FileModes;
import io.encsync.core.store.LocalStore;
import io.encsync.core.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Permission bits survive a push and a pull exactly (as Jenkins' tar-based stash keeps them):
 * the manifest records each file's mode, pull and decryptDir (a pull from a local store) restore
 * it, a chmod alone is recorded without uploading again, and manifests from before modes read as 0644.
 */
class FileModesPushPullTest {
    private static CryptContext ctx;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() {
        ctx = Fixtures.context();
    }

    @AfterAll
    static void close() {
        ctx.close();
    }

    private static int mode(Path p) throws IOException {
        return FileModes.fromPermissions(Files.getPosixFilePermissions(p));
    }

    private static void chmod(Path p, int mode) throws IOException {
        Files.setPosixFilePermissions(p, FileModes.toPermissions(mode));
    }

    @Test
    void pullRestoresEveryRecordedModeExactlyNotFilteredByTheUmask() throws IOException {
        Path src = tmp.resolve("src");
        chmod(write(src, "gradlew", "#!/bin/sh\necho hi\n"), 0755);
        chmod(write(src, "bin/tool", "tool"), 0700);
        chmod(write(src, "secret.txt", "s"), 0600);
        chmod(write(src, "shared.txt", "w"), 0666); // a umask of 022 would make it 0644
        chmod(write(src, "readonly.txt", "r"), 0444);
        chmod(write(src, "plain.txt", "p"), 0644);
        try (Store store = LocalStore.open(tmp.resolve("remote"))) {
            assertThat(Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE).errors()).isEmpty();
            Manifest m = ManifestStore.read(store, ctx).orElseThrow();
            assertThat(m.entries().get("gradlew").mode()).isEqualTo(0755);
            assertThat(m.entries().get("shared.txt").mode()).isEqualTo(0666);

            Path out = tmp.resolve("out");
            assertThat(Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE).errors()).isEmpty();
            assertThat(mode(out.resolve("gradlew"))).isEqualTo(0755);
            assertThat(mode(out.resolve("bin/tool"))).isEqualTo(0700);
            assertThat(mode(out.resolve("secret.txt"))).isEqualTo(0600);
            assertThat(mode(out.resolve("shared.txt"))).isEqualTo(0666);
            assertThat(mode(out.resolve("readonly.txt"))).isEqualTo(0444);
            assertThat(mode(out.resolve("plain.txt"))).isEqualTo(0644);
            assertThat(Files.isExecutable(out.resolve("gradlew"))).isTrue();
        }
    }

    @Test
    void aChmodAloneIsRecordedWithoutUploadingAgain() throws IOException {
        Path src = tmp.resolve("src");
        Path script = write(src, "run.sh", "#!/bin/sh\n");
        chmod(script, 0644);
        try (Store store = LocalStore.open(tmp.resolve("remote"))) {
            Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
            chmod(script, 0755); // size and mtime stay the same

            SyncResult again = Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
            assertThat(again.transferred()).as("no upload for a mode change").isZero();
            assertThat(again.generation()).as("but a new manifest").isEqualTo(2);
            assertThat(ManifestStore.read(store, ctx).orElseThrow().entries().get("run.sh").mode()).isEqualTo(0755);

            SyncResult unchanged = Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
            assertThat(unchanged.generation()).as("nothing changed since").isEqualTo(2);

            Path out = tmp.resolve("out");
            Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
            assertThat(mode(out.resolve("run.sh"))).isEqualTo(0755);
        }
    }

    @Test
    void aManifestWrittenBeforeModesStillVerifiesAndItsFilesArePulledAs0644() throws IOException {
        Path src = tmp.resolve("src");
        chmod(write(src, "run.sh", "#!/bin/sh\n"), 0755);
        try (Store store = LocalStore.open(tmp.resolve("remote"))) {
            Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
            // Re-seal the manifest as the previous version wrote it: the same JSON without "mode".
            Manifest current = ManifestStore.read(store, ctx).orElseThrow();
            String json = new String(ManifestTesting.toJson(current), StandardCharsets.UTF_8).replace("\"mode\":493,", "");
            assertThat(json).doesNotContain("mode");
            Fixtures.putRaw(store, Manifest.KEY, ManifestTesting.sealRaw(json.getBytes(StandardCharsets.UTF_8), ctx));

            Path out = tmp.resolve("out");
            SyncResult pull = Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
            assertThat(pull.errors()).isEmpty();
            assertThat(pull.generation()).isEqualTo(1);
            assertThat(mode(out.resolve("run.sh"))).isEqualTo(0644);

            // The next push records the real mode, without uploading the content again.
            SyncResult push = Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
            assertThat(push.transferred()).isZero();
            assertThat(ManifestStore.read(store, ctx).orElseThrow().entries().get("run.sh").mode()).isEqualTo(0755);

            // And the next pull gives the file it already has the recorded mode, without downloading it.
            SyncResult again = Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
            assertThat(again.transferred()).isZero();
            assertThat(mode(out.resolve("run.sh"))).isEqualTo(0755);
        }
    }
}
