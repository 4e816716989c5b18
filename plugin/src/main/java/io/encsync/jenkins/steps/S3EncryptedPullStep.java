package io.encsync.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import io.encsync.core.aws.S3Access;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.sync.SyncOptions;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.PullTask;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Messages;
import io.encsync.jenkins.support.TaskContext;
import io.encsync.jenkins.support.Texts;
import org.jenkinsci.Symbol;
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
    public S3EncryptedPullStep(S3Location s3, String target, CryptRemote crypt) {
        super(s3, crypt);
        this.target = Texts.trimToNull(target);
    }

    public String getTarget() {
        return target;
    }

    /** Default 0: any generation. */
    public long getMinGeneration() {
        return minGeneration;
    }

    @DataBoundSetter
    public void setMinGeneration(long minGeneration) {
        this.minGeneration = minGeneration;
    }

    @Override
    public AgentTask createTask(TaskContext c) throws AbortException {
        CryptConfig crypt = cryptOptions(c);
        S3Access s3 = s3Access(c, false);
        String root = c.workspace().getRemote();
        String folder = c.expand(target);
        return Failures.validated(() -> {
            SyncOptions options = transferOptions(c).minGeneration(minGeneration).build();
            return new PullTask(root, folder, s3, crypt, options);
        });
    }

    @Extension
    @Symbol("s3EncryptedPull")
    public static class DescriptorImpl extends EncsyncStepDescriptor {
        public DescriptorImpl() {
            super("s3EncryptedPull", Messages._S3EncryptedPullStep_DisplayName());
        }
    }
}
