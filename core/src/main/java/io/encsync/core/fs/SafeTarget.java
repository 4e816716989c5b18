package io.encsync.core.fs;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A target folder that untrusted relative paths are written into (the pull side). Nothing is ever
 * created, replaced or deleted outside it, and never through a symlink:
 * <ul>
 *   <li>paths are {@link RelativePath}s (already validated) resolved one segment at a time from the
 *       real path of the root; folders are created one level at a time and every existing
 *       component is checked without following links;</li>
 *   <li>content goes to {@code .<random>.encsync-tmp} in the final folder (created with
 *       {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}, mode 0600) and is renamed over the final name
 *       only when complete, so a killed pull leaves no partial file under a real name;</li>
 *   <li>walks ({@link #cleanupTemps()}, {@link #deleteExtraneous}) are iterative and never enter
 *       or delete through a link.</li>
 * </ul>
 * Where the platform offers {@link java.nio.file.SecureDirectoryStream} (Linux, macOS) each
 * folder is opened relative to its parent's handle without following links and the file is
 * created and renamed relative to the final folder's handle, so another local process that swaps a
 * checked folder for a link cannot redirect the write. Elsewhere the checks are by path (see
 * {@link SafeFiles} for that remaining race).
 */
public final class SafeTarget {
    private final Path root;
    private final boolean useHandles;

    private SafeTarget(Path root, boolean useHandles) {
        this.root = root;
        this.useHandles = useHandles;
    }

    /** The target folder {@code root}, created if missing; links in the root path itself are resolved once. */
    public static SafeTarget open(Path root) {
        return open(root, true);
    }

    /** {@code useHandles = false} forces the by-path fallback, for testing it where handles exist. */
    static SafeTarget open(Path root, boolean useHandles) {
        Path abs = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
            Path real = abs.toRealPath();
            if (!Files.isDirectory(real)) {
                throw EncsyncException.usage(abs + ": not a folder — give a folder path");
            }
            return new SafeTarget(real, useHandles);
        } catch (IOException e) {
            throw SafeFiles.ioError(abs, "cannot open the target folder", e);
        }
    }

    /** The real path of the target folder. */
    public Path root() {
        return root;
    }

    /**
     * Prepares to write {@code path}: creates its folders and an empty temporary file beside it.
     *
     * @throws IntegrityException "symlink in destination path: out — remove it or restore elsewhere"
     */
    public PendingFile openForWrite(RelativePath path) {
        Objects.requireNonNull(path, "path");
        List<String> segments = path.segments();
        List<String> folders = segments.subList(0, segments.size() - 1);
        WriteFolder folder = useHandles ? HandleWriteFolder.open(root, folders, path.toString()) : null;
        if (folder == null) {
            folder = PathWriteFolder.open(root, folders, path.toString());
        }
        String tempName = SafeFiles.newTempName();
        try {
            return new PendingFile(path, folder, tempName, folder.createFile(tempName));
        } catch (IOException e) {
            folder.close();
            throw SafeFiles.ioError(folder.path(), "cannot create a temporary file", e);
        }
    }

    /**
     * Where {@code path} lives if every folder on the way exists and none is a link; empty when a
     * folder is missing. The file itself may not exist. For comparing with what is already there.
     */
    public java.util.Optional<Path> existing(RelativePath path) {
        List<String> segments = path.segments();
        return SafeFiles.existingDirectory(root, segments.subList(0, segments.size() - 1))
                .map(d -> d.resolve(path.name()));
    }

    /**
     * Whether the target's file system treats names differing only in case as one name (Windows,
     * macOS defaults), probed with a temporary file; feed the answer to {@link CollisionDetector}.
     */
    public boolean foldsCase() {
        Path probe;
        try {
            probe = SafeFiles.newTempFile(root);
        } catch (IOException e) {
            throw SafeFiles.ioError(root, "cannot create a temporary file", e);
        }
        try {
            // Temp names are lower-case hex; the upper-case spelling exists only if case is folded.
            Path upper = probe.resolveSibling(probe.getFileName().toString().toUpperCase(java.util.Locale.ROOT));
            return SafeFiles.attributes(upper) != null;
        } finally {
            SafeFiles.deleteQuietly(probe);
        }
    }

    /** Deletes temporary files a killed pull left anywhere under the target; returns how many. */
    public int cleanupTemps() {
        int[] removed = {0};
        SafeFiles.walk(root, (p, a) -> {
            if (a.isRegularFile() && SafeFiles.isTempName(p.getFileName().toString())) {
                delete(p);
                removed[0]++;
            }
        }, dir -> { }, "cannot list the folder");
        return removed[0];
    }

    /**
     * Deletes regular files under the target that are not in {@code keep}, then the folders that
     * are left empty (never the root). Links are neither followed nor deleted; temporary files are
     * left to {@link #cleanupTemps()}.
     *
     * @param dryRun when true nothing is deleted; the result says what would be
     * @return the relative paths ({@code /}-separated) of the files deleted, sorted
     */
    public List<String> deleteExtraneous(Set<RelativePath> keep, boolean dryRun) {
        Set<String> kept = new HashSet<>();
        for (RelativePath k : keep) {
            kept.add(k.toString());
        }
        List<String> deleted = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        SafeFiles.walk(root, (p, a) -> {
            String rel = relative(p);
            if (a.isRegularFile() && !kept.contains(rel) && !SafeFiles.isTempName(p.getFileName().toString())) {
                if (!dryRun) {
                    delete(p);
                }
                deleted.add(rel);
            }
        }, folders::add, "cannot list the folder");
        if (!dryRun) {
            // Children were visited after their parents: deleting in reverse empties bottom-up.
            for (int i = folders.size() - 1; i >= 0; i--) {
                try {
                    Files.delete(folders.get(i));
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    // Still holds something (kept files, links, temps), or already gone.
                } catch (IOException e) {
                    throw SafeFiles.ioError(folders.get(i), "cannot remove the empty folder", e);
                }
            }
        }
        deleted.sort(null);
        return deleted;
    }

    private String relative(Path p) {
        StringBuilder b = new StringBuilder();
        for (Path part : root.relativize(p)) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part);
        }
        return b.toString();
    }

    private static void delete(Path p) {
        try {
            // deleteIfExists removes a link itself, never its target; callers pass regular files.
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw SafeFiles.ioError(p, "cannot delete", e);
        }
    }

    @Override
    public String toString() {
        return "target " + root;
    }
}
