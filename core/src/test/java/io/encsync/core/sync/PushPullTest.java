package io.encsync.core.sync;

import static io.encsync.core.sync.Fixtures.T0;
import static io.encsync.core.sync.Fixtures.pattern;
import static io.encsync.core.sync.Fixtures.tree;
import static io.encsync.core.sync.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestStore;
import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.store.LocalStore;
import io.encsync.core.store.MemoryStore;
import io.encsync.core.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Push and pull round trips, incremental behaviour and dry runs. */
class PushPullTest {
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

    private Path sampleSource() {
        Path src = tmp.resolve("src");
        write(src, "a.txt", "alpha");
        write(src, "empty.dat", new byte[0], T0);
        write(src, "dir/sub/deep.txt", "deep");
        write(src, "Grüße – 日本語 ☃.txt", "unicode");
        write(src, "name with  spaces .txt", "spaces");
        write(src, "big.bin", pattern(200_000, 3), T0.plusSeconds(5));
        write(src, "block.bin", pattern(65_536, 7), T0);
        return src;
    }

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of(FilenameEncryption.STANDARD, FilenameEncoding.BASE32, true),
                Arguments.of(FilenameEncryption.STANDARD, FilenameEncoding.BASE32, false),
                Arguments.of(FilenameEncryption.STANDARD, FilenameEncoding.BASE64, true),
                Arguments.of(FilenameEncryption.STANDARD, FilenameEncoding.BASE32768, true),
                Arguments.of(FilenameEncryption.OBFUSCATE, FilenameEncoding.BASE32, true),
                Arguments.of(FilenameEncryption.OBFUSCATE, FilenameEncoding.BASE32, false),
                Arguments.of(FilenameEncryption.OFF, FilenameEncoding.BASE32, true));
    }

    @ParameterizedTest
    @MethodSource("modes")
    void roundTripThroughMemoryAndLocalStores(FilenameEncryption mode, FilenameEncoding encoding, boolean dirs) throws Exception {
        Path src = sampleSource();
        try (CryptContext c = CryptContext.open(Fixtures.config(mode, encoding, dirs), 2)) {
            for (Store store : new Store[] {new MemoryStore(), LocalStore.open(tmp.resolve("remote-" + mode + encoding + dirs))}) {
                SyncResult push = Push.run(src, store, c, SyncOptions.defaults(), SyncListener.NONE);
                assertThat(push.errors()).isEmpty();
                assertThat(push.transferred()).isEqualTo(7);
                assertThat(push.generation()).isEqualTo(1);
                assertThat(store.stat(Manifest.KEY)).isPresent();

                Path out = tmp.resolve("out-" + store.getClass().getSimpleName() + mode + encoding + dirs);
                SyncResult pull = Pull.run(store, out, c, SyncOptions.defaults(), SyncListener.NONE);
                assertThat(pull.errors()).isEmpty();
                assertThat(pull.transferred()).isEqualTo(7);
                assertThat(pull.generation()).isEqualTo(1);
                assertThat(tree(out)).isEqualTo(tree(src));
                assertThat(Files.getLastModifiedTime(out.resolve("big.bin")).toInstant()).isEqualTo(T0.plusSeconds(5));
                assertThat(Files.getLastModifiedTime(out.resolve("dir/sub/deep.txt")).toInstant()).isEqualTo(T0);

                SyncResult again = Pull.run(store, out, c, SyncOptions.defaults(), SyncListener.NONE);
                assertThat(again.transferred()).as("incremental pull").isZero();
                assertThat(again.unchanged()).isEqualTo(7);
            }
        }
    }

    @Test
    void unchangedTenThousandFilePushTransfersNothing() throws Exception {
        Path src = tmp.resolve("many");
        for (int d = 0; d < 100; d++) {
            Files.createDirectories(src.resolve("d" + d));
        }
        for (int i = 0; i < 10_000; i++) {
            Files.write(src.resolve("d" + (i % 100) + "/f" + i + ".txt"), new byte[] {(byte) i});
        }
        CountingStore store = new CountingStore(new MemoryStore());
        SyncOptions options = SyncOptions.builder().transfers(8).build();
        SyncResult first = Push.run(src, store, ctx, options, SyncListener.NONE);
        assertThat(first.transferred()).isEqualTo(10_000);
        assertThat(first.errors()).isEmpty();
        Map<String, byte[]> before = Fixtures.objects(store);
        store.reset();

        SyncResult second = Push.run(src, store, ctx, options, SyncListener.NONE);
        assertThat(second.transferred()).isZero();
        assertThat(second.unchanged()).isEqualTo(10_000);
        assertThat(second.generation()).as("no change, no new generation").isEqualTo(1);
        assertThat(store.puts).as("nothing written, not even a manifest").isZero();
        assertThat(store.stats + store.lists).as("no per-file remote calls").isLessThanOrEqualTo(1);
        assertThat(Fixtures.objects(store)).containsOnlyKeys(before.keySet());

        write(src, "d7/f7.txt", new byte[] {1, 2}, T0);
        store.reset();
        SyncResult third = Push.run(src, store, ctx, options, SyncListener.NONE);
        assertThat(third.transferred()).isEqualTo(1);
        assertThat(third.unchanged()).isEqualTo(9_999);
        assertThat(third.generation()).isEqualTo(2);
        assertThat(store.putKeys).containsExactly(ctx.names().encryptFileName("d7/f7.txt"), Manifest.KEY);
    }

    @Test
    void objectsAreMadeDurableBeforeTheManifestThatListsThem() {
        Path src = sampleSource();
        CountingStore store = new CountingStore(new MemoryStore());
        Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);

        int manifest = store.writes.indexOf("put " + Manifest.KEY);
        assertThat(store.writes.subList(0, manifest)).as("every object put, then a flush, then the manifest")
                .hasSize(8).last().isEqualTo("flush");
        assertThat(store.writes.subList(0, manifest - 1)).allMatch(w -> w.startsWith("put "));
        assertThat(store.writes.subList(manifest + 1, store.writes.size())).as("the manifest itself is flushed")
                .containsExactly("flush");
    }

    @Test
    void deletedSourceFileIsRemovedOnlyWithDelete() throws Exception {
        Path src = sampleSource();
        MemoryStore store = new MemoryStore();
        Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        Files.delete(src.resolve("a.txt"));
        String key = ctx.names().encryptFileName("a.txt");

        SyncResult keep = Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(keep.deleted()).isZero();
        assertThat(store.stat(key)).isPresent();

        int before = store.list().size();
        SyncResult del = Push.run(src, store, ctx, SyncOptions.builder().delete(true).build(), SyncListener.NONE);
        assertThat(del.deleted()).isEqualTo(1);
        assertThat(del.transferred()).isZero();
        assertThat(store.stat(key)).isEmpty();
        assertThat(store.list()).hasSize(before - 1);
        assertThat(del.generation()).isEqualTo(2);
        assertThat(ManifestStore.read(store, ctx).orElseThrow().entries()).doesNotContainKey("a.txt");
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        Path src = sampleSource();
        MemoryStore store = new MemoryStore();
        Fixtures.Recorder rec = new Fixtures.Recorder();
        SyncResult dry = Push.run(src, store, ctx, SyncOptions.builder().dryRun(true).build(), rec);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.transferred()).isEqualTo(7);
        assertThat(store.list()).isEmpty();
        assertThat(rec.plans).hasSize(1);
        assertThat(rec.plans.get(0).count(Action.Kind.UPLOAD)).isEqualTo(7);

        Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        Map<String, byte[]> objects = Fixtures.objects(store);
        Files.delete(src.resolve("a.txt"));
        write(src, "new.txt", "new");
        SyncResult dryDelete = Push.run(src, store, ctx, SyncOptions.builder().dryRun(true).delete(true).build(),
                SyncListener.NONE);
        assertThat(dryDelete.deleted()).isEqualTo(1);
        assertThat(dryDelete.transferred()).isEqualTo(1);
        assertThat(Fixtures.objects(store)).usingRecursiveComparison().isEqualTo(objects);

        Path out = tmp.resolve("out");
        write(out, "extra.txt", "local only");
        Map<String, String> before = tree(out);
        SyncResult dryPull = Pull.run(store, out, ctx, SyncOptions.builder().dryRun(true).delete(true).build(),
                SyncListener.NONE);
        assertThat(dryPull.transferred()).isEqualTo(7);
        assertThat(dryPull.deleted()).isEqualTo(1);
        assertThat(tree(out)).isEqualTo(before);
        assertThat(Fixtures.tree(tmp.resolve("never"))).isEmpty();
        Pull.run(store, tmp.resolve("never"), ctx, SyncOptions.builder().dryRun(true).build(), SyncListener.NONE);
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    @Test
    void pullDeleteRemovesOnlyExtraneousFilesInsideTheTarget() throws Exception {
        Path src = sampleSource();
        MemoryStore store = new MemoryStore();
        Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        Path out = tmp.resolve("out");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        write(outside, "keep.txt", "outside");
        write(out, "extra.txt", "extra");
        write(out, "dir/extra2.txt", "extra");
        Files.createSymbolicLink(out.resolve("link"), outside);

        SyncResult pull = Pull.run(store, out, ctx, SyncOptions.builder().delete(true).build(), SyncListener.NONE);
        assertThat(pull.errors()).isEmpty();
        assertThat(pull.deleted()).isEqualTo(2);
        assertThat(out.resolve("extra.txt")).doesNotExist();
        assertThat(Files.isSymbolicLink(out.resolve("link"))).isTrue();
        assertThat(tree(outside)).containsExactly(Map.entry("keep.txt", "outside"));
    }

    @Test
    void checksumModeUploadsOnlyContentChanges() {
        Path src = tmp.resolve("src");
        write(src, "a.txt", "aaaa");
        write(src, "b.txt", "bbbb");
        MemoryStore store = new MemoryStore();
        Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        write(src, "a.txt", "aaaa".getBytes(), T0.plusSeconds(60)); // touched, same content
        write(src, "b.txt", "BBBB".getBytes(), T0);                  // same size and mtime, new content
        SyncResult r = Push.run(src, store, ctx, SyncOptions.builder().checksum(true).build(), SyncListener.NONE);
        assertThat(r.transferred()).isEqualTo(1);
        assertThat(ManifestStore.read(store, ctx).orElseThrow().entries().get("b.txt").sha256())
                .isEqualTo(sha("BBBB"));
    }

    @Test
    void filtersSelectWhatIsPushed() {
        Path src = sampleSource();
        write(src, "logs/x.log", "log");
        MemoryStore store = new MemoryStore();
        SyncResult r = Push.run(src, store, ctx, SyncOptions.builder().exclude("*.log").exclude("dir/").build(),
                SyncListener.NONE);
        assertThat(r.transferred()).isEqualTo(6);
        assertThat(ManifestStore.read(store, ctx).orElseThrow().entries())
                .doesNotContainKeys("logs/x.log", "dir/sub/deep.txt");

        // Excluded files already on the remote are neither deleted nor forgotten.
        Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        SyncResult filtered = Push.run(src, store, ctx, SyncOptions.builder().exclude("*.log").delete(true).build(),
                SyncListener.NONE);
        assertThat(filtered.deleted()).isZero();
        assertThat(ManifestStore.read(store, ctx).orElseThrow().entries()).containsKey("logs/x.log");
        Path out = tmp.resolve("out");
        SyncResult pull = Pull.run(store, out, ctx, SyncOptions.builder().include("dir/**").build(), SyncListener.NONE);
        assertThat(pull.errors()).isEmpty();
        assertThat(tree(out)).containsOnlyKeys("dir/sub/deep.txt");
    }

    @Test
    void linksAreStoredAsRcloneLinkFiles() throws Exception {
        Path src = tmp.resolve("src");
        write(src, "real.txt", "real");
        Files.createSymbolicLink(src.resolve("ln"), Path.of("real.txt"));
        MemoryStore store = new MemoryStore();
        Fixtures.Recorder rec = new Fixtures.Recorder();
        Push.run(src, store, ctx, SyncOptions.defaults(), rec);
        assertThat(rec.warnings).anyMatch(w -> w.contains("ln"));
        assertThat(ManifestStore.read(store, ctx).orElseThrow().entries()).containsOnlyKeys("real.txt");

        Push.run(src, store, ctx, SyncOptions.builder().symlinkMode(io.encsync.core.fs.SymlinkMode.LINKS).build(),
                SyncListener.NONE);
        assertThat(ManifestStore.read(store, ctx).orElseThrow().entries()).containsOnlyKeys("real.txt", "ln.rclonelink");
        Path out = tmp.resolve("out");
        Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(Files.readString(out.resolve("ln.rclonelink"))).isEqualTo("real.txt");
    }

    @Test
    void withPlainNamesAndNoManifestTheContentProvesThePassword() {
        Path src = sampleSource();
        MemoryStore store = new MemoryStore();
        try (CryptContext off = CryptContext.open(Fixtures.config(FilenameEncryption.OFF, FilenameEncoding.BASE32), 1);
             CryptContext wrong = CryptContext.open(CryptConfig.builder()
                     .password(io.encsync.core.keys.SecretBytes.utf8("wrong")).filenameEncryption(FilenameEncryption.OFF)
                     .build(), 1)) {
            Push.run(src, store, off, SyncOptions.defaults(), SyncListener.NONE);
            store.delete(Manifest.KEY);
            Path out = tmp.resolve("out");
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> Pull.run(store, out, wrong, SyncOptions.defaults(), SyncListener.NONE))
                    .isInstanceOf(io.encsync.core.WrongPasswordException.class)
                    .hasMessageContaining("does not decrypt");
            assertThat(out).doesNotExist();
            assertThat(Pull.run(store, out, off, SyncOptions.defaults(), SyncListener.NONE).errors()).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> Push.run(src, store, wrong, SyncOptions.defaults(), SyncListener.NONE))
                    .as("a push with other keys must not mix them into the remote")
                    .isInstanceOf(io.encsync.core.WrongPasswordException.class);
        }
    }

    @Test
    void namesThatCollideOnTheTargetAreRefusedOnPull() {
        Path src = tmp.resolve("src");
        write(src, "caf\u00e9.txt", "nfc");
        write(src, "cafe\u0301.txt", "nfd");
        write(src, "plain.txt", "plain");
        MemoryStore store = new MemoryStore();
        assertThat(Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE).transferred()).isEqualTo(3);
        Path out = tmp.resolve("out");
        SyncResult r = Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(r.errors()).extracting(FileError::path).containsExactlyInAnyOrder("caf\u00e9.txt", "cafe\u0301.txt");
        assertThat(r.errors()).allMatch(e -> e.category() == io.encsync.core.ErrorCategory.INTEGRITY
                && e.message().contains("collides with"));
        assertThat(tree(out)).containsOnlyKeys("plain.txt");
    }

    @Test
    void progressAndFileEventsReachTheListener() {
        Path src = sampleSource();
        Fixtures.Recorder rec = new Fixtures.Recorder();
        Push.run(src, new MemoryStore(), ctx, SyncOptions.defaults(), rec);
        assertThat(rec.done).hasSize(7);
        Progress last = rec.progress.get(rec.progress.size() - 1);
        assertThat(last.filesDone()).isEqualTo(7);
        assertThat(last.bytesDone()).isEqualTo(last.bytesTotal()).isEqualTo(5 + 4 + 7 + 6 + 200_000 + 65_536);
    }

    static String sha(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
