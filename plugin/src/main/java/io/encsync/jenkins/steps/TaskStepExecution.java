package io.encsync.jenkins.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.encsync.jenkins.support.TaskContext;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one step on a background thread so the Pipeline (CPS) thread is never blocked; aborting
 * the build interrupts that thread, which cancels the task on the agent. The step's return value
 * is the task's result map.
 */
final class TaskStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    // Transient: the step holds only credential ids, but there is no reason to persist it with the
    // program state; a resumed build cannot resume a half-done transfer anyway.
    private final transient TaskStep step;

    TaskStepExecution(TaskStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        return step.perform(new TaskContext(context.get(Run.class), context.get(FilePath.class),
                context.get(TaskListener.class), null));
    }
}
