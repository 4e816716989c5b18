package io.encsync.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.PullTask;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code s3EncryptedPull}: fetches and decrypts what a push wrote into a workspace folder.
 * Returns the same kind of map as {@code s3EncryptedPush}.
 */
public class S3EncryptedPullStep extends AbstractS3Step {
    private final String target;
    private long minGeneration;

    @DataBoundConstructor
    public S3EncryptedPullStep(String bucket, String target, String passwordCredentialsId) {
        super(bucket, passwordCredentialsId);
        this.target = Util.trimToNull(target);
    }

    public String getTarget() {
        return target;
    }

    public long getMinGeneration() {
        return minGeneration;
    }

    @DataBoundSetter
    public void setMinGeneration(long minGeneration) {
        this.minGeneration = minGeneration;
    }

    @Override
    public AgentTask createTask(Run<?, ?> run, FilePath workspace) throws AbortException {
        var crypt = cryptOptions(run);
        var s3 = s3Access(run);
        return Failures.validated(() -> new PullTask(workspace.getRemote(), target, s3, crypt,
                transferOptions().minGeneration(minGeneration).build()));
    }

    @Override
    public StepExecution start(StepContext context) {
        return new TaskStepExecution(this, context);
    }

    @Extension
    @Symbol("s3EncryptedPull")
    public static class DescriptorImpl extends EncsyncStepDescriptor {
        @Override
        public String getFunctionName() {
            return "s3EncryptedPull";
        }

        @Override
        public String getDisplayName() {
            return "Pull and decrypt a folder from S3";
        }
    }
}
