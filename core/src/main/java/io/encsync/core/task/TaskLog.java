package io.encsync.core.task;

import io.encsync.core.LogText;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Where a task reports progress: one line per call, for a human (a Jenkins console, a terminal).
 * Never given a secret. Names of files or objects go through {@link LogText#name(String)} first.
 */
@FunctionalInterface
public interface TaskLog {

    void line(String text);

    /** Writes each line to {@code out} (a build log stream), flushing so a watcher sees it at once. */
    static TaskLog printingTo(PrintStream out) {
        Objects.requireNonNull(out, "out");
        return text -> {
            out.println(text);
            out.flush();
        };
    }

    /** Drops everything (for callers that only want the result). */
    static TaskLog silent() {
        return text -> { };
    }
}
