package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import java.util.List;
import java.util.Objects;

/** One artifact that was not archived or not restored: its path, the kind of failure, one line saying why. */
public record TransferFailure(String path, ErrorCategory category, String message) {
    public TransferFailure {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
    }

    /** Messages shown in full before the rest are counted. */
    static final int SHOWN = 10;

    /**
     * One exception for all failures: the worst category, the count, and the first
     * {@value #SHOWN} messages (each names its artifact).
     */
    static EncsyncException combined(String doing, List<TransferFailure> failures) {
        ErrorCategory worst = null;
        StringBuilder b = new StringBuilder();
        b.append(failures.size()).append(" artifact(s) ").append(doing).append(": ");
        for (int i = 0; i < failures.size(); i++) {
            worst = ErrorCategory.worst(worst, failures.get(i).category());
            if (i < SHOWN) {
                b.append(i == 0 ? "" : "; ").append(failures.get(i).message());
            }
        }
        if (failures.size() > SHOWN) {
            b.append("; and ").append(failures.size() - SHOWN).append(" more");
        }
        // Integrity failures keep their type, so callers can catch them as such.
        return worst == ErrorCategory.INTEGRITY ? new IntegrityException(b.toString())
                : new EncsyncException(worst, b.toString());
    }
}
