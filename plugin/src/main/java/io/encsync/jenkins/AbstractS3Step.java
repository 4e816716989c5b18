package io.encsync.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.S3Access;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.sync.SyncOptions;
import io.encsync.core.aws.SessionPolicy;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The bucket, connection and transfer settings shared by {@code s3EncryptedPush},
 * {@code s3EncryptedPull} (and so by their build steps and the backup post-build action).
 */
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
        this.bucket = Util.trimToNull(bucket);
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
    public String getIncludes() {
        return includes;
    }

    @DataBoundSetter
    public void setIncludes(String includes) {
        this.includes = Util.trimToNull(includes);
    }

    @CheckForNull
    public String getExcludes() {
        return excludes;
    }

    @DataBoundSetter
    public void setExcludes(String excludes) {
        this.excludes = Util.trimToNull(excludes);
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

    /** Default {@value SyncOptions#DEFAULT_TRANSFERS}. */
    public int getTransfers() {
        return transfers == null || transfers == 0 ? SyncOptions.DEFAULT_TRANSFERS : transfers;
    }

    @DataBoundSetter
    public void setTransfers(int transfers) {
        this.transfers = transfers;
    }

    /**
     * Where the bucket is and who we are there, for {@code c}'s run (text fields expanded). Inside
     * the controller only an endpoint an administrator allows; for an agent a role credential's
     * session, never its base keys, and where STS allows it a session limited to this bucket and
     * prefix and to what a push ({@code push}) or a pull needs ({@link CredentialLookup#forTask}).
     */
    protected S3Access s3Access(TaskContext c, boolean push) throws AbortException {
        S3Location location = Failures.validated(() -> S3Location.of(c.expand(bucket), c.expand(prefix)));
        S3Settings address = Failures.validated(() -> S3Settings.builder().region(c.expand(region))
                .endpoint(c.expand(endpoint)).pathStyle(pathStyle).build());
        AwsAuth found = CredentialLookup.aws(c, awsCredentialsId);
        if (c.onController()) {
            EncsyncConfiguration.get().checkControllerMayContact(address.endpoint(), false);
        }
        return CredentialLookup.forTask(c, new S3Access(location, address, found, Proxies.capture(c)),
                SessionPolicy.Access.of(push, dryRun));
    }

    protected SyncOptions.Builder transferOptions(TaskContext c) {
        return SyncOptions.builder().includes(SyncOptions.splitList(c.expand(includes)))
                .excludes(SyncOptions.splitList(c.expand(excludes))).delete(delete).dryRun(dryRun)
                .transfers(getTransfers());
    }
}
