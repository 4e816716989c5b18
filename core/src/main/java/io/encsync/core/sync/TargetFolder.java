package io.encsync.core.sync;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import io.encsync.core.fs.PathRules;
import io.encsync.core.fs.RelativePath;
import io.encsync.core.fs.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The pull target: the only place a pull writes. Built on {@link SafeFiles}: folders are created
 * one level at a time from the real path of the root and never through a symlink; files are
 * written to a private temporary file in their final folder, flushed, given their mtime and
 * renamed atomically; deletions only unlink regular files reached without following links.
 * Leftover temporary files of a killed pull are removed when the folder is opened.
 */
final class TargetFolder {
    private final Path root;
    private final boolean exists;
    private final boolean caseInsensitive;

    private TargetFolder(Path root, boolean exists, boolean caseInsensitive) {
        this.root = root;
        this.exists = exists;
        this.caseInsensitive = caseInsensitive;
    }

    /** Opens (and, unless a dry run, creates) the target; removes leftover temporary files. */
    static TargetFolder open(Path target, boolean dryRun) {
        try {
            if (!Files.exists(target)) {
                if (dryRun) {
                    return new TargetFolder(target.toAbsolutePath(), false, false);
                }
                Files.createDirectories(target);
            }
            Path real = target.toRealPath();
            if (!Files.isDirectory(real)) {
                throw EncsyncException.usage(PathRules.escape(target.toString()) + " is not a folder — choose a folder to restore into");
            }
            TargetFolder folder = new TargetFolder(real, true, !dryRun && probeCaseInsensitive(real));
            if (!dryRun) {
                folder.cleanupTemps();
            }
            return folder;
        } catch (IOException e) {
            throw SafeFiles.ioError(target, "cannot open the target folder", e);
        }
    }

    boolean caseInsensitive() {
        return caseInsensitive;
    }

    /** Regular files under the root (links and temporary files ignored), as listing rows. */
    List<ListingEntry> scan(Predicate<String> filter) {
        List<ListingEntry> result = new ArrayList<>();
        if (!exists) {
            return result;
        }
        Deque<Path> dirs = new ArrayDeque<>();
        dirs.push(root);
        while (!dirs.isEmpty()) {
            Path dir = dirs.pop();
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    BasicFileAttributes a = SafeFiles.attributes(child);
                    if (a == null || a.isSymbolicLink()) {
                        continue; // never follow a link in the target
                    }
                    if (a.isDirectory()) {
                        dirs.push(child);
                    } else if (a.isRegularFile() && !SafeFiles.isTempName(child.getFileName().toString())) {
                        String rel = relative(child);
                        if (filter.test(rel)) {
                            result.add(ListingEntry.of(rel, a.size(), Times.toNanos(a.lastModifiedTime().toInstant())));
                        }
                    }
                }
            } catch (IOException e) {
                throw SafeFiles.ioError(dir, "cannot list the folder", e);
            }
        }
        return result;
    }

    /** For {@code --checksum}: hashes the local files whose size equals the expected one. */
    List<ListingEntry> hashWhereSizesMatch(List<ListingEntry> local, Map<String, Pull.Expected> expected,
                                           SyncListener out) {
        List<ListingEntry> result = new ArrayList<>(local.size());
        for (ListingEntry l : local) {
            Pull.Expected e = expected.get(l.path());
            if (e != null && e.listing().size() == l.size()) {
                try {
                    RelativePath rel = RelativePath.of(l.path());
                    Path dir = SafeFiles.existingDirectory(root, parentSegments(rel)).orElseThrow();
                    result.add(l.withSha256(Hashing.sha256Hex(Files.newInputStream(dir.resolve(rel.name()),
                            java.nio.file.LinkOption.NOFOLLOW_LINKS))));
                } catch (IOException | RuntimeException ex) {
                    out.onWarning(Names.quote(l.path()) + ": cannot read it to compare checksums; it will be restored");
                    result.add(l);
                }
            } else {
                result.add(l);
            }
        }
        return result;
    }

    /** Starts writing {@code path}: creates its folders safely and a temporary file beside it. */
    Pending begin(RelativePath path) throws IOException {
        Path dir = SafeFiles.ensureDirectories(root, parentSegments(path), path.toString());
        Path target = dir.resolve(path.name());
        BasicFileAttributes a = SafeFiles.attributes(target);
        if (a != null && a.isSymbolicLink()) {
            throw SafeFiles.symlinkInPath(path.toString());
        }
        if (a != null && a.isDirectory()) {
            throw EncsyncException.localIo(Names.quote(path.toString()) + ": a folder of that name is in the way — "
                    + "move it and pull again", null);
        }
        return new Pending(SafeFiles.newTempFile(dir), target);
    }

    /** Deletes the regular file at {@code path}; a link or folder there is left alone. */
    void delete(String path) throws IOException {
        RelativePath rel = RelativePath.of(path);
        var dir = SafeFiles.existingDirectory(root, parentSegments(rel));
        if (dir.isEmpty()) {
            return;
        }
        Path file = dir.get().resolve(rel.name());
        BasicFileAttributes a = SafeFiles.attributes(file);
        if (a != null && a.isRegularFile()) {
            Files.delete(file);
        }
    }

    /** A file being written: {@link #write}, then {@link #commit}; closing without commit removes the temp. */
    static final class Pending implements AutoCloseable {
        private final Path temp;
        private final Path target;
        private boolean committed;

        private Pending(Path temp, Path target) {
            this.temp = temp;
            this.target = target;
        }

        /** Copies {@code in} to the temporary file and flushes it to disk. */
        void write(InputStream in) throws IOException {
            try (FileChannel ch = SafeFiles.openTemp(temp); OutputStream os = Channels.newOutputStream(ch)) {
                in.transferTo(os);
                ch.force(true);
            }
        }

        void commit(Instant mtime) throws IOException {
            BasicFileAttributes a = SafeFiles.attributes(target);
            if (a != null && (a.isSymbolicLink() || a.isDirectory())) {
                throw new IntegrityException("`" + PathRules.escape(target.toString())
                        + "` became a link or folder during the pull — not overwritten");
            }
            SafeFiles.commit(temp, target, mtime);
            committed = true;
        }

        @Override
        public void close() {
            if (!committed) {
                SafeFiles.deleteQuietly(temp);
            }
        }
    }

    private void cleanupTemps() throws IOException {
        Deque<Path> dirs = new ArrayDeque<>();
        dirs.push(root);
        while (!dirs.isEmpty()) {
            Path dir = dirs.pop();
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    BasicFileAttributes a = SafeFiles.attributes(child);
                    if (a == null || a.isSymbolicLink()) {
                        continue;
                    }
                    if (a.isDirectory()) {
                        dirs.push(child);
                    } else if (SafeFiles.isTempName(child.getFileName().toString())) {
                        SafeFiles.deleteQuietly(child);
                    }
                }
            }
        }
    }

    /** Whether names differing only in case are one file here (macOS, Windows defaults). */
    private static boolean probeCaseInsensitive(Path dir) throws IOException {
        Path probe = SafeFiles.newTempFile(dir);
        try {
            String name = probe.getFileName().toString();
            return Files.exists(dir.resolve(name.toUpperCase(Locale.ROOT)), java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } finally {
            SafeFiles.deleteQuietly(probe);
        }
    }

    private String relative(Path p) {
        List<String> segments = new ArrayList<>();
        for (Path part : root.relativize(p)) {
            segments.add(part.toString());
        }
        return String.join("/", segments);
    }

    private static List<String> parentSegments(RelativePath path) {
        List<String> s = path.segments();
        return s.subList(0, s.size() - 1);
    }
}
