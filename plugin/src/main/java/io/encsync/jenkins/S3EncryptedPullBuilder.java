package io.encsync.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.tasks.Builder;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.PullTask;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Freestyle build step: pulls and decrypts a folder from S3 (as {@code s3EncryptedPull}). */
public class S3EncryptedPullBuilder extends AbstractS3Builder {
    private final String target;
    private long minGeneration;

    @DataBoundConstructor
    public S3EncryptedPullBuilder(String bucket, String target, String passwordCredentialsId) {
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

    @Extension
    @Symbol("s3EncryptedPullBuilder")
    public static class DescriptorImpl extends EncsyncBuildStepDescriptor<Builder> {
        public DescriptorImpl() {
            redirectHelp(S3EncryptedPullStep.class, "target", "minGeneration");
        }

        @Override
        public String getDisplayName() {
            return "Pull and decrypt a folder from S3";
        }
    }
}
