package io.encsync.jenkins.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.IssuedKey;
import io.encsync.core.provision.ProvisionRequest;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.ProvisionMode;
import io.encsync.core.task.ProvisionTask;
import io.encsync.core.task.TaskResult;
import io.encsync.jenkins.EncsyncConfiguration;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.credentials.IssuedKeyStore;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Forms;
import io.encsync.jenkins.support.Messages;
import io.encsync.jenkins.support.Proxies;
import io.encsync.jenkins.support.TaskContext;
import io.encsync.jenkins.support.Texts;
import io.encsync.jenkins.settings.S3Location;
import java.io.IOException;
import java.util.Objects;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code provisionPrivateBucket}: plans, creates or destroys a private bucket and an IAM user that
 * may sync under it. On apply, the user's new access key goes straight into an AWS credential with
 * id {@code credentialsIdForNewKey}; it is never printed and never part of the returned map.
 *
 * <p>Order matters: AWS shows a new secret key once, so every check on where it will be stored
 * (the store, the build's permission, the SYSTEM rule, that an existing credential of that id is
 * provisioning's own for this bucket) runs before the task creates anything.
 */
public class ProvisionPrivateBucketStep extends TaskStep {
    private S3Location s3;
    private String userName;
    private String userPath;
    private Boolean versioning;
    private Boolean tlsOnly;
    private String mode;
    private boolean force;
    private String credentialsIdForNewKey;

    /** Flat fields of XML written before settings were composed; {@link #readResolve} moves them. */
    @Deprecated
    private transient String bucket;
    @Deprecated
    private transient String region;
    @Deprecated
    private transient String awsCredentialsId;
    @Deprecated
    private transient String endpoint;

    /**
     * @param s3 the bucket to create and its region (required here), the administrator credential
     *     that may create it, and for an S3-compatible server its endpoint; no prefix
     */
    @DataBoundConstructor
    public ProvisionPrivateBucketStep(S3Location s3) {
        this.s3 = Objects.requireNonNullElseGet(s3, () -> new S3Location(null));
    }

    public S3Location getS3() {
        return s3;
    }

    protected Object readResolve() {
        if (s3 == null) {
            s3 = new S3Location(bucket);
            s3.setRegion(region);
            s3.setAwsCredentialsId(awsCredentialsId);
            s3.setEndpoint(endpoint);
        }
        return this;
    }

    @CheckForNull
    public String getUserName() {
        return userName;
    }

    @DataBoundSetter
    public void setUserName(String userName) {
        this.userName = Texts.trimToNull(userName);
    }

    @CheckForNull
    public String getUserPath() {
        return userPath;
    }

    @DataBoundSetter
    public void setUserPath(String userPath) {
        this.userPath = Texts.trimToNull(userPath);
    }

    /** Default true. */
    public boolean isVersioning() {
        return versioning == null || versioning;
    }

    @DataBoundSetter
    public void setVersioning(boolean versioning) {
        this.versioning = versioning;
    }

    /** Default true: only an emulator speaking plain http needs false. */
    public boolean isTlsOnly() {
        return tlsOnly == null || tlsOnly;
    }

    @DataBoundSetter
    public void setTlsOnly(boolean tlsOnly) {
        this.tlsOnly = tlsOnly;
    }

    /** Default {@code apply}. */
    public String getMode() {
        return Texts.orDefault(mode, ProvisionMode.APPLY.value());
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = Texts.trimToNull(mode);
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
        this.credentialsIdForNewKey = Texts.trimToNull(credentialsIdForNewKey);
    }

    @Override
    public AgentTask createTask(TaskContext c) throws AbortException {
        ProvisionMode m = Failures.validated(() -> ProvisionMode.parse(c.expand(mode)));
        String prefix = c.expand(s3.getPrefix());
        if (prefix != null) {
            throw new AbortException(Messages.ProvisionPrivateBucketStep_NoPrefix(prefix));
        }
        // Provisioning's own rules (a region is required, the endpoint must serve IAM and STS too).
        ProvisionRequest spec = Failures.validated(() -> ProvisionRequest.builder().bucket(c.expand(s3.getBucket()))
                .region(c.expand(s3.getRegion())).userName(c.expand(userName)).userPath(c.expand(userPath))
                .versioning(isVersioning()).tlsOnly(isTlsOnly()).force(force).endpoint(c.expand(s3.getEndpoint()))
                .build());
        String keyId = c.expand(credentialsIdForNewKey);
        if (m == ProvisionMode.APPLY && keyId == null) {
            throw new AbortException(Messages.ProvisionPrivateBucketStep_NewKeyIdRequired());
        }
        if (m == ProvisionMode.APPLY) {
            IssuedKeyStore.checkWritable(c.run(), keyId, spec.bucket());
        } else if (m == ProvisionMode.DESTROY && keyId != null) {
            IssuedKeyStore.checkRemovable(c.run(), keyId, spec.bucket());
        }
        S3Settings address = Failures.validated(() -> S3Settings.builder().region(spec.region())
                .endpoint(spec.endpoint().orElse(null)).pathStyle(spec.endpoint().isPresent() || s3.isPathStyle())
                .build());
        AwsAuth found = CredentialLookup.aws(c, s3.getAwsCredentialsId());
        if (c.onController()) {
            EncsyncConfiguration.get().checkControllerMayContact(address.endpoint(), false);
        }
        AwsAuth auth = CredentialLookup.forTask(c, found, address);
        return new ProvisionTask(spec, m, auth, Proxies.capture(c));
    }

    @Override
    void afterTask(TaskContext c, TaskResult result) throws IOException {
        String keyId = c.expand(credentialsIdForNewKey);
        if (keyId == null) {
            return;
        }
        // The bucket as this controller configured it, not as the agent's reply says.
        String bucketName = c.expand(s3.getBucket());
        ProvisionMode m = ProvisionMode.parse(c.expand(mode));
        if (m == ProvisionMode.APPLY && result.issuedKey().isPresent()) {
            IssuedKey key = result.issuedKey().get();
            try {
                String where = IssuedKeyStore.save(c.run(), keyId, bucketName, key);
                c.log().println(Messages.ProvisionPrivateBucketStep_Stored(key.accessKeyId(), keyId, where));
            } catch (IOException | RuntimeException e) {
                throw new AbortException(Messages.ProvisionPrivateBucketStep_KeyNotStored(key.accessKeyId(),
                        result.values().get("userName"), keyId, e.getMessage()));
            } finally {
                key.secretKey().destroy();
            }
        } else if (m == ProvisionMode.DESTROY && IssuedKeyStore.remove(c.run(), keyId, bucketName)) {
            c.log().println(Messages.ProvisionPrivateBucketStep_Removed(keyId));
        }
    }

    @Extension
    @Symbol("provisionPrivateBucket")
    public static class DescriptorImpl extends EncsyncStepDescriptor {
        public DescriptorImpl() {
            super("provisionPrivateBucket", Messages._ProvisionPrivateBucketStep_DisplayName());
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
