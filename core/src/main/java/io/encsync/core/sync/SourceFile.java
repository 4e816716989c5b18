package io.encsync.core.sync;

import io.encsync.core.fs.LocalFile;
import io.encsync.core.fs.SafeFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * One file a push uploads: its plaintext path as stored (a link in {@code --links} mode becomes
 * {@code <name>.rclonelink} holding the link's target, as rclone stores it), size and mtime as
 * scanned, and how to read it.
 */
record SourceFile(String path, long size, long mtimeNanos, LocalFile local, boolean followLinks) {
    /** rclone's suffix for a symlink stored as a file ({@code --links}). */
    static final String LINK_SUFFIX = ".rclonelink";

    static SourceFile of(LocalFile f, boolean followLinks) {
        String path = f.kind() == LocalFile.Kind.LINK ? f.path() + LINK_SUFFIX : f.path().toString();
        return new SourceFile(path, f.size(), Times.toNanos(f.modTime()), f, followLinks);
    }

    /** The permission bits the manifest records ({@link io.encsync.core.fs.FileModes}). */
    int mode() {
        return local.mode();
    }

    /** A fresh stream over the content (for a link: its target text). */
    InputStream open() throws IOException {
        if (local.kind() == LocalFile.Kind.LINK) {
            return new ByteArrayInputStream(local.linkTarget().getBytes(StandardCharsets.UTF_8));
        }
        // Without --copy-links a file that was swapped for a link after the scan is not followed.
        return followLinks ? Files.newInputStream(local.absolute())
                : Channels.newInputStream(Files.newByteChannel(local.absolute(), StandardOpenOption.READ,
                        LinkOption.NOFOLLOW_LINKS));
    }

    /** Whether the file's size or mtime now differ from the scan (it changed while we read it). */
    boolean changedSinceScan() {
        if (local.kind() == LocalFile.Kind.LINK) {
            return false;
        }
        try {
            BasicFileAttributes a = followLinks ? Files.readAttributes(local.absolute(), BasicFileAttributes.class)
                    : SafeFiles.attributes(local.absolute());
            return a == null || a.size() != size || Times.toNanos(a.lastModifiedTime().toInstant()) != mtimeNanos;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
