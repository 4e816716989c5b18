package io.encsync.core.sync;

import static io.encsync.core.sync.Fixtures.T0;
import static io.encsync.core.sync.Fixtures.bytes;
import static io.encsync.core.sync.Fixtures.pattern;
import static io.encsync.core.sync.Fixtures.putRaw;
import static io.encsync.core.sync.Fixtures.tree;
import static io.encsync.core.sync.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestEntry;
import io.encsync.core.manifest.ManifestStore;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.store.MemoryStore;
import io.encsync.core.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bucket writer without the key, and a key holder, manipulate the remote; pull must report each
 * file by path (INTEGRITY), restore none of them, restore the rest, and touch nothing outside.
 */
class TamperTest {
    private static CryptContext ctx;

    @TempDir
    Path tmp;
    Path src;
    Path out;
    Path outside;
    Store store;

    @BeforeAll
    static void keys() {
        ctx = Fixtures.context();
    }

    @AfterAll
    static void close() {
        ctx.close();
    }

    @BeforeEach
    void pushed() throws IOException {
        src = tmp.resolve("src");
        out = tmp.resolve("out");
        outside = Files.createDirectories(tmp.resolve("outside"));
        write(outside, "precious.txt", "do not touch");
        write(src, "big.bin", pattern(200_000, 1), T0);
        write(src, "b.txt", pattern(1000, 2), T0);
        write(src, "c.txt", pattern(1000, 3), T0);
        write(src, "d.txt", "version one");
        write(src, "dir/keep.txt", "fine");
        store = newStore();
        assertThat(Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE).errors()).isEmpty();
    }

    /** The store under attack; subclasses run every case against another implementation. */
    Store newStore() {
        return new MemoryStore();
    }

    private String key(String path) {
        return ctx.names().encryptFileName(path);
    }

    private SyncResult pull() {
        return Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
    }

    private static FileError only(SyncResult r, String path) {
        List<FileError> errors = r.errors().stream().filter(e -> e.path().equals(path)).toList();
        assertThat(errors).as("errors for " + path + " in " + r.errors()).hasSize(1);
        assertThat(errors.get(0).category()).isEqualTo(ErrorCategory.INTEGRITY);
        return errors.get(0);
    }

    private void assertRestoredExcept(SyncResult r, String... bad) {
        Map<String, String> expected = new java.util.TreeMap<>(tree(src));
        for (String b : bad) {
            expected.remove(b);
        }
        assertThat(tree(out)).isEqualTo(expected);
        assertThat(r.worstCategory()).isEqualTo(ErrorCategory.INTEGRITY);
        assertThat(tree(outside)).containsExactly(Map.entry("precious.txt", "do not touch"));
        assertThat(r.generation()).isEqualTo(1);
    }

    @Test
    void truncatedAtABlockBoundary() {
        byte[] full = bytes(store, key("big.bin"));
        putRaw(store, key("big.bin"), Arrays.copyOf(full, (int) ContentCipher.blockOffset(2)));
        SyncResult r = pull();
        assertThat(only(r, "big.bin").message()).contains("`big.bin`: truncated or replaced");
        assertRestoredExcept(r, "big.bin");
    }

    @Test
    void anObjectTruncatedBetweenListingAndDownload() {
        String bigKey = key("big.bin");
        Store racing = new CountingStore(store) {
            @Override
            public InputStream open(String key, long offset, long length) {
                byte[] full = bytes(store, key);
                return key.equals(bigKey)
                        ? new ByteArrayInputStream(Arrays.copyOf(full, (int) ContentCipher.blockOffset(1)))
                        : new ByteArrayInputStream(full, (int) offset, length < 0 ? full.length - (int) offset : (int) length);
            }
        };
        SyncResult r = Pull.run(racing, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(only(r, "big.bin").message()).contains("`big.bin`: truncated");
        assertRestoredExcept(r, "big.bin");
        assertThat(out.toFile().list()).allMatch(n -> !n.endsWith(".encsync-tmp"));
    }

    @Test
    void replacedByAHeaderOnlyObject() {
        byte[] full = bytes(store, key("d.txt"));
        putRaw(store, key("d.txt"), Arrays.copyOf(full, ContentCipher.HEADER_SIZE));
        SyncResult r = pull();
        assertThat(only(r, "d.txt").message()).contains("truncated or replaced");
        assertRestoredExcept(r, "d.txt");
    }

    @Test
    void twoSameSizeFilesSwapped() {
        byte[] b = bytes(store, key("b.txt"));
        byte[] c = bytes(store, key("c.txt"));
        putRaw(store, key("b.txt"), c);
        putRaw(store, key("c.txt"), b);
        SyncResult r = pull();
        assertThat(only(r, "b.txt").message()).contains("`b.txt`: content does not match the manifest (swapped or stale)");
        assertThat(only(r, "c.txt").message()).contains("swapped or stale");
        assertRestoredExcept(r, "b.txt", "c.txt");
        assertThat(out.toFile().list()).allMatch(n -> !n.endsWith(".encsync-tmp"));
    }

    @Test
    void anOlderVersionPutBack() {
        byte[] old = bytes(store, key("d.txt"));
        write(src, "d.txt", "version two".getBytes(StandardCharsets.UTF_8), T0.plusSeconds(1));
        Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        putRaw(store, key("d.txt"), old);
        SyncResult r = Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(only(r, "d.txt").message()).contains("swapped or stale");
        assertThat(r.generation()).isEqualTo(2);
        assertThat(out.resolve("d.txt")).doesNotExist();
        assertThat(out.resolve("big.bin")).exists();
    }

    @Test
    void staleContentWithAForgedHeaderNonceFailsTheHash() throws IOException {
        // A key holder re-encrypts other content under the recorded nonce: the header check passes,
        // the SHA-256 catches it.
        ManifestEntry e = ManifestStore.read(store, ctx).orElseThrow().entries().get("d.txt");
        byte[] forged;
        try (InputStream in = ctx.contentCipher().encryptingStream(
                new ByteArrayInputStream("version 1!!".getBytes(StandardCharsets.UTF_8)), e.nonceBytes())) {
            forged = in.readAllBytes();
        }
        putRaw(store, key("d.txt"), forged);
        SyncResult r = pull();
        assertThat(only(r, "d.txt").message()).contains("SHA-256 differs");
        assertRestoredExcept(r, "d.txt");
    }

    @Test
    void aDeletedObject() {
        store.delete(key("dir/keep.txt"));
        SyncResult r = pull();
        assertThat(only(r, "dir/keep.txt").message()).contains("`dir/keep.txt`: missing");
        assertRestoredExcept(r, "dir/keep.txt");
    }

    @Test
    void anObjectAddedByAPasswordHolderButNotListed() throws IOException {
        putRaw(store, key("added.txt"), encrypt("planted"));
        SyncResult r = pull();
        assertThat(only(r, "added.txt").message()).contains("not listed in the manifest");
        assertRestoredExcept(r);

        SyncResult lenient = Pull.run(store, tmp.resolve("out2"), ctx, SyncOptions.builder().strict(false).build(),
                SyncListener.NONE);
        assertThat(lenient.errors()).isEmpty();
        assertThat(tmp.resolve("out2/added.txt")).doesNotExist();
    }

    @Test
    void undecryptableNamesAreReportedNotRestored() {
        putRaw(store, "notanencryptedname0123", new byte[40]);
        SyncResult r = pull();
        assertThat(only(r, "notanencryptedname0123").message()).contains("cannot decrypt name");
        assertRestoredExcept(r);
    }

    @Test
    void namesThatDecryptToUnsafePathsAreRefused() throws IOException {
        // A key cannot start with '/' (stores refuse such keys), and NameCipher splits on '/', so the
        // absolute forms a key holder can plant are the drive and backslash ones.
        List<String> evil = List.of("../escape.txt", "a/../../escape2.txt", "C:\\abs.txt", "..\\escape3.txt",
                "ctl\u001b[31m.txt", "nul\u0000.txt", "line\nbreak.txt");
        for (String name : evil) {
            putRaw(store, key(name), encrypt("evil"));
        }
        SyncResult r = pull();
        for (String name : evil) {
            assertThat(r.errors()).as(name).anyMatch(e -> e.path().equals(name)
                    && e.category() == ErrorCategory.INTEGRITY);
        }
        assertThat(r.errors()).allMatch(e -> !e.message().contains("\u001b") && !e.message().contains("\u0000"));
        assertRestoredExcept(r);
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
        assertThat(tmp.resolve("escape2.txt")).doesNotExist();
        assertThat(tmp.resolve("escape3.txt")).doesNotExist();
    }

    @Test
    void unsafeNamesAreRefusedWithoutAManifestToo() throws IOException {
        store.delete(Manifest.KEY);
        putRaw(store, key("../escape.txt"), encrypt("evil"));
        Fixtures.Recorder rec = new Fixtures.Recorder();
        SyncResult r = Pull.run(store, out, ctx, SyncOptions.defaults(), rec);
        assertThat(rec.warnings).anyMatch(w -> w.contains("cannot be verified: no encsync manifest"));
        assertThat(only(r, "../escape.txt").message()).contains("unsafe path segment '..'");
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
        assertThat(tree(out)).isEqualTo(tree(src));
        assertThat(r.generation()).isZero();
    }

    @Test
    void aManifestForgedByAKeyHolderWithUnsafePathsWritesNothingOutside() throws IOException {
        Manifest m = ManifestStore.read(store, ctx).orElseThrow();
        ManifestEntry d = m.entries().get("d.txt");
        List<ManifestEntry> entries = new java.util.ArrayList<>(m.entries().values());
        entries.add(new ManifestEntry("../escape.txt", d.size(), d.mtimeNanos(), d.sha256(), d.nonce()));
        ManifestStore.write(store, new Manifest(m.repositoryId(), 2, T0, entries), ctx);
        SyncResult r = pull();
        assertThat(only(r, "../escape.txt").message()).contains("unsafe path segment '..'");
        assertThat(tmp.resolve("escape.txt")).doesNotExist();
        assertThat(tree(out)).isEqualTo(tree(src));
    }

    @Test
    void aSymlinkInTheDestinationIsNeverFollowed() throws IOException {
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("dir"), outside);
        SyncResult r = pull();
        assertThat(only(r, "dir/keep.txt").message()).contains("symlink in destination path: dir");
        assertThat(tree(outside)).containsExactly(Map.entry("precious.txt", "do not touch"));
        assertThat(Files.isSymbolicLink(out.resolve("dir"))).isTrue();
        assertThat(out.resolve("big.bin")).exists();
    }

    @Test
    void aSymlinkAtTheFinalNameIsNotOverwritten() throws IOException {
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("d.txt"), outside.resolve("precious.txt"));
        SyncResult r = pull();
        assertThat(only(r, "d.txt").message()).contains("symlink");
        assertThat(tree(outside)).containsExactly(Map.entry("precious.txt", "do not touch"));
    }

    @Test
    void aModifiedManifestIsAnIntegrityErrorAndNothingIsWritten() {
        byte[] m = bytes(store, Manifest.KEY);
        m[m.length / 2] ^= 0x40;
        putRaw(store, Manifest.KEY, m);
        assertThatThrownBy(this::pull).isInstanceOf(IntegrityException.class)
                .isNotInstanceOf(WrongPasswordException.class)
                .hasMessageContaining("the manifest of " + store.describe() + " is corrupt");
        assertThat(out).doesNotExist();
    }

    @Test
    void aWrongPasswordIsReportedAndNothingIsWritten() {
        try (CryptContext wrong = Fixtures.context("not the password")) {
            assertThatThrownBy(() -> Pull.run(store, out, wrong, SyncOptions.defaults(), SyncListener.NONE))
                    .isInstanceOf(WrongPasswordException.class)
                    .hasMessageContaining("the password or password2 is wrong")
                    .hasMessageNotContaining("not the password");
            store.delete(Manifest.KEY);
            assertThatThrownBy(() -> Pull.run(store, out, wrong, SyncOptions.defaults(), SyncListener.NONE))
                    .isInstanceOf(WrongPasswordException.class);
            assertThatThrownBy(() -> Push.run(src, store, wrong, SyncOptions.defaults(), SyncListener.NONE))
                    .isInstanceOf(WrongPasswordException.class);
        }
        assertThat(out).doesNotExist();
    }

    @Test
    void minGenerationRefusesARolledBackRemote() {
        Map<String, byte[]> generationOne = Fixtures.objects(store);
        write(src, "d.txt", "version two".getBytes(StandardCharsets.UTF_8), T0.plusSeconds(1));
        Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        SyncOptions min2 = SyncOptions.builder().minGeneration(2).build();
        assertThat(Pull.run(store, tmp.resolve("ok"), ctx, min2, SyncListener.NONE).generation()).isEqualTo(2);

        // Roll the whole remote back to generation 1: every object and the manifest are consistent.
        for (var o : store.list()) {
            store.delete(o.key());
        }
        generationOne.forEach((k, v) -> putRaw(store, k, v));
        assertThatThrownBy(() -> Pull.run(store, out, ctx, min2, SyncListener.NONE))
                .isInstanceOf(IntegrityException.class)
                .hasMessageContaining("manifest generation 1 of " + store.describe() + " is older than the required 2 — the remote was rolled back");
        assertThat(out).doesNotExist();
        Map<String, byte[]> rolledBack = Fixtures.objects(store);
        assertThatThrownBy(() -> Push.run(src, store, ctx, min2, SyncListener.NONE))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("rolled back");
        assertThat(Fixtures.objects(store)).usingRecursiveComparison().isEqualTo(rolledBack);
    }

    @Test
    void aRemoteWrittenWithoutManifestStillPullsWithAWarning() {
        store.delete(Manifest.KEY);
        Fixtures.Recorder rec = new Fixtures.Recorder();
        SyncResult r = Pull.run(store, out, ctx, SyncOptions.defaults(), rec);
        assertThat(r.errors()).isEmpty();
        assertThat(r.generation()).isZero();
        assertThat(rec.warnings).containsExactly(store.describe() + " cannot be verified: no encsync manifest (written "
                + "by rclone?) — truncated, swapped, replayed or deleted files would go unnoticed");
        assertThat(tree(out)).isEqualTo(tree(src));
        assertThatThrownBy(() -> Pull.run(store, tmp.resolve("x"), ctx, SyncOptions.builder().minGeneration(1).build(),
                SyncListener.NONE)).isInstanceOf(IntegrityException.class).hasMessageContaining("no manifest");
    }

    @Test
    void pushOverAnRcloneWrittenRemoteAdoptsItWithAManifest() {
        store.delete(Manifest.KEY);
        SyncResult push = Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(push.generation()).isEqualTo(1);
        assertThat(push.transferred()).isEqualTo(5);
        assertThat(pull().errors()).isEmpty();
    }

    private static byte[] encrypt(String text) {
        try (InputStream in = ctx.contentCipher().encryptingStream(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ctx.contentCipher().newNonce())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
