package io.encsync.core.fs;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTargetTest {
    private static final Instant T = Instant.parse("2020-01-02T03:04:05.006Z");

    @TempDir
    Path tmp;
    Path outside;
    SafeTarget target;

    @BeforeEach
    void setUp() throws IOException {
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "do not touch");
        target = openTarget(tmp.resolve("target"));
    }

    /** Whether the target under test holds folder handles (true where the platform offers them). */
    boolean usesFolderHandles() throws IOException {
        try (var ds = Files.newDirectoryStream(tmp)) {
            return ds instanceof java.nio.file.SecureDirectoryStream;
        }
    }

    /** The target under test; {@link SafeTargetByPathTest} runs every test on the by-path fallback. */
    SafeTarget openTarget(Path root) {
        return SafeTarget.open(root);
    }

    @Test
    void commitWithAModeGivesTheFileExactlyThatModeAndTheTempStaysPrivateUntilItIsComplete() throws IOException {
        for (int mode : new int[] {0755, 0777, 0666, 0640, 0400, 0}) {
            String name = "m/" + Integer.toOctalString(mode);
            try (PendingFile f = target.openForWrite(RelativePath.of(name))) {
                f.output().write("#!/bin/sh\n".getBytes(UTF_8));
                try (Stream<Path> temps = Files.list(target.root().resolve("m"))) {
                    Path temp = temps.filter(p -> SafeFiles.isTempName(p.getFileName().toString())).findFirst().orElseThrow();
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)))
                            .as("the temporary file while it is written").isEqualTo("rw-------");
                }
                f.commit(T, mode);
            }
            Path file = target.root().resolve(name);
            assertThat(FileModes.fromPermissions(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)))
                    .as("mode %o, not filtered by the umask", mode).isEqualTo(mode);
            assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(T);
        }
        try (PendingFile f = target.openForWrite(RelativePath.of("m/kept"))) {
            f.commit(T);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.root().resolve("m/kept"))))
                .as("commit without a mode keeps the private mode").isEqualTo("rw-------");
    }

    @Test
    void aFileSystemWithoutPosixPermissionsSkipsTheModeInsteadOfFailing() throws IOException {
        Path zip = tmp.resolve("no-posix.zip");
        try (var fs = java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
            assertThat(fs.supportedFileAttributeViews()).doesNotContain("posix");
            Path root = Files.createDirectories(fs.getPath("/target"));
            PathWriteFolder folder = PathWriteFolder.open(root, List.of("bin"), "bin/run.sh");
            Files.writeString(folder.path().resolve("run.sh"), "#!/bin/sh\n");
            folder.setMode("run.sh", 0755);
            SafeFiles.setMode(folder.path().resolve("run.sh"), 0700);
            assertThat(FileModes.of(SafeFiles.attributes(folder.path().resolve("run.sh")))).isEqualTo(FileModes.DEFAULT);
            assertThat(Files.readString(fs.getPath("/target/bin/run.sh"))).isEqualTo("#!/bin/sh\n");
        }
    }

    @Test
    void commitWritesTheFileWithItsModTimeAndLeavesNoTemp() throws IOException {
        try (PendingFile f = target.openForWrite(RelativePath.of("a/b/file.txt"))) {
            f.output().write("content".getBytes(UTF_8));
            assertThat(entries(target.root())).as("only a temp before commit")
                    .singleElement().satisfies(e -> assertThat(e).matches("a/b/\\.[0-9a-f]+\\.encsync-tmp"));
            f.commit(T);
        }
        Path file = target.root().resolve("a/b/file.txt");
        assertThat(file).hasContent("content");
        assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(T);
        assertThat(entries(target.root())).containsExactly("a/b/file.txt");
    }

    @Test
    void modTimesKeepTheirNanosecondsLikeRclonesLocalBackend() throws IOException {
        Instant nanos = Instant.parse("2024-01-02T03:04:10.123456789Z");
        try (PendingFile f = target.openForWrite(RelativePath.of("n/f"))) {
            f.commit(nanos);
        }
        assertThat(Files.getLastModifiedTime(target.root().resolve("n/f")).toInstant()).isEqualTo(nanos);
    }

    @Test
    void theTemporaryFileIsPrivate() throws IOException {
        try (PendingFile f = target.openForWrite(RelativePath.of("secret.txt"))) {
            Path temp;
            try (Stream<Path> s = Files.list(target.root())) {
                temp = s.findFirst().orElseThrow();
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp))).isEqualTo("rw-------");
            f.abort();
        }
    }

    @Test
    void commitReplacesAnExistingFileAtomically() throws IOException {
        Files.writeString(target.root().resolve("f"), "old");
        try (PendingFile f = target.openForWrite(RelativePath.of("f"))) {
            f.output().write("new".getBytes(UTF_8));
            assertThat(target.root().resolve("f")).as("untouched until commit").hasContent("old");
            f.commit(T);
        }
        assertThat(target.root().resolve("f")).hasContent("new");
    }

    @Test
    void abortAndCloseWithoutCommitLeaveNothing() throws IOException {
        Files.writeString(target.root().resolve("existing"), "old");
        PendingFile aborted = target.openForWrite(RelativePath.of("existing"));
        aborted.output().write("partial".getBytes(UTF_8));
        aborted.abort();
        aborted.abort();
        try (PendingFile f = target.openForWrite(RelativePath.of("dir/new"))) {
            f.output().write(new byte[100]);
            // closed without commit, as when the download fails
        }
        assertThat(target.root().resolve("existing")).hasContent("old");
        assertThat(entries(target.root())).containsExactly("existing");
        assertThatThrownBy(() -> aborted.commit(T)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSymlinkInTheDestinationPathIsRefusedAndNothingIsCreatedThroughIt() throws IOException {
        Files.createSymbolicLink(target.root().resolve("out"), outside);
        assertThatThrownBy(() -> target.openForWrite(RelativePath.of("out/x")))
                .isInstanceOf(IntegrityException.class)
                .hasMessage("symlink in destination path: out — remove it or restore elsewhere");
        assertThatThrownBy(() -> target.openForWrite(RelativePath.of("out/deeper/x")))
                .isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> target.openForWrite(RelativePath.of("out/precious")))
                .isInstanceOf(IntegrityException.class);
        assertThat(entries(outside)).containsExactly("precious");
        assertThat(outside.resolve("precious")).hasContent("do not touch");
    }

    @Test
    void aSymlinkDeeperInThePathIsNamed() throws IOException {
        Files.createDirectories(target.root().resolve("a"));
        Files.createSymbolicLink(target.root().resolve("a/b"), outside);
        assertThatThrownBy(() -> target.openForWrite(RelativePath.of("a/b/c/d")))
                .hasMessageStartingWith("symlink in destination path: a/b ");
        assertThat(entries(outside)).containsExactly("precious");
    }

    @Test
    void aSymlinkAtTheFinalNameIsRefusedAtCommitAndItsTargetKept() throws IOException {
        Files.createSymbolicLink(target.root().resolve("f"), outside.resolve("precious"));
        PendingFile f = target.openForWrite(RelativePath.of("f"));
        f.output().write("evil".getBytes(UTF_8));
        assertThatThrownBy(() -> f.commit(T)).isInstanceOf(IntegrityException.class)
                .hasMessage("symlink at destination: f — remove it or restore elsewhere");
        assertThat(outside.resolve("precious")).hasContent("do not touch");
        assertThat(Files.isSymbolicLink(target.root().resolve("f"))).isTrue();
        assertThat(entries(target.root())).as("temp removed").containsExactly("f");
    }

    @Test
    void aFolderAtTheFinalNameIsALocalError() throws IOException {
        Files.createDirectories(target.root().resolve("d/sub"));
        PendingFile f = target.openForWrite(RelativePath.of("d"));
        assertThatThrownBy(() -> f.commit(T)).isInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.LOCAL_IO))
                .hasMessageContaining("a folder is in the way");
        assertThat(target.root().resolve("d/sub")).isDirectory();
        assertThat(entries(target.root())).isEmpty();
    }

    @Test
    void aFileWhereAFolderIsNeededIsALocalError() throws IOException {
        Files.writeString(target.root().resolve("a"), "file");
        assertThatThrownBy(() -> target.openForWrite(RelativePath.of("a/b")))
                .isInstanceOf(EncsyncException.class).hasMessageContaining("a file is in the way");
        assertThat(target.root().resolve("a")).hasContent("file");
    }

    @Test
    void cleanupTempsRemovesLeftoversInsideButNeverThroughLinks() throws IOException {
        PendingFile killed = target.openForWrite(RelativePath.of("x/y/z"));
        killed.output().write(new byte[10]);
        target.openForWrite(RelativePath.of("top"));
        Files.writeString(target.root().resolve("x/keep"), "k");
        Path outsideTemp = SafeFiles.newTempFile(outside);
        Files.createSymbolicLink(target.root().resolve("x/link"), outside);

        assertThat(target.cleanupTemps()).isEqualTo(2);
        assertThat(entries(target.root())).containsExactly("x/keep", "x/link");
        assertThat(outsideTemp).exists();
        assertThat(target.cleanupTemps()).isZero();
    }

    @Test
    void deleteExtraneousDeletesOnlyRegularFilesInsideAndNeverFollowsLinks() throws IOException {
        write("keep/a.txt");
        write("keep/sub/b.txt");
        write("extra.txt");
        write("keep/extra.txt");
        write("gone/deep/er/x");
        Files.createSymbolicLink(target.root().resolve("keep/link-to-outside"), outside);
        Files.createSymbolicLink(target.root().resolve("file-link"), outside.resolve("precious"));
        Set<RelativePath> keep = Set.of(RelativePath.of("keep/a.txt"), RelativePath.of("keep/sub/b.txt"),
                RelativePath.of("not/there"));

        List<String> planned = target.deleteExtraneous(keep, true);
        assertThat(planned).containsExactly("extra.txt", "gone/deep/er/x", "keep/extra.txt");
        assertThat(entries(target.root())).as("dry run deletes nothing").hasSize(7);

        assertThat(target.deleteExtraneous(keep, false)).isEqualTo(planned);
        assertThat(entries(target.root())).containsExactly(
                "file-link", "keep/a.txt", "keep/link-to-outside", "keep/sub/b.txt");
        assertThat(target.root().resolve("gone")).doesNotExist();
        assertThat(entries(outside)).containsExactly("precious");
        assertThat(outside.resolve("precious")).hasContent("do not touch");
        assertThat(target.root()).isDirectory();
    }

    @Test
    void existingResolvesOnlyThroughRealFolders() throws IOException {
        write("a/b");
        assertThat(target.existing(RelativePath.of("a/b"))).contains(target.root().resolve("a/b"));
        assertThat(target.existing(RelativePath.of("missing/b"))).isEmpty();
        Files.createSymbolicLink(target.root().resolve("l"), outside);
        assertThatThrownBy(() -> target.existing(RelativePath.of("l/precious"))).isInstanceOf(IntegrityException.class);
    }

    @Test
    void aTargetGivenThroughALinkIsUsedAtItsRealPlace() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real-target"));
        Path link = Files.createSymbolicLink(tmp.resolve("link-target"), real);
        SafeTarget t = openTarget(link);
        assertThat(t.root()).isEqualTo(real.toRealPath());
        try (PendingFile f = t.openForWrite(RelativePath.of("f"))) {
            f.commit(T);
        }
        assertThat(real.resolve("f")).exists();
    }

    @Test
    void aFolderSwappedForALinkAfterOpeningIsNotWrittenThrough() throws IOException {
        PendingFile f = target.openForWrite(RelativePath.of("d/f"));
        f.output().write("data".getBytes(UTF_8));
        // Another process moves the folder away and plants a link to outside in its place.
        Path moved = Files.move(target.root().resolve("d"), tmp.resolve("moved-away"));
        Files.createSymbolicLink(target.root().resolve("d"), outside);
        try {
            if (usesFolderHandles()) {
                f.commit(T);
                // The file lands in the folder that was checked, wherever it is now.
                assertThat(moved.resolve("f")).hasContent("data");
            } else {
                // By path, the temporary file is not found through the link: the commit fails, harmlessly.
                assertThatThrownBy(() -> f.commit(T)).isInstanceOf(EncsyncException.class);
            }
        } finally {
            f.close();
        }
        assertThat(entries(outside)).containsExactly("precious");
        assertThat(outside.resolve("precious")).hasContent("do not touch");
    }

    @Test
    void linuxFileSystemsDoNotFoldCaseAndTheProbeLeavesNothing() throws IOException {
        assertThat(target.foldsCase()).isFalse();
        assertThat(entries(target.root())).isEmpty();
    }

    @Test
    void filesInOneFolderShareOneOpenFolder() throws IOException {
        for (int i = 0; i < 5; i++) {
            write("a/b/f" + i);
        }
        write("top");
        assertThat(target.openFolders()).as("a/b and the root").isEqualTo(2);
        assertThat(entries(target.root())).containsExactly("a/b/f0", "a/b/f1", "a/b/f2", "a/b/f3", "a/b/f4", "top");
    }

    @Test
    void idleFoldersBeyondTheLimitAreClosedLeastRecentlyUsedFirst() throws IOException {
        int folders = SafeTarget.MAX_IDLE_FOLDERS + 10;
        for (int i = 0; i < folders; i++) {
            write("d" + i + "/f");
        }
        assertThat(target.openFolders()).isEqualTo(SafeTarget.MAX_IDLE_FOLDERS);
        write("d0/again"); // evicted earlier: opened anew
        assertThat(target.root().resolve("d0/again")).hasContent("d0/again");
        assertThat(entries(target.root())).hasSize(folders + 1);
    }

    @Test
    void eachFolderIsSyncedOnceWhenTheTargetClosesEvenWhenItWasClosedAndOpenedAgain() throws IOException {
        // Files alternating between more folders than stay open: each folder is evicted and opened
        // again for every file. An unstash must not pay a folder sync per file for it.
        int folders = SafeTarget.MAX_IDLE_FOLDERS + 8;
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < folders; i++) {
                write("d" + i + "/f" + round);
            }
        }
        assertThat(target.folderSyncs()).as("nothing synced before the close").isZero();

        target.close();

        assertThat(target.folderSyncs()).isEqualTo(folders);
        assertThat(entries(target.root())).hasSize(folders * 3);
    }

    @Test
    void concurrentWritersIntoOneFolderAllCommit() throws Exception {
        int threads = 8;
        int perThread = 40;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        write("shared/sub/t" + id + "-" + i);
                    }
                    return null;
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(entries(target.root())).hasSize(threads * perThread)
                .allMatch(e -> e.matches("shared/sub/t\\d-\\d+"));
        assertThat(target.root().resolve("shared/sub/t3-7")).hasContent("shared/sub/t3-7");
    }

    @Test
    void closingTheTargetEndsWriting() throws IOException {
        write("a/f");
        target.close();
        assertThat(target.openFolders()).isZero();
        assertThat(target.root().resolve("a/f")).hasContent("a/f");
        assertThatThrownBy(() -> target.openForWrite(RelativePath.of("a/g")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private void write(String rel) throws IOException {
        try (PendingFile f = target.openForWrite(RelativePath.of(rel))) {
            try (OutputStream out = f.output()) {
                out.write(rel.getBytes(UTF_8));
            }
            f.commit(T);
        }
    }

    /** Every non-folder entry (files and links, not followed) under {@code dir}, relative and sorted. */
    static List<String> entries(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
