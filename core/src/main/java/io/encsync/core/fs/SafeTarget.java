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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A target folder that untrusted relative paths are written into (the pull side). Nothing is ever
 * created, replaced or deleted outside it, and never through a symlink:
 * <ul>
 *   <li>paths are {@link RelativePath}s (already validated) resolved one segment at a time from the
 *       real path of the root; folders are created one level at a time and every existing
 *       component is checked without following links;</li>
 *   <li>content goes to {@code .<random>.encsync-tmp} in the final folder (created with
 *       {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}, mode 0600), given its recorded mode
 *       ({@link PendingFile#commit(java.time.Instant, int)}) and renamed over the final name
 *       only when complete, so a killed pull leaves no partial file under a real name and no final
 *       name is ever more open than its recorded mode;</li>
 *   <li>walks ({@link #cleanupTemps()}, {@link #deleteExtraneous}) are iterative and never enter
 *       or delete through a link.</li>
 * </ul>
 * Where the platform offers {@link java.nio.file.SecureDirectoryStream} (Linux, macOS) each
 * folder is opened relative to its parent's handle without following links and the file is
 * created and renamed relative to the final folder's handle, so another local process that swaps a
 * checked folder for a link cannot redirect the write. Elsewhere the checks are by path (see
 * {@link SafeFiles} for that remaining race).
 *
 * <p>Folders stay open between files (up to {@value #MAX_IDLE_FOLDERS} idle ones, the least
 * recently used closed first), so a pull of many files into few folders opens and checks each
 * folder once, and syncs it once (renames are made durable when the target is closed, not per
 * file: one sync per folder written into, also for a folder closed and opened again). Thread-safe: transfers write into the same folder concurrently. {@link #close} after the
 * last file: it makes every rename durable.
 */
public final class SafeTarget implements AutoCloseable {
    /** Idle folder handles kept open; each holds one file descriptor. */
    static final int MAX_IDLE_FOLDERS = 32;

    private final Path root;
    private final boolean useHandles;
    /** Open folders by relative path ("" is the root), least recently used first. Guarded by {@code this}. */
    private final Map<String, SharedFolder> folders = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;
    /**
     * Folders written into whose handle was closed to stay under {@link #MAX_IDLE_FOLDERS}: synced
     * once each by {@link #close}, however often they were evicted and opened again (files that
     * alternate between many folders would otherwise cost a folder sync per file).
     */
    private final Set<Path> unsynced = ConcurrentHashMap.newKeySet();
    /** Folder syncs done so far (for tests: one per folder written into). */
    private final java.util.concurrent.atomic.AtomicInteger folderSyncs = new java.util.concurrent.atomic.AtomicInteger();

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
        WriteFolder folder = acquire(segments.subList(0, segments.size() - 1), path.toString());
        String tempName = SafeFiles.newTempName();
        try {
            return new PendingFile(path, folder, tempName, folder.createFile(tempName));
        } catch (IOException e) {
            folder.close();
            throw SafeFiles.ioError(folder.path(), "cannot create a temporary file", e);
        }
    }

    /** The open folder {@code segments}, opened (and created) if it is not; released by its close(). */
    private WriteFolder acquire(List<String> segments, String shown) {
        String key = String.join("/", segments);
        synchronized (this) {
            requireOpen();
            SharedFolder f = folders.get(key);
            if (f != null) {
                f.users++;
                return f;
            }
        }
        WriteFolder opened = useHandles ? HandleWriteFolder.open(root, segments, shown) : null;
        if (opened == null) {
            opened = PathWriteFolder.open(root, segments, shown);
        }
        List<SharedFolder> evicted = new ArrayList<>();
        SharedFolder result;
        boolean raced = false;
        synchronized (this) {
            result = folders.get(key);
            if (result != null) {
                raced = true; // another transfer opened it meanwhile: use theirs
            } else {
                requireOpen();
                result = new SharedFolder(opened);
                folders.put(key, result);
                evictIdle(evicted);
            }
            result.users++;
        }
        if (raced) {
            opened.close();
        }
        evicted.forEach(SharedFolder::closeLeavingSync);
        return result;
    }

    /** Removes idle folders beyond the limit, least recently used first, into {@code out}. Holds the lock. */
    private void evictIdle(List<SharedFolder> out) {
        int idle = 0;
        for (SharedFolder f : folders.values()) {
            if (f.users == 0) {
                idle++;
            }
        }
        for (var it = folders.values().iterator(); it.hasNext() && idle > MAX_IDLE_FOLDERS; ) {
            SharedFolder f = it.next();
            if (f.users == 0) {
                it.remove();
                out.add(f);
                idle--;
            }
        }
    }

    private void release(SharedFolder f) {
        synchronized (this) {
            f.users--;
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    /** How many folder syncs were done (for tests). */
    int folderSyncs() {
        return folderSyncs.get();
    }

    /** How many folders are held open now (for tests). */
    synchronized int openFolders() {
        return folders.size();
    }

    /**
     * Makes every rename durable (one sync per folder written into) and closes the folders. Call it
     * once every {@link PendingFile} is closed; writing afterwards fails.
     */
    @Override
    public void close() {
        List<SharedFolder> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(folders.values());
            folders.clear();
        }
        for (SharedFolder f : all) {
            unsynced.remove(f.path());
            f.syncAndClose();
        }
        // By path: a folder swapped for a link meanwhile only gets synced in vain, nothing is written.
        for (Path folder : unsynced) {
            SafeFiles.syncDirectory(folder);
            folderSyncs.incrementAndGet();
        }
        unsynced.clear();
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

    /**
     * One open folder shared by the files written into it. {@link #sync} only records that a
     * rename needs syncing (done once, when the target is closed) and
     * {@link #close} hands the folder back; the rest goes to the real folder.
     */
    private final class SharedFolder implements WriteFolder {
        private final WriteFolder folder;
        /** Files being written here now; guarded by the target's lock. */
        int users;
        private volatile boolean renamed;

        SharedFolder(WriteFolder folder) {
            this.folder = folder;
        }

        @Override
        public Path path() {
            return folder.path();
        }

        @Override
        public java.nio.channels.SeekableByteChannel createFile(String name) throws IOException {
            return folder.createFile(name);
        }

        @Override
        public java.nio.file.attribute.BasicFileAttributes attributes(String name) throws IOException {
            return folder.attributes(name);
        }

        @Override
        public void setModTime(String name, java.time.Instant modTime) throws IOException {
            folder.setModTime(name, modTime);
        }

        @Override
        public void setMode(String name, int mode) {
            folder.setMode(name, mode);
        }

        @Override
        public void rename(String from, String to) throws IOException {
            folder.rename(from, to);
        }

        @Override
        public void delete(String name) throws IOException {
            folder.delete(name);
        }

        @Override
        public void sync() {
            renamed = true;
        }

        @Override
        public void close() {
            release(this);
        }

        /** Closes the handle; a rename into the folder is synced by the target's close. */
        void closeLeavingSync() {
            if (renamed) {
                unsynced.add(folder.path());
            }
            folder.close();
        }

        void syncAndClose() {
            try {
                if (renamed) {
                    folder.sync();
                    folderSyncs.incrementAndGet();
                }
            } finally {
                folder.close();
            }
        }
    }
}
