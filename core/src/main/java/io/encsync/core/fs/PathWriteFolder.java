package io.encsync.core.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A {@link WriteFolder} addressed by path: checked once when opened (see {@link SafeFiles}). */
final class PathWriteFolder implements WriteFolder {
    private final Path dir;

    private PathWriteFolder(Path dir) {
        this.dir = dir;
    }

    static PathWriteFolder open(Path root, List<String> folders, String shown) {
        return new PathWriteFolder(SafeFiles.ensureDirectories(root, folders, shown));
    }

    @Override
    public Path path() {
        return dir;
    }

    @Override
    public SeekableByteChannel createFile(String name) throws IOException {
        return FileChannel.open(SafeFiles.child(dir, name, name),
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                SafeFiles.privateFileAttributes(dir));
    }

    @Override
    public BasicFileAttributes attributes(String name) {
        return SafeFiles.attributes(SafeFiles.child(dir, name, name));
    }

    @Override
    public void setModTime(String name, Instant modTime) throws IOException {
        SafeFiles.setModTime(SafeFiles.child(dir, name, name), modTime, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void setMode(String name, int mode) {
        SafeFiles.setMode(SafeFiles.child(dir, name, name), mode);
    }

    @Override
    public void rename(String from, String to) throws IOException {
        Files.move(SafeFiles.child(dir, from, from), SafeFiles.child(dir, to, to), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(SafeFiles.child(dir, name, name));
    }

    @Override
    public void sync() {
        SafeFiles.syncDirectory(dir);
    }

    @Override
    public void close() {
    }
}
