package io.encsync.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.PushTask;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code s3EncryptedPush}: encrypts a workspace folder and syncs it to S3. Returns a map with
 * {@code transferred}, {@code unchanged}, {@code deleted}, {@code bytes} and {@code generation}.
 */
public class S3EncryptedPushStep extends AbstractS3Step {
    private final String source;

    @DataBoundConstructor
    public S3EncryptedPushStep(String source, String bucket, String passwordCredentialsId) {
        super(bucket, passwordCredentialsId);
        this.source = Util.trimToNull(source);
    }

    public String getSource() {
        return source;
    }

    @Override
    public AgentTask createTask(Run<?, ?> run, FilePath workspace) throws AbortException {
        var crypt = cryptOptions(run);
        var s3 = s3Access(run);
        return Failures.validated(() -> new PushTask(workspace.getRemote(), source, s3, crypt,
                transferOptions().build()));
    }

    @Override
    public StepExecution start(StepContext context) {
        return new TaskStepExecution(this, context);
    }

    @Extension
    @Symbol("s3EncryptedPush")
    public static class DescriptorImpl extends EncsyncStepDescriptor {
        @Override
        public String getFunctionName() {
            return "s3EncryptedPush";
        }

        @Override
        public String getDisplayName() {
            return "Encrypt a workspace folder and push it to S3";
        }
    }
}
