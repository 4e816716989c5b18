package io.encsync.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.tasks.Builder;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.PushTask;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** Freestyle build step: encrypts a workspace folder and syncs it to S3 (as {@code s3EncryptedPush}). */
public class S3EncryptedPushBuilder extends AbstractS3Builder {
    private final String source;

    @DataBoundConstructor
    public S3EncryptedPushBuilder(String source, String bucket, String passwordCredentialsId) {
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

    @Extension
    @Symbol("s3EncryptedPushBuilder")
    public static class DescriptorImpl extends EncsyncBuildStepDescriptor<Builder> {
        public DescriptorImpl() {
            redirectHelp(S3EncryptedPushStep.class, "source");
        }

        @Override
        public String getDisplayName() {
            return "Encrypt a workspace folder and push it to S3";
        }
    }
}
