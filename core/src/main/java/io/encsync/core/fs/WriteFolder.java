package io.encsync.core.fs;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * The folder a {@link PendingFile} is written in, addressed by plain names. Two implementations:
 * {@link HandleWriteFolder} holds an open handle on the folder (openat-style, where the platform
 * offers {@link java.nio.file.SecureDirectoryStream}), so a folder swapped for a link after it was
 * checked cannot redirect the write; {@link PathWriteFolder} works by path everywhere else.
 */
interface WriteFolder extends Closeable {

    /** The folder's path, for messages. */
    Path path();

    /** Creates {@code name} exclusively, never through a link, private to the owner, open for writing. */
    SeekableByteChannel createFile(String name) throws IOException;

    /** Attributes of {@code name} without following a link; null when absent. */
    BasicFileAttributes attributes(String name) throws IOException;

    void setModTime(String name, Instant modTime) throws IOException;

    /**
     * Sets the permission bits of {@code name} ({@link FileModes}), not following a link; skipped
     * where the file system has no POSIX permissions or refuses the change (a restore never fails
     * for a mode).
     */
    void setMode(String name, int mode);

    /** Renames {@code from} over {@code to} atomically, replacing a file (or a link itself) at {@code to}. */
    void rename(String from, String to) throws IOException;

    void delete(String name) throws IOException;

    /** Best effort: makes a rename durable. */
    void sync();

    @Override
    void close();
}
