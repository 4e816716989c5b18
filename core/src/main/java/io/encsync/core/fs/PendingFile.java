package io.encsync.core.fs;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * A file being written under a {@link SafeTarget}: bytes go to a temporary file beside the final
 * name; {@link #commit} makes them appear under the final name at once, {@link #abort} (or
 * {@link #close} without commit) leaves nothing. Not thread-safe; one writer per file.
 */
public final class PendingFile implements AutoCloseable {
    private final RelativePath path;
    private final Path temp;
    private final Path target;
    private FileChannel channel;
    private OutputStream output;
    private boolean finished;

    PendingFile(RelativePath path, Path temp, Path target) {
        this.path = path;
        this.temp = temp;
        this.target = target;
    }

    public RelativePath path() {
        return path;
    }

    /** The stream to write the content to. Closing it is optional; {@link #commit} flushes it. */
    public OutputStream output() {
        if (finished) {
            throw new IllegalStateException(path + " is already committed or aborted");
        }
        if (output == null) {
            try {
                channel = SafeFiles.openTemp(temp);
            } catch (IOException e) {
                throw SafeFiles.ioError(temp, "cannot open the temporary file", e);
            }
            output = Channels.newOutputStream(channel);
        }
        return output;
    }

    /**
     * Syncs the content to disk, sets the modification time and renames the temporary file over
     * the final name atomically.
     *
     * @throws IntegrityException when the final name is a symlink (it is left alone)
     * @throws EncsyncException (local I/O) when the final name is a folder, or writing fails
     */
    public void commit(Instant modTime) {
        if (finished) {
            throw new IllegalStateException(path + " is already committed or aborted");
        }
        try {
            output();
            channel.force(true);
            channel.close();
            BasicFileAttributes existing = SafeFiles.attributes(target);
            if (existing != null && existing.isSymbolicLink()) {
                throw new IntegrityException("symlink at destination: " + PathRules.escape(path.toString())
                        + " — remove it or restore elsewhere");
            }
            if (existing != null && existing.isDirectory()) {
                throw EncsyncException.localIo(PathRules.escape(path.toString())
                        + ": a folder is in the way of the file — move or remove the folder", null);
            }
            SafeFiles.commit(temp, target, modTime);
            finished = true;
        } catch (IOException e) {
            abort();
            throw SafeFiles.ioError(target, "cannot write", e);
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
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Deleting below is what matters.
            }
        }
        SafeFiles.deleteQuietly(temp);
    }

    /** Aborts unless committed, so try-with-resources leaves nothing behind on failure. */
    @Override
    public void close() {
        abort();
    }

    @Override
    public String toString() {
        return "PendingFile[" + PathRules.escape(path.toString()) + "]";
    }
}
