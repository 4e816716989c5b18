package io.encsync.core.sync;

import io.encsync.core.fs.FileModes;
import io.encsync.core.fs.PendingFile;
import io.encsync.core.fs.RelativePath;
import io.encsync.core.fs.SafeFiles;
import io.encsync.core.fs.SafeTarget;
import io.encsync.core.sync.PullSources.Expected;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The pull target: the only place a pull writes. Built on {@link SafeFiles}: folders are created
 * one level at a time from the real path of the root and never through a symlink; files are
 * written to a private temporary file in their final folder, flushed, given their mtime and
 * renamed atomically; deletions only unlink regular files reached without following links.
 * Leftover temporary files of a killed pull are removed when the folder is opened. Writing is
 * {@link SafeTarget}'s; this class adds the listing, checksums and plan-driven deletes.
 */
final class TargetFolder implements AutoCloseable {
    private final Path root;
    private final SafeTarget safe;
    private final boolean caseInsensitive;
    /** The permission bits {@link #scan} saw, by path. */
    private final Map<String, Integer> modes = new java.util.HashMap<>();

    private TargetFolder(Path root, SafeTarget safe, boolean caseInsensitive) {
        this.root = root;
        this.safe = safe;
        this.caseInsensitive = caseInsensitive;
    }

    /** Opens (and, unless a dry run, creates) the target; removes leftover temporary files. */
    static TargetFolder open(Path target, boolean dryRun) {
        if (dryRun) {
            // A dry run creates nothing, not even the target or a probe file.
            return new TargetFolder(Files.isDirectory(target) ? realPath(target) : null, null, false);
        }
        SafeTarget safe = SafeTarget.open(target);
        safe.cleanupTemps();
        return new TargetFolder(safe.root(), safe, safe.foldsCase());
    }

    boolean caseInsensitive() {
        return caseInsensitive;
    }

    /** Regular files under the root (links and temporary files ignored), as listing rows. */
    List<ListingEntry> scan(Predicate<String> filter) {
        List<ListingEntry> result = new ArrayList<>();
        if (root == null) {
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
                            modes.put(rel, FileModes.of(a));
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
    List<ListingEntry> hashWhereSizesMatch(List<ListingEntry> local, Map<String, Expected> expected,
                                           SyncListener out) {
        List<ListingEntry> result = new ArrayList<>(local.size());
        for (ListingEntry l : local) {
            Expected e = expected.get(l.path());
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
    PendingFile begin(RelativePath path) {
        return safe.openForWrite(path);
    }

    /** The local I/O error for a failed write of {@code path} (a validated relative path), naming the file. */
    RuntimeException writeError(String path, IOException e) {
        return SafeFiles.ioError(root.resolve(path), "cannot write", e);
    }

    /**
     * Gives the file at {@code path}, which the plan keeps as it is, the recorded {@code mode} when
     * the scan saw other bits (a file pulled before modes were recorded, or chmodded since). Only
     * the regular file itself, never through a link; where modes are not supported, nothing.
     */
    void keepMode(String path, int mode) {
        Integer seen = modes.get(path);
        if (seen == null || seen == mode) {
            return;
        }
        RelativePath rel = RelativePath.of(path);
        var dir = SafeFiles.existingDirectory(root, parentSegments(rel));
        if (dir.isPresent()) {
            Path file = dir.get().resolve(rel.name());
            BasicFileAttributes a = SafeFiles.attributes(file);
            if (a != null && a.isRegularFile()) {
                SafeFiles.setMode(file, mode);
            }
        }
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

    /** Makes the writes durable and closes the folders held open (nothing to do in a dry run). */
    @Override
    public void close() {
        if (safe != null) {
            safe.close();
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw SafeFiles.ioError(p, "cannot open the target folder", e);
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
