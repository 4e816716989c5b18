package io.encsync.jenkins.freestyle;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import io.encsync.jenkins.steps.TaskStep;
import io.encsync.jenkins.support.TaskContext;
import java.io.IOException;
import java.util.Objects;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jvnet.localizer.Localizable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The freestyle face of a {@link TaskStep}: the build step holds one instance of the Pipeline
 * step and runs it. Its form is the step's own form ({@code config.jelly} renders the nested step
 * with {@code f:property}), so fields, defaults, help texts and form checks exist once, on the
 * step; a new field is written once and appears in both. Text fields expand build variables here.
 *
 * <p>No {@code @Symbol} on the builders: in Pipeline the step itself is the way to call the action.
 */
@Restricted(NoExternalUse.class)
public abstract class TaskBuilder<S extends TaskStep> extends Builder implements SimpleBuildStep {
    private final S step;

    protected TaskBuilder(S step) {
        this.step = Objects.requireNonNull(step, "step");
    }

    public S getStep() {
        return step;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        step.perform(new TaskContext(run, workspace, listener, env));
    }

    /**
     * A builder's descriptor: the step's display name and help, applicable to every project type.
     * The display name is passed in rather than read from the step's descriptor: Jenkins sorts the
     * descriptor list by display name, and looking a descriptor up while it sorts would recurse.
     */
    public abstract static class BuilderDescriptor extends BuildStepDescriptor<Builder> {
        private final Class<? extends TaskStep> stepType;
        private final Localizable displayName;

        protected BuilderDescriptor(Class<? extends TaskStep> stepType, Localizable displayName) {
            this.stepType = stepType;
            this.displayName = displayName;
            addHelpFileRedirect(null, stepType, null);
        }

        /** The descriptor whose form, help and checks render the nested step. */
        public StepDescriptor getStepDescriptor() {
            return (StepDescriptor) Jenkins.get().getDescriptorOrDie(stepType);
        }

        @Override
        public String getDisplayName() {
            return displayName.toString();
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }
    }
}
