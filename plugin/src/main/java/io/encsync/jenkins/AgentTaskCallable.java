package io.encsync.jenkins;

import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.CancellationSignal;
import io.encsync.core.task.TaskLog;
import io.encsync.core.task.TaskResult;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs a core task on the agent that holds the workspace, so files never travel through the
 * controller. Carries only the task (plain data, secrets in holders that never print) and the
 * build log. Aborting the build interrupts the controller thread waiting here; remoting forwards
 * the interrupt to the agent thread, which the task treats as cancellation.
 */
final class AgentTaskCallable extends MasterToSlaveFileCallable<TaskResult> {
    private static final long serialVersionUID = 1L;

    private final AgentTask task;
    private final TaskListener listener;

    AgentTaskCallable(AgentTask task, TaskListener listener) {
        this.task = task;
        this.listener = listener;
    }

    @Override
    public TaskResult invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return task.run(TaskLog.printingTo(listener.getLogger()), CancellationSignal.THREAD_INTERRUPT);
    }

    /** Runs {@code task} where {@code workspace} lives; core failures become one-line build errors. */
    static TaskResult run(FilePath workspace, TaskListener listener, AgentTask task)
            throws IOException, InterruptedException {
        listener.getLogger().println(task.describe());
        try {
            TaskResult result = workspace.act(new AgentTaskCallable(task, listener));
            listener.getLogger().println(result.summary());
            return result;
        } catch (io.encsync.core.EncsyncException e) {
            throw Failures.abort(e);
        }
    }
}
