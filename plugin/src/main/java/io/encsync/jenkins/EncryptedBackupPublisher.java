package io.encsync.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.CryptOptions;
import io.encsync.core.task.PushTask;
import io.encsync.core.task.S3Access;
import io.encsync.core.task.TransferOptions;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Post-build action "Encrypted backup to S3": at the end of the build, pushes the build's archived
 * artifacts (or the workspace files matching {@code workspaceGlob}) encrypted to a bucket and a
 * prefix that may use build variables such as {@code builds/${BUILD_NUMBER}}.
 *
 * <p>Archived artifacts already sit on the controller's disk, so for them the task runs there; a
 * workspace glob runs on the agent. Either way no file crosses the remoting channel.
 */
public class EncryptedBackupPublisher extends Recorder implements SimpleBuildStep {
    private final String bucket;
    private final String passwordCredentialsId;
    private String workspaceGlob;
    private String prefix;
    private String region;
    private String endpoint;
    private boolean pathStyle;
    private String awsCredentialsId;
    private String password2CredentialsId;
    private String filenameEncryption = CryptOptions.DEFAULT_FILENAME_ENCRYPTION;
    private String filenameEncoding = CryptOptions.DEFAULT_FILENAME_ENCODING;
    private boolean directoryNameEncryption = true;
    private boolean onFailure;

    @DataBoundConstructor
    public EncryptedBackupPublisher(String bucket, String passwordCredentialsId) {
        this.bucket = Util.trimToNull(bucket);
        this.passwordCredentialsId = Util.trimToNull(passwordCredentialsId);
    }

    public String getBucket() {
        return bucket;
    }

    public String getPasswordCredentialsId() {
        return passwordCredentialsId;
    }

    @CheckForNull
    public String getWorkspaceGlob() {
        return workspaceGlob;
    }

    /** Blank: the archived artifacts. Otherwise comma-separated globs relative to the workspace. */
    @DataBoundSetter
    public void setWorkspaceGlob(String workspaceGlob) {
        this.workspaceGlob = Util.trimToNull(workspaceGlob);
    }

    @CheckForNull
    public String getPrefix() {
        return prefix;
    }

    @DataBoundSetter
    public void setPrefix(String prefix) {
        this.prefix = Util.trimToNull(prefix);
    }

    @CheckForNull
    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Util.trimToNull(region);
    }

    @CheckForNull
    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = Util.trimToNull(endpoint);
    }

    public boolean isPathStyle() {
        return pathStyle;
    }

    @DataBoundSetter
    public void setPathStyle(boolean pathStyle) {
        this.pathStyle = pathStyle;
    }

    @CheckForNull
    public String getAwsCredentialsId() {
        return awsCredentialsId;
    }

    @DataBoundSetter
    public void setAwsCredentialsId(String awsCredentialsId) {
        this.awsCredentialsId = Util.trimToNull(awsCredentialsId);
    }

    @CheckForNull
    public String getPassword2CredentialsId() {
        return password2CredentialsId;
    }

    @DataBoundSetter
    public void setPassword2CredentialsId(String password2CredentialsId) {
        this.password2CredentialsId = Util.trimToNull(password2CredentialsId);
    }

    public String getFilenameEncryption() {
        return filenameEncryption;
    }

    @DataBoundSetter
    public void setFilenameEncryption(String filenameEncryption) {
        this.filenameEncryption = Util.orDefault(filenameEncryption, CryptOptions.DEFAULT_FILENAME_ENCRYPTION);
    }

    public String getFilenameEncoding() {
        return filenameEncoding;
    }

    @DataBoundSetter
    public void setFilenameEncoding(String filenameEncoding) {
        this.filenameEncoding = Util.orDefault(filenameEncoding, CryptOptions.DEFAULT_FILENAME_ENCODING);
    }

    public boolean isDirectoryNameEncryption() {
        return directoryNameEncryption;
    }

    @DataBoundSetter
    public void setDirectoryNameEncryption(boolean directoryNameEncryption) {
        this.directoryNameEncryption = directoryNameEncryption;
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
            listener.getLogger().println("Encrypted backup to S3 skipped: the build " + result
                    + " (tick 'Also back up failed builds' to change this)");
            return;
        }
        String expandedPrefix = prefix == null ? null : env.expand(prefix);
        CryptOptions crypt = Inputs.crypt(run, passwordCredentialsId, password2CredentialsId, filenameEncryption,
                filenameEncoding, directoryNameEncryption);
        S3Access s3 = Inputs.s3(run, bucket, expandedPrefix, region, endpoint, pathStyle, awsCredentialsId);
        FilePath root;
        TransferOptions options;
        if (workspaceGlob == null) {
            root = archivedArtifacts(run);
            options = Failures.validated(() -> TransferOptions.builder().build());
        } else {
            root = workspace;
            options = Failures.validated(() -> TransferOptions.builder()
                    .includes(TransferOptions.splitList(workspaceGlob)).build());
        }
        AgentTask task = Failures.validated(() -> new PushTask(root.getRemote(), ".", s3, crypt, options));
        AgentTaskCallable.run(root, listener, task);
    }

    private static FilePath archivedArtifacts(Run<?, ?> run) throws IOException, InterruptedException {
        URI uri = run.getArtifactManager().root().toURI();
        if (!"file".equals(uri.getScheme())) {
            throw new AbortException("Encrypted backup to S3: this Jenkins keeps archived artifacts outside the"
                    + " controller's disk (" + uri.getScheme() + ") — set 'Workspace files' to back up from the workspace");
        }
        File dir = new File(uri);
        if (!dir.isDirectory()) {
            throw new AbortException("Encrypted backup to S3: the build archived no artifacts — add 'Archive the"
                    + " artifacts' before this action, or set 'Workspace files'");
        }
        return new FilePath(dir);
    }

    @Extension
    @Symbol("encryptedBackupToS3")
    public static class DescriptorImpl extends EncsyncBuildStepDescriptor<Publisher> {

        @Override
        public String getDisplayName() {
            return "Encrypted backup to S3";
        }
    }
}
