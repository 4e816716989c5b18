package io.encsync.core.fs;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * A file being written under a {@link SafeTarget}: bytes go to a temporary file beside the final
 * name; {@link #commit} makes them appear under the final name at once, {@link #abort} (or
 * {@link #close} without commit) leaves nothing. Holds the folder open until then, so always close
 * it (try-with-resources). Not thread-safe; one writer per file.
 */
public final class PendingFile implements AutoCloseable {
    private final RelativePath path;
    private final WriteFolder folder;
    private final String tempName;
    private final SeekableByteChannel channel;
    private final OutputStream output;
    private boolean finished;

    PendingFile(RelativePath path, WriteFolder folder, String tempName, SeekableByteChannel channel) {
        this.path = path;
        this.folder = folder;
        this.tempName = tempName;
        this.channel = channel;
        this.output = new SyncingOutputStream(channel);
    }

    public RelativePath path() {
        return path;
    }

    /** The stream to write the content to. Closing it is optional; {@link #commit} flushes it. */
    public OutputStream output() {
        if (finished) {
            throw new IllegalStateException(path + " is already committed or aborted");
        }
        return output;
    }

    /**
     * Syncs the content to disk, sets the modification time and renames the temporary file over
     * the final name atomically. The rename is durable once the {@link SafeTarget} is closed. The
     * file keeps the private mode 0600 it was created with.
     *
     * @throws IntegrityException when the final name is a symlink (it is left alone)
     * @throws EncsyncException (local I/O) when the final name is a folder, or writing fails
     */
    public void commit(Instant modTime) {
        commit(modTime, -1);
    }

    /**
     * As {@link #commit(Instant)}, and gives the file the permission bits {@code mode} (0 to
     * 0777, as recorded: exactly, not filtered by the umask, as Jenkins' {@code FilePath.untar}
     * does) on the temporary file, before the rename: the final name never has other bits. Where
     * the file system has no POSIX permissions, or refuses them, the mode is skipped.
     *
     * @param mode the permission bits, or -1 to keep 0600
     */
    public void commit(Instant modTime, int mode) {
        if (mode != -1 && !FileModes.isValid(mode)) {
            throw new IllegalArgumentException("mode must be between 0 and 0777, was " + mode);
        }
        if (finished) {
            throw new IllegalStateException(path + " is already committed or aborted");
        }
        String name = path.name();
        try {
            output.close();
            BasicFileAttributes existing = folder.attributes(name);
            if (existing != null && existing.isSymbolicLink()) {
                throw new IntegrityException("symlink at destination: " + PathRules.escape(path.toString())
                        + " — remove it or restore elsewhere");
            }
            if (existing != null && existing.isDirectory()) {
                throw EncsyncException.localIo(PathRules.escape(path.toString())
                        + ": a folder is in the way of the file — move or remove the folder", null);
            }
            folder.setModTime(tempName, modTime);
            if (mode != -1) {
                folder.setMode(tempName, mode);
            }
            folder.rename(tempName, name);
            folder.sync();
            finished = true;
            folder.close();
        } catch (IOException e) {
            abort();
            throw SafeFiles.ioError(folder.path().resolve(name), "cannot write", e);
        } catch (RuntimeException e) {
            abort();
            throw e;
        }
    }

    /** Deletes the temporary file; the final name is untouched. Safe to call more than once. */
    public void abort() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            channel.close();
        } catch (IOException e) {
            // Deleting below is what matters.
        }
        try {
            folder.delete(tempName);
        } catch (IOException e) {
            // A leftover temporary file is removed by the next cleanupTemps().
        } finally {
            folder.close();
        }
    }

    /** Aborts unless committed, so try-with-resources leaves nothing behind on failure. */
    @Override
    public void close() {
        abort();
    }

    /** Closing syncs to disk first, so a caller that closes the stream before commit loses nothing. */
    private static final class SyncingOutputStream extends java.io.FilterOutputStream {
        private final SeekableByteChannel channel;

        SyncingOutputStream(SeekableByteChannel channel) {
            super(Channels.newOutputStream(channel));
            this.channel = channel;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                if (channel instanceof FileChannel fc) {
                    fc.force(true);
                }
                channel.close();
            }
        }
    }

    @Override
    public String toString() {
        return "PendingFile[" + PathRules.escape(path.toString()) + "]";
    }
}
