package io.encsync.jenkins.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.S3Access;
import io.encsync.core.aws.SessionPolicy;
import io.encsync.core.sync.SyncOptions;
import io.encsync.jenkins.EncsyncConfiguration;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.support.Proxies;
import io.encsync.jenkins.support.TaskContext;
import io.encsync.jenkins.support.Texts;
import java.util.Objects;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What {@code s3EncryptedPush} and {@code s3EncryptedPull} share (and so their build steps and the
 * backup post-build action): an {@link S3Location}, and the transfer settings.
 *
 * <p>Before settings were composed, the location was fields of the step itself; those fields are
 * read from old XML here, and only here, and {@link #readResolve} moves them into an
 * {@link S3Location}.
 */
@Restricted(NoExternalUse.class)
public abstract class AbstractS3Step extends AbstractCryptStep {
    private S3Location s3;
    private String includes;
    private String excludes;
    private boolean delete;
    private boolean dryRun;
    private Integer transfers;

    @Deprecated
    private transient String bucket;
    @Deprecated
    private transient String prefix;
    @Deprecated
    private transient String region;
    @Deprecated
    private transient String endpoint;
    @Deprecated
    private transient boolean pathStyle;
    @Deprecated
    private transient String awsCredentialsId;

    protected AbstractS3Step(S3Location s3, CryptRemote crypt) {
        super(crypt);
        this.s3 = Objects.requireNonNullElseGet(s3, () -> new S3Location(null));
    }

    public S3Location getS3() {
        return s3;
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

    /** Default {@value SyncOptions#DEFAULT_TRANSFERS}. */
    public int getTransfers() {
        return transfers == null || transfers == 0 ? SyncOptions.DEFAULT_TRANSFERS : transfers;
    }

    @DataBoundSetter
    public void setTransfers(int transfers) {
        this.transfers = transfers;
    }

    /** Moves the flat location fields of XML written before composition into an {@link S3Location}. */
    @Override
    protected Object readResolve() {
        super.readResolve();
        if (s3 == null) {
            s3 = new S3Location(bucket);
            s3.setPrefix(prefix);
            s3.setRegion(region);
            s3.setEndpoint(endpoint);
            s3.setPathStyle(pathStyle);
            s3.setAwsCredentialsId(awsCredentialsId);
        }
        return this;
    }

    /**
     * Where the bucket is and who we are there, for {@code c}'s run (text fields expanded). Inside
     * the controller only an endpoint an administrator allows; for an agent a role credential's
     * session, never its base keys, and where STS allows it a session limited to this bucket and
     * prefix and to what a push ({@code push}) or a pull needs ({@link CredentialLookup#forTask}).
     */
    protected S3Access s3Access(TaskContext c, boolean push) throws AbortException {
        S3Access place = s3.toCore(c::expand);
        AwsAuth found = CredentialLookup.aws(c, s3.getAwsCredentialsId());
        if (c.onController()) {
            EncsyncConfiguration.get().checkControllerMayContact(place.settings().endpoint(), false);
        }
        return CredentialLookup.forTask(c, place.withAuth(found).withProxy(Proxies.capture(c)),
                SessionPolicy.Access.of(push, dryRun));
    }

    protected SyncOptions.Builder transferOptions(TaskContext c) {
        return SyncOptions.builder().includes(SyncOptions.splitList(c.expand(includes)))
                .excludes(SyncOptions.splitList(c.expand(excludes))).delete(delete).dryRun(dryRun)
                .transfers(getTransfers());
    }
}
