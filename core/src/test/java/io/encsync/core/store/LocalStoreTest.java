package io.encsync.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to a local folder: the layout on disk, links, leftovers and error messages. */
class LocalStoreTest {
    private static final Instant T = Instant.parse("2024-02-03T04:05:06.789Z");

    @TempDir
    Path tmp;
    Path root;
    LocalStore store;

    @BeforeEach
    void open() {
        root = tmp.resolve("not/yet/there");
        store = LocalStore.open(root);
    }

    @Test
    void rootIsCreatedAndDescribed() throws IOException {
        assertThat(root).isDirectory();
        assertThat(store.describe()).isEqualTo("folder " + root.toRealPath());
    }

    @Test
    void keysAreFilesAndSlashesAreFoldersWithTheModTimeOnDisk() throws IOException {
        store.put("a/b/c.bin", ContentSource.ofBytes("abc".getBytes(UTF_8)), T);
        Path file = root.resolve("a/b/c.bin");
        assertThat(file).isRegularFile().hasContent("abc");
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(T);
        assertThat(files(root)).containsExactly("a/b/c.bin");
    }

    @Test
    void putsAreSyncedOncePerFolderByFlushAndClose() {
        for (int i = 0; i < 10; i++) {
            store.put("x/o" + i, ContentSource.ofBytes(new byte[] {(byte) i}), T);
        }
        store.put("y/o", ContentSource.ofBytes(new byte[1]), T);
        assertThat(store.foldersAwaitingSync()).as("x and y, whatever the number of files").isEqualTo(2);
        store.flush();
        assertThat(store.foldersAwaitingSync()).isZero();
        store.put("top", ContentSource.ofBytes(new byte[1]), T);
        store.close();
        assertThat(store.foldersAwaitingSync()).isZero();
        assertThat(root.resolve("x/o9")).hasBinaryContent(new byte[] {9});
    }

    @Test
    void theAccessTimeIsSetToTheModTimeAsRcloneDoes() throws IOException {
        store.put("a.bin", ContentSource.ofBytes(new byte[3]), T);
        var a = Files.readAttributes(root.resolve("a.bin"), java.nio.file.attribute.BasicFileAttributes.class);
        assertThat(a.lastModifiedTime().toInstant()).isEqualTo(T);
        assertThat(a.lastAccessTime().toInstant()).isEqualTo(T);
    }

    @Test
    void modTimesKeepTheirNanosecondsLikeRclonesLocalBackend() {
        Instant nanos = Instant.parse("2024-01-02T03:04:10.123456789Z");
        store.put("n", ContentSource.ofBytes(new byte[1]), nanos);
        assertThat(store.stat("n").orElseThrow().modTime()).isEqualTo(nanos);
    }

    @Test
    void putLeavesNoTemporaryFileAndTheTempIsPrivate() throws IOException {
        store.put("x", ContentSource.ofBytes(new byte[10]), T);
        assertThat(files(root)).containsExactly("x");
        Path temp = SafeFiles.newTempFile(root);
        assertThat(temp.getFileName().toString()).matches("\\.[0-9a-f]{24}\\.encsync-tmp");
        assertThat(Files.getPosixFilePermissions(temp))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void deleteRemovesFoldersLeftEmptyButNotTheRootOrOtherFolders() throws IOException {
        store.put("a/b/c/one", ContentSource.ofBytes(new byte[1]), T);
        store.put("a/two", ContentSource.ofBytes(new byte[1]), T);
        store.delete("a/b/c/one");
        assertThat(root.resolve("a/b")).doesNotExist();
        assertThat(root.resolve("a")).isDirectory();
        store.delete("a/two");
        assertThat(root).isDirectory().isEmptyDirectory();
    }

    @Test
    void listSkipsTemporaryFilesLinksAndOtherFiles() throws IOException {
        store.put("real", ContentSource.ofBytes(new byte[3]), T);
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/secret"), "s");
        Files.createSymbolicLink(root.resolve("linkdir"), tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("linkfile"), tmp.resolve("outside/secret"));
        SafeFiles.newTempFile(root);
        assertThat(store.list()).extracting(StoreObject::key).containsExactly("real");
        assertThat(store.stat("linkfile")).isEmpty();
        assertThatThrownBy(() -> store.open("linkfile")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> store.stat("linkdir/secret")).as("never through a link")
                .isInstanceOf(IntegrityException.class);
    }

    @Test
    void aSymlinkedFolderInsideTheRootIsNeverWrittenThroughOrDeletedThrough() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("victim"), "keep me");
        Files.createSymbolicLink(root.resolve("out"), outside);

