package io.encsync.jenkins;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.encsync.core.task.TaskResult;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one step's task on a background thread so the pipeline (CPS) thread is never blocked;
 * aborting the build interrupts that thread, which cancels the task on the agent. The step's
 * return value is the task's result map.
 */
final class TaskStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    // Transient: the step holds only credential ids, but there is no reason to persist it with the
    // program state; a resumed build cannot resume a half-done transfer anyway.
    private final transient TaskFactory factory;

    TaskStepExecution(TaskFactory factory, StepContext context) {
        super(context);
        this.factory = factory;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        Run<?, ?> run = getContext().get(Run.class);
        FilePath workspace = getContext().get(FilePath.class);
        TaskListener listener = getContext().get(TaskListener.class);
        TaskResult result = AgentTaskCallable.run(workspace, listener, factory.createTask(run, workspace));
        factory.afterTask(run, listener, result);
        return result.toMap();
    }
}
