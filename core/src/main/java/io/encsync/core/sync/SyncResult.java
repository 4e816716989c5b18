package io.encsync.core.sync;

import io.encsync.core.ErrorCategory;
import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a push or pull: counts, plaintext bytes moved, wall time, the manifest generation
 * (written by a push, verified by a pull; 0 when there is none) and every file error. In a dry run
 * the counts are what a real run would do. Serializable so an agent task can return it.
 */
public final class SyncResult implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long transferred;
    private final long unchanged;
    private final long deleted;
    private final long bytes;
    private final double seconds;
    private final long generation;
    private final boolean dryRun;
    private final List<FileError> errors;

    SyncResult(long transferred, long unchanged, long deleted, long bytes, double seconds, long generation,
               boolean dryRun, List<FileError> errors) {
        this.transferred = transferred;
        this.unchanged = unchanged;
        this.deleted = deleted;
        this.bytes = bytes;
        this.seconds = seconds;
        this.generation = generation;
        this.dryRun = dryRun;
        this.errors = List.copyOf(errors);
    }

    /** Files uploaded (push) or restored (pull). */
    public long transferred() {
        return transferred;
    }

    /** Files already identical on both sides. */
    public long unchanged() {
        return unchanged;
    }

    /** Files deleted from the destination. */
    public long deleted() {
        return deleted;
    }

    /** Plaintext bytes transferred. */
    public long bytes() {
        return bytes;
    }

    public double seconds() {
        return seconds;
    }

    /** The manifest generation now on the remote (push) or restored from (pull); 0 = no manifest. */
    public long generation() {
        return generation;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Every file that failed, in path order. */
    public List<FileError> errors() {
        return errors;
    }

    /** The most severe error category, or null when every file succeeded. */
    public ErrorCategory worstCategory() {
        ErrorCategory worst = null;
        for (FileError e : errors) {
            worst = ErrorCategory.worst(worst, e.category());
        }
        return worst;
    }

    /** The summary as plain data for {@code --json}: keys transferred, unchanged, deleted, bytes, seconds, errors (a list of
     * {path, category, message}), generation. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("transferred", transferred);
        m.put("unchanged", unchanged);
        m.put("deleted", deleted);
        m.put("bytes", bytes);
        m.put("seconds", seconds);
        m.put("errors", errors.stream().map(e -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", e.path());
            row.put("category", e.category().name());
            row.put("message", e.message());
            return row;
        }).toList());
        m.put("generation", generation);
        return m;
    }

    @Override
    public String toString() {
        return "SyncResult" + toMap() + (dryRun ? " (dry run)" : "");
    }
}
