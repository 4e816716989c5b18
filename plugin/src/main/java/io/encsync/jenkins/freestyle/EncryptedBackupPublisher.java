package io.encsync.jenkins.freestyle;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import io.encsync.jenkins.EncsyncConfiguration;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.steps.EncsyncStepDescriptor;
import io.encsync.jenkins.steps.S3EncryptedPushStep;
import io.encsync.jenkins.support.AgentTaskCallable;
import io.encsync.jenkins.support.Messages;
import io.encsync.jenkins.support.TaskContext;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import jenkins.model.Jenkins;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Post-build action "Encrypted backup to S3": at the end of the build, pushes the build's archived
 * artifacts (when the push's folder is empty) or that workspace folder encrypted to a bucket and
 * prefix; text fields expand build variables, e.g. {@code builds/${BUILD_NUMBER}}. Its settings are
 * a {@link S3EncryptedPushStep}'s, held and rendered as a nested object, so they exist once.
 *
 * <p>Archived artifacts sit on the controller's disk, so for them the task runs in the
 * controller's JVM; a workspace folder is pushed on the agent. Either way no file crosses the
 * remoting channel. In the controller the job's choices meet the controller's JVM, so an AWS
 * credential with its own keys is required ({@link CredentialLookup#aws}) and the endpoint must be
 * AWS or one an administrator allows ({@link EncsyncConfiguration#getControllerEndpoints()}).
 * Running it on an agent instead would move the archived files over the channel to that agent.
 *
 * <p>Order: it must run after "Archive the artifacts". Jenkins runs a freestyle job's post-build
 * actions in list order, and the configuration page inserts each new action at the position its
 * descriptor has among all publishers: recorders before notifiers, then by {@code @Extension}
 * ordinal (higher first), then by display name. ArtifactArchiver (and Fingerprinter) have ordinal
 * 0; this one has {@value #ORDINAL}, so it sorts after them whatever its display name.
 */
public class EncryptedBackupPublisher extends Recorder implements SimpleBuildStep {
    static final double ORDINAL = -100;

    private final S3EncryptedPushStep push;
    private boolean onFailure;

    @DataBoundConstructor
    public EncryptedBackupPublisher(S3EncryptedPushStep push) {
        this.push = Objects.requireNonNull(push, "push");
    }

    public S3EncryptedPushStep getPush() {
        return push;
    }

    public boolean isOnFailure() {
        return onFailure;
    }

    /** Also back up when the build failed (by default only successful and unstable builds are). */
    @DataBoundSetter
    public void setOnFailure(boolean onFailure) {
        this.onFailure = onFailure;
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        Result result = run.getResult();
        if (!onFailure && result != null && result.isWorseThan(Result.UNSTABLE)) {
            listener.getLogger().println(Messages.EncryptedBackupPublisher_Skipped(result));
            return;
        }
        TaskContext c = new TaskContext(run, workspace, listener, env);
        String folder = c.expand(push.getSource());
        if (folder == null) {
            c = c.in(archivedArtifacts(run));
            folder = ".";
        }
        AgentTaskCallable.run(c, push.pushTask(c, folder));
    }

    private static FilePath archivedArtifacts(Run<?, ?> run) throws IOException, InterruptedException {
        URI uri = run.getArtifactManager().root().toURI();
        if (!"file".equals(uri.getScheme())) {
            throw new AbortException(Messages.EncryptedBackupPublisher_ArtifactsElsewhere(uri.getScheme()));
        }
        File dir = new File(uri);
        if (!dir.isDirectory()) {
            throw new AbortException(Messages.EncryptedBackupPublisher_NoArtifacts());
        }
        return new FilePath(dir);
    }

    @Extension(ordinal = ORDINAL)
    @Symbol("encryptedBackupToS3")
    public static class DescriptorImpl extends BuildStepDescriptor<Publisher> {

        /** The descriptor whose form, help and checks render the nested push. */
        public EncsyncStepDescriptor getPushDescriptor() {
            return Jenkins.get().getDescriptorByType(S3EncryptedPushStep.DescriptorImpl.class);
        }

        @Override
        public String getDisplayName() {
            return Messages.EncryptedBackupPublisher_DisplayName();
        }

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }
    }
}
