package io.encsync.jenkins.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.encsync.core.task.AwsAuth;
import io.encsync.core.task.S3Access;
import io.encsync.core.task.S3Options;
import io.encsync.core.task.TransferOptions;
import io.encsync.jenkins.EncsyncConfiguration;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Proxies;
import io.encsync.jenkins.support.TaskContext;
import io.encsync.jenkins.support.Texts;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The bucket, connection and transfer settings shared by {@code s3EncryptedPush},
 * {@code s3EncryptedPull} (and so by their build steps and the backup post-build action).
 */
@Restricted(NoExternalUse.class)
public abstract class AbstractS3Step extends AbstractCryptStep {
    private final String bucket;
    private String prefix;
    private String region;
    private String endpoint;
    private boolean pathStyle;
    private String awsCredentialsId;
    private String includes;
    private String excludes;
    private boolean delete;
    private boolean dryRun;
    private Integer transfers;

    protected AbstractS3Step(String bucket, String passwordCredentialsId) {
        super(passwordCredentialsId);
        this.bucket = Texts.trimToNull(bucket);
    }

    public String getBucket() {
        return bucket;
    }

    @CheckForNull
    public String getPrefix() {
        return prefix;
    }

    @DataBoundSetter
    public void setPrefix(String prefix) {
        this.prefix = Texts.trimToNull(prefix);
    }

    @CheckForNull
    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Texts.trimToNull(region);
    }

    @CheckForNull
    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = Texts.trimToNull(endpoint);
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
        this.awsCredentialsId = Texts.trimToNull(awsCredentialsId);
    }

    @CheckForNull
    public String getIncludes() {
        return includes;
    }

    @DataBoundSetter
    public void setIncludes(String includes) {
        this.includes = Texts.trimToNull(includes);
    }

    @CheckForNull
    public String getExcludes() {
        return excludes;
    }

    @DataBoundSetter
    public void setExcludes(String excludes) {
        this.excludes = Texts.trimToNull(excludes);
    }

    public boolean isDelete() {
        return delete;
    }

    @DataBoundSetter
    public void setDelete(boolean delete) {
        this.delete = delete;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** Default {@value TransferOptions#DEFAULT_TRANSFERS}. */
    public int getTransfers() {
        return transfers == null || transfers == 0 ? TransferOptions.DEFAULT_TRANSFERS : transfers;
    }

    @DataBoundSetter
    public void setTransfers(int transfers) {
        this.transfers = transfers;
    }

    /**
     * Where the bucket is and who we are there, for {@code c}'s run (text fields expanded). Inside
     * the controller only an endpoint an administrator allows; for an agent a role credential's
     * session, never its base keys ({@link CredentialLookup#forTask}).
     */
    protected S3Access s3Access(TaskContext c) throws AbortException {
        S3Options location = Failures.validated(() -> S3Options.builder().bucket(c.expand(bucket))
                .prefix(c.expand(prefix)).region(c.expand(region)).endpoint(c.expand(endpoint)).pathStyle(pathStyle)
                .build());
        AwsAuth found = CredentialLookup.aws(c, awsCredentialsId);
        if (c.onController()) {
            EncsyncConfiguration.get().checkControllerMayContact(location.endpoint(), false);
        }
        AwsAuth auth = CredentialLookup.forTask(c, found, location);
        return new S3Access(location, auth, Proxies.capture(c));
    }

    protected TransferOptions.Builder transferOptions(TaskContext c) {
        return TransferOptions.builder().includes(TransferOptions.splitList(c.expand(includes)))
                .excludes(TransferOptions.splitList(c.expand(excludes))).delete(delete).dryRun(dryRun)
                .transfers(getTransfers());
    }
}
