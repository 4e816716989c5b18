package io.encsync.jenkins.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import io.encsync.core.aws.S3Access;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.sync.SyncOptions;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.PushTask;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Messages;
import io.encsync.jenkins.support.TaskContext;
import io.encsync.jenkins.support.Texts;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * {@code s3EncryptedPush}: encrypts a workspace folder and syncs it to S3. Returns a map with
 * {@code transferred}, {@code unchanged}, {@code deleted}, {@code bytes}, {@code generation} and
 * {@code dryRun}. The post-build action "Encrypted backup to S3" holds one of these too.
 */
public class S3EncryptedPushStep extends AbstractS3Step {
    private final String source;

    @DataBoundConstructor
    public S3EncryptedPushStep(String source, S3Location s3, CryptRemote crypt) {
        super(s3, crypt);
        this.source = Texts.trimToNull(source);
    }

    @CheckForNull
    public String getSource() {
        return source;
    }

    @Override
    public AgentTask createTask(TaskContext c) throws AbortException {
        return pushTask(c, c.expand(source));
    }

    /** Pushes {@code folder} of {@code c}'s workspace (or whatever folder {@code c} runs in). */
    @Restricted(NoExternalUse.class)
    public AgentTask pushTask(TaskContext c, String folder) throws AbortException {
        CryptConfig crypt = cryptOptions(c);
        S3Access s3 = s3Access(c, true);
        String root = c.workspace().getRemote();
        return Failures.validated(() -> {
            SyncOptions options = transferOptions(c).build();
            return new PushTask(root, folder, s3, crypt, options);
        });
    }

    @Extension
    @Symbol("s3EncryptedPush")
    public static class DescriptorImpl extends EncsyncStepDescriptor {
        public DescriptorImpl() {
            super("s3EncryptedPush", Messages._S3EncryptedPushStep_DisplayName());
        }
    }
}
