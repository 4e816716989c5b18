package io.encsync.core.task;

import java.io.Serializable;

/**
 * One front-end action, as a serializable payload that runs where the files are. Implementations
 * hold plain data only (see the package documentation), validate it on construction, and keep
 * secrets out of {@code toString}.
 */
public interface AgentTask extends Serializable {

    /**
     * Does the work.
     *
     * @throws io.encsync.core.EncsyncException with a one-line message for the user
     * @throws InterruptedException when {@code cancel} fired; whatever was written is whole objects only
     */
    TaskResult run(TaskLog log, CancellationSignal cancel) throws InterruptedException;

    /** One line saying what the task will do, without secrets, for the log before it starts. */
    String describe();
}
