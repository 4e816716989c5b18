package io.encsync.core.fs;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Folders whose renames are not yet durable. Writers record the folder of each file they rename
 * into ({@link #add}); {@link #flush} then syncs each folder once, however many files landed in it.
 * On a disk, a folder sync per file would cost a journal commit per file; this costs one per
 * folder, and atomicity is the rename's either way. Thread-safe.
 */
public final class FolderSyncs {
    private final Set<Path> pending = ConcurrentHashMap.newKeySet();

    /** Records that a rename into {@code folder} must be made durable. */
    public void add(Path folder) {
        pending.add(folder);
    }

    /**
     * Syncs every recorded folder once, best effort (see {@link SafeFiles#syncDirectory}). A folder
     * recorded concurrently is synced by this flush or the next one.
     */
    public void flush() {
        for (Iterator<Path> it = pending.iterator(); it.hasNext(); ) {
            Path folder = it.next();
            it.remove();
            SafeFiles.syncDirectory(folder);
        }
    }

    /** How many folders wait for a sync. */
    public int pending() {
        return pending.size();
    }
}
