package io.encsync.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.ProvisionMode;
import io.encsync.core.task.TaskResult;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code provisionPrivateBucket}: plans, creates or destroys a private bucket and an IAM user that
 * may sync under it. On apply, the user's new access key goes straight into an AWS credential with
 * id {@code credentialsIdForNewKey}; it is never printed and never part of the returned map.
 */
public class ProvisionPrivateBucketStep extends Step implements TaskFactory, ProvisionInputs {
    private final String bucket;
    private final String region;
    private String awsCredentialsId;
    private String userName;
    private String userPath;
    private boolean versioning = true;
    private boolean tlsOnly = true;
    private String mode = ProvisionMode.APPLY.value();
    private boolean force;
    private String credentialsIdForNewKey;
    private String endpoint;

    @DataBoundConstructor
    public ProvisionPrivateBucketStep(String bucket, String region) {
        this.bucket = Util.trimToNull(bucket);
        this.region = Util.trimToNull(region);
    }

    public String getBucket() {
        return bucket;
    }

    public String getRegion() {
        return region;
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
    public String getUserName() {
        return userName;
    }

    @DataBoundSetter
    public void setUserName(String userName) {
        this.userName = Util.trimToNull(userName);
    }

    @CheckForNull
    public String getUserPath() {
        return userPath;
    }

    @DataBoundSetter
    public void setUserPath(String userPath) {
        this.userPath = Util.trimToNull(userPath);
    }

    public boolean isVersioning() {
        return versioning;
    }

    @DataBoundSetter
    public void setVersioning(boolean versioning) {
        this.versioning = versioning;
    }

    public boolean isTlsOnly() {
        return tlsOnly;
    }

    @DataBoundSetter
    public void setTlsOnly(boolean tlsOnly) {
        this.tlsOnly = tlsOnly;
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = Util.orDefault(mode, ProvisionMode.APPLY.value());
    }

    public boolean isForce() {
        return force;
    }

    @DataBoundSetter
    public void setForce(boolean force) {
        this.force = force;
    }

    @CheckForNull
    public String getCredentialsIdForNewKey() {
        return credentialsIdForNewKey;
    }

    @DataBoundSetter
    public void setCredentialsIdForNewKey(String credentialsIdForNewKey) {
        this.credentialsIdForNewKey = Util.trimToNull(credentialsIdForNewKey);
    }

    @CheckForNull
    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = Util.trimToNull(endpoint);
    }

    @Override
    public AgentTask createTask(Run<?, ?> run, FilePath workspace) throws AbortException {
        return Provisioning.task(run, this);
    }

    @Override
    public void afterTask(Run<?, ?> run, TaskListener listener, TaskResult result) throws IOException {
        Provisioning.after(run, listener, this, result);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new TaskStepExecution(this, context);
    }

    @Extension
    @Symbol("provisionPrivateBucket")
    public static class DescriptorImpl extends EncsyncStepDescriptor {
        @Override
        public String getFunctionName() {
            return "provisionPrivateBucket";
        }

        @Override
        public String getDisplayName() {
            return "Provision a private S3 bucket and a user for encrypted sync";
        }

        @POST
        public ListBoxModel doFillModeItems(@AncestorInPath Item item) {
            return Forms.modeItems();
        }

        @POST
        public FormValidation doCheckCredentialsIdForNewKey(@AncestorInPath Item item, @QueryParameter String value,
                @QueryParameter String mode) {
            return Forms.checkNewKeyId(item, value, mode);
        }
    }
}
