package io.encsync.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.TaskResult;
import java.io.IOException;

/**
 * What every step and build step provides: the core task for one run (credentials resolved,
 * options validated), and what to do on the controller with its result.
 */
interface TaskFactory {

    /** @throws AbortException with core's one-line message when an input is invalid */
    AgentTask createTask(Run<?, ?> run, FilePath workspace) throws AbortException;

    /** Controller-side follow-up, such as storing an issued access key as a credential. */
    default void afterTask(Run<?, ?> run, TaskListener listener, TaskResult result) throws IOException {
    }
}
