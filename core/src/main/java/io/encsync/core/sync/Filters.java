package io.encsync.core.sync;

import io.encsync.core.EncsyncException;
import io.encsync.core.fs.PathFilter;
import java.util.function.Predicate;

/** The include/exclude globs of {@link SyncOptions} as a {@link PathFilter}. */
final class Filters {
    private Filters() {
    }

    /** @throws EncsyncException (usage) for a malformed glob */
    static PathFilter filter(SyncOptions options) {
        try {
            PathFilter.Builder b = PathFilter.builder();
            options.includes().forEach(b::include);
            options.excludes().forEach(b::exclude);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw EncsyncException.usage(e.getMessage());
        }
    }

    /** The filter as a predicate on plaintext relative paths. */
    static Predicate<String> compile(SyncOptions options) {
        PathFilter f = filter(options);
        return f::includes;
    }
}
