package io.encsync.core.fs;

import io.encsync.core.EncsyncException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A {@link WriteFolder} held open: each folder on the way is opened relative to its parent's
 * handle without following links, and the file is created, timed, renamed and deleted relative to
 * the final folder's handle. Another process that swaps a folder for a link after we checked it
 * therefore cannot make us write through the link. Missing folders are still created by path, so
 * such a swap can at worst make us create one empty folder elsewhere, and then fail.
 */
final class HandleWriteFolder implements WriteFolder {
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private final SecureDirectoryStream<Path> handle;
    private final Path dir;

    private HandleWriteFolder(SecureDirectoryStream<Path> handle, Path dir) {
        this.handle = handle;
        this.dir = dir;
    }

    /** The folder {@code root/folders…}, or null when the platform offers no secure directory handles. */
    static HandleWriteFolder open(Path root, List<String> folders, String shown) {
        SecureDirectoryStream<Path> current;
        try {
            DirectoryStream<Path> ds = Files.newDirectoryStream(root);
            if (!(ds instanceof SecureDirectoryStream<Path> sds)) {
                ds.close();
                return null;
            }
            current = sds;
        } catch (IOException e) {
            throw SafeFiles.ioError(root, "cannot open the target folder", e);
        }
        Path dir = root;
        try {
            for (int i = 0; i < folders.size(); i++) {
                String segment = folders.get(i);
                Path next = SafeFiles.child(dir, segment, shown);
                Path name = name(dir, segment);
                try {
                    Files.createDirectory(next);
                } catch (FileAlreadyExistsException e) {
                    // Exists, or is a link: opening it below without following links decides.
                } catch (IOException e) {
                    throw SafeFiles.ioError(next, "cannot create folder", e);
                }
                SecureDirectoryStream<Path> child;
                try {
                    child = current.newDirectoryStream(name, NOFOLLOW);
                } catch (IOException e) {
                    throw notAFolder(current, name, next, String.join("/", folders.subList(0, i + 1)), e);
                }
                close(current);
                current = child;
                dir = next;
            }
            return new HandleWriteFolder(current, dir);
        } catch (RuntimeException e) {
            close(current);
            throw e;
        }
    }

    private static RuntimeException notAFolder(SecureDirectoryStream<Path> parent, Path name, Path next, String rel,
            IOException cause) {
        BasicFileAttributes a;
        try {
            a = parent.getFileAttributeView(name, BasicFileAttributeView.class, NOFOLLOW).readAttributes();
        } catch (IOException e) {
            return SafeFiles.ioError(next, "cannot open folder", cause);
        }
        if (a.isSymbolicLink()) {
            return SafeFiles.symlinkInPath(rel);
        }
        if (!a.isDirectory()) {
            return EncsyncException.localIo(next + ": a file is in the way of folder " + PathRules.escape(rel)
                    + " — move or remove it", cause);
        }
        return SafeFiles.ioError(next, "cannot open folder", cause);
    }

    @Override
    public Path path() {
        return dir;
    }

    @Override
    public SeekableByteChannel createFile(String name) throws IOException {
        return handle.newByteChannel(name(dir, name),
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, NOFOLLOW),
                SafeFiles.privateFileAttributes(dir));
    }

    @Override
    public BasicFileAttributes attributes(String name) throws IOException {
        try {
            return handle.getFileAttributeView(name(dir, name), BasicFileAttributeView.class, NOFOLLOW).readAttributes();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * Sets the time by path: the handle's view has only microsecond precision (futimes), while
     * rclone's local backend keeps nanoseconds. Done without following a link at the name; if the
     * name is not reachable by path (a folder on the way was swapped), the time is set through the
     * handle after all, at microsecond precision. The file is ours under a random name either way.
     */
    @Override
    public void setModTime(String name, Instant modTime) throws IOException {
        try {
            SafeFiles.setModTime(SafeFiles.child(dir, name, name), modTime, NOFOLLOW);
        } catch (IOException e) {
            FileTime time = FileTime.from(modTime);
            handle.getFileAttributeView(name(dir, name), BasicFileAttributeView.class, NOFOLLOW)
                    .setTimes(time, time, null);
        }
    }

    /** Through the handle (openat without following links, then fchmod): a swapped folder cannot redirect it. */
    @Override
    public void setMode(String name, int mode) {
        if (!SafeFiles.isPosix(dir)) {
            return;
        }
        try {
            handle.getFileAttributeView(name(dir, name), PosixFileAttributeView.class, NOFOLLOW)
                    .setPermissions(FileModes.toPermissions(mode));
        } catch (IOException | UnsupportedOperationException e) {
            // A file system that refuses modes (FAT, SMB mounts): the content is restored, its mode is not.
        }
    }

    @Override
    public void rename(String from, String to) throws IOException {
        // renameat within one folder handle: atomic, and never follows a link at either name.
        handle.move(name(dir, from), handle, name(dir, to));
    }

    @Override
    public void delete(String name) throws IOException {
        try {
            handle.deleteFile(name(dir, name));
        } catch (NoSuchFileException e) {
            // Already gone.
        }
    }

    @Override
    public void sync() {
        try (SeekableByteChannel ch = handle.newByteChannel(dir.getFileSystem().getPath("."), Set.of(StandardOpenOption.READ))) {
            if (ch instanceof FileChannel fc) {
                fc.force(true);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Durability of the rename only, never its atomicity.
        }
    }

    @Override
    public void close() {
        close(handle);
    }

    private static void close(DirectoryStream<Path> ds) {
        try {
            ds.close();
        } catch (IOException e) {
            // Closing a directory handle cannot lose data.
        }
    }

    /** A single-name relative path for handle operations, checked like every other segment. */
    private static Path name(Path dir, String segment) {
        SafeFiles.child(dir, segment, segment);
        return dir.getFileSystem().getPath(segment);
    }
}
