package io.encsync.jenkins.steps;

import hudson.AbortException;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.TaskResult;
import io.encsync.jenkins.support.AgentTaskCallable;
import io.encsync.jenkins.support.TaskContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One action of the plugin, in one place: its fields (with their defaults, help files and form
 * checks, on its descriptor), how they map to a core task, and what the controller does with the
 * result. The Pipeline step is this class; the freestyle build step ({@code freestyle.TaskBuilder}) and the
 * post-build action hold an instance of it and run it the same way.
 */
@Restricted(NoExternalUse.class)
public abstract class TaskStep extends Step {

    /**
     * The core task for {@code c}: text fields expanded, credentials resolved, options validated,
     * and every check that must come before the work done (nothing has happened yet).
     *
     * @throws AbortException with a one-line message when an input is invalid
     */
    @Restricted(NoExternalUse.class)
    public abstract AgentTask createTask(TaskContext c) throws IOException, InterruptedException;

    /** Controller-side follow-up, such as storing an issued access key as a credential. */
    void afterTask(TaskContext c, TaskResult result) throws IOException {
    }

    /** Runs this action for {@code c} and returns the result map a Pipeline step returns. */
    @Restricted(NoExternalUse.class)
    public final LinkedHashMap<String, Object> perform(TaskContext c) throws IOException, InterruptedException {
        TaskResult result = AgentTaskCallable.run(c, createTask(c));
        afterTask(c, result);
        return result.toMap();
    }

    @Override
    public StepExecution start(StepContext context) {
        return new TaskStepExecution(this, context);
    }
}
