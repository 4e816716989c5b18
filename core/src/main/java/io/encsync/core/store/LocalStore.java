package io.encsync.core.store;

import io.encsync.core.EncsyncException;
import io.encsync.core.fs.FolderSyncs;
import io.encsync.core.fs.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A local folder as a store: the embedded default, and exactly the layout an rclone crypt remote
 * over the same folder reads and writes (each key a file, {@code /} a sub-folder).
 *
 * <ul>
 *   <li>{@code put} writes {@code .<random>.encsync-tmp} in the destination folder, syncs it to
 *       disk, sets its modification time and renames it over the key atomically; a reader or a
 *       crash sees the old file or the new one, never a part. The folders renamed into are synced
 *       by {@link #flush} (and {@link #close}), once each, so the renames survive a power loss.</li>
 *   <li>{@code list} walks iteratively (deep trees cannot overflow the stack), never follows
 *       symlinks, and skips our temporary files and anything that is not a regular file.</li>
 *   <li>{@code delete} removes the file and then the folders it leaves empty, up to the root, so a
 *       tree that shrinks does not leave a skeleton of empty folders behind.</li>
 *   <li>Keys are checked by {@link StoreKeys} and resolved one segment at a time from the real
 *       path of the root; a symlinked folder on the way is refused, so nothing is ever written or
 *       deleted outside the root.</li>
 *   <li>One writing process per folder is supported: {@link #cleanupAbandonedWrites()} deletes
 *       every temporary file whatever its age, including one a concurrent writer is filling.</li>
 * </ul>
 */
public final class LocalStore implements Store {
    private static final int CREATE_RETRIES = 20;

    private final Path root;
    /**
     * Folders this store created or checked (no link in them) during this run, so that a put into
     * a known folder costs no per-level lookups. Forgotten when a delete removes a folder.
     */
    private final java.util.Set<Path> knownFolders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final FolderSyncs renamedInto = new FolderSyncs();

    private LocalStore(Path root) {
        this.root = root;
    }

    /** Opens the folder {@code root} as a store, creating it (and its parents) if missing. */
    public static LocalStore open(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
            Path real = abs.toRealPath();
            if (!Files.isDirectory(real)) {
                throw EncsyncException.usage(abs + ": not a folder — give a folder path");
            }
            return new LocalStore(real);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw EncsyncException.usage(abs + ": not a folder (" + e.getFile() + " is a file) — give a folder path");
        } catch (IOException e) {
            throw SafeFiles.ioError(abs, "cannot open the folder", e);
        }
    }

    /** The real path of the root folder. */
    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return "folder " + root;
    }

    @Override
    public List<StoreObject> list() {
        List<StoreObject> out = new ArrayList<>();
        SafeFiles.walk(root, (p, a) -> {
            // Links are never followed, and temporary files are not objects yet.
            if (a.isRegularFile() && !SafeFiles.isTempName(p.getFileName().toString())) {
                out.add(new StoreObject(keyOf(p), a.size(), a.lastModifiedTime().toInstant()));
            }
        }, folder -> { }, "cannot list the folder");
        out.sort(Comparator.comparing(StoreObject::key));
        return out;
    }

    @Override
    public Optional<StoreObject> stat(String key) {
        return existingFile(key).map(p -> {
            BasicFileAttributes a = SafeFiles.attributes(p);
            return a == null || !a.isRegularFile() ? null
                    : new StoreObject(key, a.size(), a.lastModifiedTime().toInstant());
        });
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        Path p = existingFile(key).orElseThrow(() -> new ObjectNotFoundException(describe(), key));
        BasicFileAttributes a = SafeFiles.attributes(p);
        if (a == null || !a.isRegularFile()) {
            throw new ObjectNotFoundException(describe(), key); // absent, a folder, or a link we never follow
        }
        FileChannel ch;
        try {
            ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException(describe(), key);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("symbolic link")) {
                throw new ObjectNotFoundException(describe(), key); // replaced by a link since the check (ELOOP)
            }
            throw SafeFiles.ioError(p, "cannot open", e);
        }
        if (offset > 0) {
            try {
                ch.position(offset);
            } catch (IOException e) {
                closeQuietly(ch);
                throw SafeFiles.ioError(p, "cannot open", e);
            }
        }
        InputStream in = Channels.newInputStream(ch);
        return length < 0 ? in : new RangeInputStream(in, length);
    }

    @Override
    public void put(String key, ContentSource content, Instant modTime) {
        write(key, content, modTime, false);
    }

    /**
     * The complete temporary file is hard-linked to the key, which fails if anything is there; on
     * a file system without hard links it is renamed after a check (not atomic there).
     */
    @Override
    public boolean putIfAbsent(String key, ContentSource content, Instant modTime) {
        return write(key, content, modTime, true);
    }

    private boolean write(String key, ContentSource content, Instant modTime, boolean exclusive) {
        List<String> segments = StoreKeys.segments(key);
        String name = segments.get(segments.size() - 1);
        if (SafeFiles.isTempName(name)) {
            throw EncsyncException.usage(key + ": names .<x>" + SafeFiles.TEMP_SUFFIX
                    + " are reserved for temporary files — rename the object");
        }
        SafeFiles.NewTemp temp = createTemp(segments.subList(0, segments.size() - 1), key);
        Path target = temp.path().resolveSibling(name);
        try {
            write(temp.channel(), key, content);
            temp.channel().close();     // closed before the rename, which some platforms require
            if (!exclusive) {
                SafeFiles.commit(temp.path(), target, modTime);
            } else if (!SafeFiles.commitIfAbsent(temp.path(), target, modTime)) {
                return false; // taken: the temporary file is already gone
            }
            renamedInto.add(target.getParent());
            return true;
        } catch (IOException e) {
            SafeFiles.deleteQuietly(temp.path());
            BasicFileAttributes existing = SafeFiles.attributes(target);
            if (existing != null && existing.isDirectory()) {
                throw EncsyncException.localIo(target + ": a folder is in the way of object " + key
                        + " — move or remove the folder", null);
            }
            throw SafeFiles.ioError(target, "cannot write", e);
        } catch (RuntimeException e) {
            SafeFiles.deleteQuietly(temp.path());
            throw e;
        } finally {
            closeQuietly(temp.channel());
        }
    }

    @Override
    public void delete(String key) {
        List<String> segments = StoreKeys.segments(key);
        Optional<Path> p = existingFile(key);
        if (p.isEmpty()) {
            return;
        }
        BasicFileAttributes a = SafeFiles.attributes(p.get());
        if (a == null || a.isDirectory()) {
            return; // a folder is not an object
        }
        try {
            Files.deleteIfExists(p.get());
        } catch (IOException e) {
            throw SafeFiles.ioError(p.get(), "cannot delete", e);
        }
        removeEmptyParents(p.get().getParent(), segments.size() - 1);
    }

    /** Syncs the folders that puts renamed into since the last flush, once each. */
    @Override
    public void flush() {
        renamedInto.flush();
    }

    @Override
    public void close() {
        flush();
    }

    /** Folders renamed into and not yet synced (for tests). */
    int foldersAwaitingSync() {
        return renamedInto.pending();
    }

    @Override
    public int cleanupAbandonedWrites() {
        int[] removed = {0};
        SafeFiles.walk(root, (p, a) -> {
            if (!a.isSymbolicLink() && SafeFiles.isTempName(p.getFileName().toString())) {
                Files.deleteIfExists(p);
                removed[0]++;
            }
        }, folder -> { }, "cannot remove leftover temporary files");
        return removed[0];
    }

    /** The file for {@code key} if its folders exist; links on the way are refused. */
    private Optional<Path> existingFile(String key) {
        List<String> segments = StoreKeys.segments(key);
        List<String> folders = segments.subList(0, segments.size() - 1);
        Path known = folders.isEmpty() ? root : root.resolve(String.join("/", folders));
        Optional<Path> dir = knownFolders.contains(known) ? Optional.of(known)
                : SafeFiles.existingDirectory(root, folders);
        dir.ifPresent(knownFolders::add);
        return dir.map(d -> d.resolve(segments.get(segments.size() - 1)));
    }

    /**
     * Creates the folders and the temporary file. A concurrent delete may remove a folder we just
     * created (it was empty), so creation is retried a few times.
     */
    private SafeFiles.NewTemp createTemp(List<String> folders, String key) {
        for (int attempt = 1; ; attempt++) {
            Path known = folders.isEmpty() ? root : root.resolve(String.join("/", folders));
            Path dir = knownFolders.contains(known) ? known : SafeFiles.ensureDirectories(root, folders, key);
            try {
                SafeFiles.NewTemp temp = SafeFiles.openNewTemp(dir);
                knownFolders.add(dir);
                return temp;
            } catch (NoSuchFileException e) {
                knownFolders.remove(dir);   // pruned by a concurrent delete: check and create again
                if (attempt == CREATE_RETRIES) {
                    throw SafeFiles.ioError(dir, "cannot create a temporary file", e);
                }
            } catch (IOException e) {
                throw SafeFiles.ioError(dir, "cannot create a temporary file", e);
            }
        }
    }

    private static void write(FileChannel ch, String key, ContentSource content) throws IOException {
        long expected = content.length();
        try (InputStream in = openSource(key, content)) {
            // One byte past the declared length is read to notice a source that yields too much.
            long written = copy(key, in, ch, expected + 1);
            ContentLength.check(key, expected, written);
            ch.force(true);
        }
    }

    /**
     * Copies at most {@code limit} bytes; returns how many were copied. Read failures are the
     * source's (named as such); write failures propagate as IOException for the caller to map.
     */
    private static long copy(String key, InputStream in, FileChannel out, long limit) throws IOException {
        // Sized to the object: a push of many small files should not allocate 64 KiB for each. The
        // buffer is filled before each write, so a small object (header and one block, read from
        // the cipher in two parts) costs one write call.
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(64 * 1024, Math.max(limit, 1)));
        long total = 0;
        while (total < limit) {
            int n;
            try {
                n = in.readNBytes(buffer.array(), 0, (int) Math.min(buffer.capacity(), limit - total));
            } catch (IOException e) {
                throw sourceFailed(key, e);
            }
            if (n == 0) {
                break;
            }
            buffer.clear().limit(n);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            total += n;
        }
        return total;
    }

    private static InputStream openSource(String key, ContentSource content) {
        try {
            return content.open();
        } catch (IOException e) {
            throw sourceFailed(key, e);
        }
    }

    private static EncsyncException sourceFailed(String key, IOException e) {
        return EncsyncException.localIo(key + ": reading the content failed (" + e.getMessage()
                + ") — nothing was stored; retry", e);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // Already failing; nothing was read.
        }
    }

    /** Removes {@code dir} and its parents while they are empty, stopping at the root. */
    private void removeEmptyParents(Path dir, int levels) {
        for (int i = 0; i < levels && !dir.equals(root); i++) {
            knownFolders.remove(dir);
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return; // Leaving an empty folder is harmless; the delete itself succeeded.
            }
            dir = dir.getParent();
        }
    }

    private String keyOf(Path p) {
        Path rel = root.relativize(p);
        StringBuilder b = new StringBuilder();
        for (Path part : rel) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part);
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
