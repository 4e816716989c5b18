package io.encsync.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.DecryptDirTask;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code decryptDir}: decrypts a workspace folder in rclone crypt format into another one. */
public class DecryptDirStep extends AbstractCryptStep {
    private final String source;
    private final String target;

    @DataBoundConstructor
    public DecryptDirStep(String source, String target, String passwordCredentialsId) {
        super(passwordCredentialsId);
        this.source = Util.trimToNull(source);
        this.target = Util.trimToNull(target);
    }

    public String getSource() {
        return source;
    }

    public String getTarget() {
        return target;
    }

    @Override
    public AgentTask createTask(Run<?, ?> run, FilePath workspace) throws AbortException {
        var crypt = cryptOptions(run);
        return Failures.validated(() -> new DecryptDirTask(workspace.getRemote(), source, target, crypt));
    }

    @Override
    public StepExecution start(StepContext context) {
        return new TaskStepExecution(this, context);
    }

    @Extension
    @Symbol("decryptDir")
    public static class DescriptorImpl extends EncsyncStepDescriptor {
        @Override
        public String getFunctionName() {
            return "decryptDir";
        }

        @Override
        public String getDisplayName() {
            return "Decrypt a workspace folder (rclone crypt format)";
        }
    }
}
