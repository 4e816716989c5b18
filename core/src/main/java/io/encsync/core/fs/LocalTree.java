package io.encsync.core.fs;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Scans a source folder (the push side) into a sorted list of {@link LocalFile}s.
 *
 * <ul>
 *   <li>Iterative, so deep trees cannot overflow the stack.</li>
 *   <li>Names are checked with the same {@link PathRules} the pull side applies: a name that could
 *       not be restored (a control character, a backslash, too long, too deep) is skipped with a
 *       warning rather than uploaded into a backup that cannot be read back.</li>
 *   <li>{@link PathFilter} selects files; folders excluded by a folder pattern are not entered.</li>
 *   <li>Links follow the {@link SymlinkMode}; sockets, pipes and devices are skipped with a warning.</li>
 *   <li>Each file's permission bits are recorded ({@link FileModes}); a link stored as a link
 *       counts as {@link FileModes#DEFAULT}.</li>
 *   <li>Files that vanish during the scan are skipped silently; a folder that cannot be read fails
 *       the scan (carrying on would make a sync delete its remote copy).</li>
 * </ul>
 */
public final class LocalTree {
    private final Path root;
    private final PathFilter filter;
    private final SymlinkMode symlinks;
    private final PathRules rules;
    private final Consumer<String> warnings;

    private LocalTree(Builder b) {
        this.root = b.root;
        this.filter = b.filter;
        this.symlinks = b.symlinks;
        this.rules = b.rules;
        this.warnings = b.warnings;
    }

    public static Builder builder(Path root) {
        return new Builder(root);
    }

    /** A folder still to read: where to read it, its path in the tree, and the real folders above it. */
    private record Pending(Path dir, RelativePath path, Set<Path> ancestors) {
    }

    /** Scans the folder; the result is sorted by path. */
    public List<LocalFile> scan() {
        Path realRoot = realRoot();
        List<LocalFile> files = new ArrayList<>();
        Deque<Pending> todo = new ArrayDeque<>();
        todo.push(new Pending(realRoot, null, Set.of(realRoot)));
        while (!todo.isEmpty()) {
            Pending folder = todo.pop();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder.dir)) {
                for (Path p : entries) {
                    visit(p, folder, realRoot, files, todo);
                }
            } catch (NoSuchFileException | NotDirectoryException e) {
                // The folder vanished (or was replaced) during the scan: nothing to upload from it.
            } catch (IOException e) {
                throw SafeFiles.ioError(folder.dir, "cannot read the folder", e);
            }
        }
        files.sort((a, b) -> a.path().compareTo(b.path()));
        return files;
    }

    private void visit(Path p, Pending folder, Path realRoot, List<LocalFile> files, Deque<Pending> todo) throws IOException {
        String name = p.getFileName().toString();
        String shownParent = folder.path == null ? "" : folder.path + "/";
        RelativePath rel;
        try {
            rel = folder.path == null ? rules.parse(name, null) : folder.path.child(name, rules);
        } catch (IntegrityException e) {
            if (!SafeFiles.isTempName(name)) {
                warnings.accept("skipping " + PathRules.escape(shownParent + name) + ": " + e.getMessage()
                        .replace(" — not restored", " — it could not be restored; rename it"));
            }
            return;
        }
        BasicFileAttributes a = SafeFiles.attributes(p);
        if (a == null) {
            return; // vanished
        }
        String relText = rel.toString();
        if (a.isDirectory()) {
            if (!filter.excludesFolder(relText)) {
                todo.push(new Pending(p, rel, with(folder.ancestors, p)));
            }
        } else if (a.isRegularFile()) {
            // Leftover temporaries of an interrupted pull into this folder are not content.
            if (!SafeFiles.isTempName(name) && filter.includes(relText)) {
                files.add(new LocalFile(rel, a.size(), a.lastModifiedTime().toInstant(), p, LocalFile.Kind.FILE, null,
                        FileModes.of(a)));
            }
        } else if (a.isSymbolicLink()) {
            link(p, rel, a, folder, realRoot, files, todo);
        } else {
            warnings.accept("skipping " + PathRules.escape(relText) + ": not a regular file, folder or link");
        }
    }

    private void link(Path p, RelativePath rel, BasicFileAttributes a, Pending folder, Path realRoot,
            List<LocalFile> files, Deque<Pending> todo) throws IOException {
        String shown = PathRules.escape(rel.toString());
        switch (symlinks) {
            case SKIP -> {
                if (filter.includes(rel.toString())) {
                    warnings.accept("skipping symlink " + shown + " (choose copy-links or links to include links)");
                }
            }
            case LINKS -> {
                if (filter.includes(rel.toString())) {
                    String target = Files.readSymbolicLink(p).toString();
                    // A link's own bits mean nothing (0777 on Linux); it is restored as a plain file.
                    files.add(new LocalFile(rel, target.getBytes(UTF_8).length, a.lastModifiedTime().toInstant(), p,
                            LocalFile.Kind.LINK, target, FileModes.DEFAULT));
                }
            }
            case COPY_LINKS -> {
                Path real;
                BasicFileAttributes t;
                try {
                    real = p.toRealPath();
                    t = Files.readAttributes(real, SafeFiles.attributeType(real));
                } catch (NoSuchFileException e) {
                    warnings.accept("skipping symlink " + shown + ": its target does not exist");
                    return;
                } catch (java.nio.file.FileSystemException e) {
                    // ELOOP: a chain of links that never reaches a file.
                    warnings.accept("skipping symlink " + shown + ": cannot resolve it (" + PathRules.escape(
                            String.valueOf(e.getReason())) + ")");
                    return;
                }
                if (!real.startsWith(realRoot)) {
                    warnings.accept("skipping symlink " + shown + ": it points outside the source folder");
                } else if (t.isDirectory()) {
                    if (folder.ancestors.contains(real)) {
                        warnings.accept("skipping symlink " + shown + ": it loops back to one of its parent folders");
                    } else if (!filter.excludesFolder(rel.toString())) {
                        todo.push(new Pending(real, rel, with(folder.ancestors, real)));
                    }
                } else if (t.isRegularFile()) {
                    if (filter.includes(rel.toString())) {
                        files.add(new LocalFile(rel, t.size(), t.lastModifiedTime().toInstant(), real, LocalFile.Kind.FILE,
                                null, FileModes.of(t)));
                    }
                } else {
                    warnings.accept("skipping symlink " + shown + ": it does not lead to a regular file or folder");
                }
            }
            default -> throw new IllegalStateException("unknown mode " + symlinks);
        }
    }

    private Path realRoot() {
        try {
            Path real = root.toRealPath();
            if (!Files.isDirectory(real)) {
                throw EncsyncException.usage(PathRules.escape(root.toString()) + ": not a folder — give the folder to sync");
            }
            return real;
        } catch (NoSuchFileException e) {
            throw EncsyncException.usage(PathRules.escape(root.toString()) + ": no such folder — check the path");
        } catch (IOException e) {
            throw SafeFiles.ioError(root, "cannot open the source folder", e);
        }
    }

    private static Set<Path> with(Set<Path> set, Path p) {
        Set<Path> copy = new HashSet<>(set);
        copy.add(p);
        return copy;
    }

    public static final class Builder {
        private final Path root;
        private PathFilter filter = PathFilter.all();
        private SymlinkMode symlinks = SymlinkMode.SKIP;
        private PathRules rules = PathRules.defaults();
        private Consumer<String> warnings = w -> { };

        private Builder(Path root) {
            this.root = Objects.requireNonNull(root, "root");
        }

        public Builder filter(PathFilter value) {
            this.filter = Objects.requireNonNull(value, "filter");
            return this;
        }

        public Builder symlinks(SymlinkMode value) {
            this.symlinks = Objects.requireNonNull(value, "symlinks");
            return this;
        }

        public Builder rules(PathRules value) {
            this.rules = Objects.requireNonNull(value, "rules");
            return this;
        }

        /** Receives one line per skipped entry; names in it are escaped. */
        public Builder onWarning(Consumer<String> value) {
            this.warnings = Objects.requireNonNull(value, "warnings");
            return this;
        }

        public LocalTree build() {
            return new LocalTree(this);
        }
    }
}
