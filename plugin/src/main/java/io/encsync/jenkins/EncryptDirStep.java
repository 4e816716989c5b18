package io.encsync.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.EncryptDirTask;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code encryptDir}: encrypts a workspace folder into another one in rclone crypt format. */
public class EncryptDirStep extends AbstractCryptStep {
    private final String source;
    private final String target;

    @DataBoundConstructor
    public EncryptDirStep(String source, String target, String passwordCredentialsId) {
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
        return Failures.validated(() -> new EncryptDirTask(workspace.getRemote(), source, target, crypt));
    }

    @Override
    public StepExecution start(StepContext context) {
        return new TaskStepExecution(this, context);
    }

    @Extension
    @Symbol("encryptDir")
    public static class DescriptorImpl extends EncsyncStepDescriptor {
        @Override
        public String getFunctionName() {
            return "encryptDir";
        }

        @Override
        public String getDisplayName() {
            return "Encrypt a workspace folder (rclone crypt format)";
        }
    }
}