        assertThatThrownBy(() -> store.put("out/x", ContentSource.ofBytes(new byte[1]), T))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("symlink in destination path: out");
        assertThatThrownBy(() -> store.put("out/victim", ContentSource.ofBytes(new byte[1]), T))
                .isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> store.delete("out/victim")).isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> store.open("out/victim")).isInstanceOf(IntegrityException.class);
        assertThat(files(outside)).containsExactly("victim");
        assertThat(outside.resolve("victim")).hasContent("keep me");
    }

    @Test
    void aSymlinkAtTheKeyIsReplacedNotFollowed() throws IOException {
        Path outside = Files.writeString(tmp.resolve("target"), "outside");
        Files.createSymbolicLink(root.resolve("k"), outside);
        store.put("k", ContentSource.ofBytes("inside".getBytes(UTF_8)), T);
        assertThat(outside).hasContent("outside");
        assertThat(Files.isSymbolicLink(root.resolve("k"))).isFalse();
        assertThat(root.resolve("k")).hasContent("inside");
    }

    @Test
    void anEncryptedNameTooLongForTheFileSystemExplainsTheLimit() {
        String key = "d/" + "a".repeat(300);
        assertThatThrownBy(() -> store.put(key, ContentSource.ofBytes(new byte[1]), T))
                .isInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.LOCAL_IO))
                .hasMessageContaining("255-byte limit")
                .hasMessageContaining("143 plaintext bytes")
                .hasMessageContaining("--filename-encoding base32768");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aFileInTheWayOfAFolderOrAFolderInTheWayOfAFileIsALocalError() throws IOException {
        store.put("a", ContentSource.ofBytes(new byte[1]), T);
        assertThatThrownBy(() -> store.put("a/b", ContentSource.ofBytes(new byte[1]), T))
                .isInstanceOf(EncsyncException.class).hasMessageContaining("a file is in the way");
        store.put("d/e", ContentSource.ofBytes(new byte[1]), T);
        assertThatThrownBy(() -> store.put("d", ContentSource.ofBytes(new byte[1]), T))
                .isInstanceOf(EncsyncException.class).hasMessageContaining("a folder is in the way");
        assertThat(files(root)).containsExactly("a", "d/e");
    }

    @Test
    void temporaryNamesAreReservedAndCleanedUpEverywhere() throws IOException {
        assertThatThrownBy(() -> store.put("x/.0a.encsync-tmp", ContentSource.ofBytes(new byte[1]), T))
                .isInstanceOf(EncsyncException.class).hasMessageContaining("reserved");
        Files.createDirectories(root.resolve("p/q"));
        SafeFiles.newTempFile(root);
        SafeFiles.newTempFile(root.resolve("p/q"));
        store.put("p/q/kept", ContentSource.ofBytes(new byte[1]), T);
        assertThat(store.cleanupAbandonedWrites()).isEqualTo(2);
        assertThat(files(root)).containsExactly("p/q/kept");
    }

    @Test
    void aDeepTreeIsListedWithoutRecursion() {
        String key = "d/".repeat(400) + "leaf";
        store.put(key, ContentSource.ofBytes(new byte[1]), T);
        assertThat(store.list()).extracting(StoreObject::key).containsExactly(key);
        store.delete(key);
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void putsAndDeletesRacingInSharedFoldersNeverFail() throws Exception {
        // Deletes prune folders that puts in other threads are about to use.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        String key = "s/t/u/k-" + thread + "-" + i;
                        store.put(key, ContentSource.ofBytes(new byte[i]), T);
                        store.delete(key);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list()).isEmpty();
        assertThat(root).isEmptyDirectory();
    }

    @Test
    void aFileCannotBeOpenedAsAStore() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertThatThrownBy(() -> LocalStore.open(file)).isInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessageContaining("not a folder");
    }

    @Test
    void openingTheSameFolderAgainSeesTheObjects() {
        store.put("k", ContentSource.ofBytes(new byte[7]), T);
        assertThat(LocalStore.open(root).stat("k")).contains(new StoreObject("k", 7, T));
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
