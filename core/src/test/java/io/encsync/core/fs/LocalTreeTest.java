package io.encsync.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTreeTest {
    @TempDir
    Path tmp;
    Path src;
    Path outside;
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        src = Files.createDirectories(tmp.resolve("src"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "outside");
    }

    @Test
    void scansFilesRecursivelySortedWithSizesAndTimes() throws IOException {
        write("b.txt", "bb");
        write("a/z.txt", "z");
        write("a/b/c.txt", "ccc");
        write("a b/x", "");
        Files.createDirectories(src.resolve("empty/folder"));
        Instant t = Instant.parse("2019-03-04T05:06:07.891Z");
        Files.setLastModifiedTime(src.resolve("a/b/c.txt"), FileTime.from(t));

        List<LocalFile> files = scan(LocalTree.builder(src));
        assertThat(files).extracting(f -> f.path().toString()).containsExactly("a b/x", "a/b/c.txt", "a/z.txt", "b.txt");
        LocalFile c = files.get(1);
        assertThat(c.size()).isEqualTo(3);
        assertThat(c.modTime()).isEqualTo(t);
        assertThat(c.absolute()).isEqualTo(src.toRealPath().resolve("a/b/c.txt"));
        assertThat(c.kind()).isEqualTo(LocalFile.Kind.FILE);
        assertThat(c.linkTarget()).isNull();
        assertThat(warnings).isEmpty();
    }

    @Test
    void appliesTheFilterAndSkipsExcludedFolders() throws IOException {
        write("keep.txt", "k");
        write("skip.log", "s");
        write("deep/x/skip.log", "s");
        write("node_modules/pkg/index.js", "j");
        write("web/node_modules/pkg/index.js", "j");
        write("web/app.js", "a");
        PathFilter filter = PathFilter.builder().exclude("*.log").exclude("node_modules/").build();
        assertThat(scan(LocalTree.builder(src).filter(filter))).extracting(f -> f.path().toString())
                .containsExactly("keep.txt", "web/app.js");
    }

    @Test
    void skipsOurTemporaryFilesAndNamesThatCouldNotBeRestored() throws IOException {
        write("ok", "o");
        SafeFiles.newTempFile(src);
        write("line\nbreak", "x");
        write("back\\slash", "x");
        write("dir\u001b[31m/inner", "x");
        assertThat(scan(LocalTree.builder(src))).extracting(f -> f.path().toString()).containsExactly("ok");
        assertThat(warnings).hasSize(3).allSatisfy(w -> {
            assertThat(w).startsWith("skipping ").contains("rename it");
            assertThat(w).doesNotContainPattern("[\\x00-\\x1f]");
        });
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("line\\nbreak"));
    }

    @Test
    void pathsBeyondTheLimitsAreSkippedWithAWarning() throws IOException {
        write("a/b/c/d", "deep");
        write("a/b/ok", "ok");
        PathRules rules = PathRules.of(PathLimits.builder().maxDepth(3).build(), false);
        assertThat(scan(LocalTree.builder(src).rules(rules))).extracting(f -> f.path().toString()).containsExactly("a/b/ok");
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("a/b/c").contains("limit exceeded: depth 4"));
    }

    @Test
    void aTreeDeeperThanTheDefaultLimitIsScannedWhenTheLimitIsRaised() throws IOException {
        String rel = "d/".repeat(150) + "leaf";
        write(rel, "x");
        PathRules rules = PathRules.of(PathLimits.builder().maxDepth(1000).maxPathBytes(100_000).build(), false);
        assertThat(scan(LocalTree.builder(src).rules(rules))).extracting(f -> f.path().toString()).containsExactly(rel);
    }

    @Test
    void skipModeLeavesLinksOutWithAWarning() throws IOException {
        write("real.txt", "r");
        Files.createSymbolicLink(src.resolve("to-outside"), outside);
        Files.createSymbolicLink(src.resolve("to-file"), src.resolve("real.txt"));
        assertThat(scan(LocalTree.builder(src).symlinks(SymlinkMode.SKIP)))
                .extracting(f -> f.path().toString()).containsExactly("real.txt");
        assertThat(warnings).containsExactlyInAnyOrder(
                "skipping symlink to-outside (choose copy-links or links to include links)",
                "skipping symlink to-file (choose copy-links or links to include links)");
    }

    @Test
    void linksModeReportsLinksWithTheirTargetText() throws IOException {
        write("dir/real.txt", "r");
        Files.createSymbolicLink(src.resolve("dir/rel-link"), Path.of("real.txt"));
        Files.createSymbolicLink(src.resolve("abs-link"), outside);
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("no/such/thing"));

        List<LocalFile> files = scan(LocalTree.builder(src).symlinks(SymlinkMode.LINKS));
        assertThat(files).extracting(f -> f.path().toString()).containsExactly("abs-link", "dangling", "dir/real.txt", "dir/rel-link");
        LocalFile rel = files.get(3);
        assertThat(rel.kind()).isEqualTo(LocalFile.Kind.LINK);
        assertThat(rel.linkTarget()).isEqualTo("real.txt");
        assertThat(rel.size()).isEqualTo(8);
        assertThat(files.get(0).linkTarget()).isEqualTo(outside.toString());
        assertThat(files.get(1).linkTarget()).isEqualTo("no/such/thing");
        assertThat(warnings).isEmpty();
    }

    @Test
    void copyLinksFollowsLinksInsideTheRoot() throws IOException {
        write("data/one.txt", "1");
        write("data/sub/two.txt", "22");
        Files.createSymbolicLink(src.resolve("alias"), Path.of("data"));
        Files.createSymbolicLink(src.resolve("one-again.txt"), Path.of("data/one.txt"));

        List<LocalFile> files = scan(LocalTree.builder(src).symlinks(SymlinkMode.COPY_LINKS));
        assertThat(files).extracting(f -> f.path().toString()).containsExactly(
                "alias/one.txt", "alias/sub/two.txt", "data/one.txt", "data/sub/two.txt", "one-again.txt");
        LocalFile viaLink = files.get(4);
        assertThat(viaLink.kind()).isEqualTo(LocalFile.Kind.FILE);
        assertThat(viaLink.size()).isEqualTo(1);
        assertThat(viaLink.absolute()).isEqualTo(src.toRealPath().resolve("data/one.txt"));
        assertThat(warnings).isEmpty();
    }

    @Test
    void copyLinksSkipsLinksLeadingOutsideTheRoot() throws IOException {
        write("in.txt", "i");
        Files.createSymbolicLink(src.resolve("out-dir"), outside);
        Files.createSymbolicLink(src.resolve("out-file"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(src.resolve("sneaky"), Path.of("../outside"));

        List<LocalFile> files = scan(LocalTree.builder(src).symlinks(SymlinkMode.COPY_LINKS));
        assertThat(files).extracting(f -> f.path().toString()).containsExactly("in.txt");
        assertThat(files).noneSatisfy(f -> assertThat(f.absolute()).startsWith(outside));
        assertThat(warnings).containsExactlyInAnyOrder(
                "skipping symlink out-dir: it points outside the source folder",
                "skipping symlink out-file: it points outside the source folder",
                "skipping symlink sneaky: it points outside the source folder");
    }

    @Test
    void copyLinksDetectsLoopsAndDanglingLinks() throws IOException {
        write("a/file.txt", "f");
        Files.createSymbolicLink(src.resolve("a/up"), Path.of(".."));
        Files.createSymbolicLink(src.resolve("a/self"), Path.of("."));
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("missing"));
        Files.createSymbolicLink(src.resolve("ping"), Path.of("pong"));
        Files.createSymbolicLink(src.resolve("pong"), Path.of("ping"));

        List<LocalFile> files = scan(LocalTree.builder(src).symlinks(SymlinkMode.COPY_LINKS));
        assertThat(files).extracting(f -> f.path().toString()).containsExactly("a/file.txt");
        assertThat(warnings).contains(
                "skipping symlink a/up: it loops back to one of its parent folders",
                "skipping symlink a/self: it loops back to one of its parent folders",
                "skipping symlink dangling: its target does not exist");
        assertThat(warnings).filteredOn(w -> w.startsWith("skipping symlink ping") || w.startsWith("skipping symlink pong"))
                .hasSize(2);
    }

    @Test
    void copyLinksHandlesTwoFoldersLinkingToEachOther() throws IOException {
        write("x/fx", "1");
        write("y/fy", "2");
        Files.createSymbolicLink(src.resolve("x/to-y"), Path.of("../y"));
        Files.createSymbolicLink(src.resolve("y/to-x"), Path.of("../x"));
        List<String> paths = scan(LocalTree.builder(src).symlinks(SymlinkMode.COPY_LINKS)).stream()
                .map(f -> f.path().toString()).toList();
        assertThat(paths).containsExactly("x/fx", "x/to-y/fy", "y/fy", "y/to-x/fx");
        assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).contains("loops back"));
    }

    @Test
    void aMissingSourceFolderIsAUsageError() {
        assertThatThrownBy(() -> LocalTree.builder(tmp.resolve("nope")).build().scan())
                .isInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessageContaining("no such folder");
    }

    @Test
    void aSourceGivenThroughALinkIsScanned() throws IOException {
        write("f", "x");
        Path link = Files.createSymbolicLink(tmp.resolve("src-link"), src);
        assertThat(LocalTree.builder(link).build().scan()).extracting(f -> f.path().toString()).containsExactly("f");
    }

    private List<LocalFile> scan(LocalTree.Builder builder) {
        return builder.onWarning(warnings::add).build().scan();
    }

    private void write(String rel, String content) throws IOException {
        Path p = src.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }
}
