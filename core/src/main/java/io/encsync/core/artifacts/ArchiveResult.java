package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one archive: the manifest generation now in force (record it, e.g. in the build,
 * and pass it as the minimum when reading, so a rolled-back manifest is refused), how many files
 * and plaintext bytes this archive added, and the files that failed (left out of the manifest).
 */
public record ArchiveResult(ArtifactSet set, long generation, int archived, long bytes, List<TransferFailure> failures) {
    public ArchiveResult {
        Objects.requireNonNull(set, "set");
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failures.isEmpty();
    }

    /** @throws EncsyncException naming every failed artifact (up to ten), with the worst category */
    public void throwIfFailed() {
        if (!failures.isEmpty()) {
            throw TransferFailure.combined("of " + set.label() + " were not archived", failures);
        }
    }
}
