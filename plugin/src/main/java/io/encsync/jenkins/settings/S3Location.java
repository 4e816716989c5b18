package io.encsync.jenkins.settings;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.S3Access;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Forms;
import io.encsync.jenkins.support.Messages;
import io.encsync.jenkins.support.Texts;
import java.util.function.UnaryOperator;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Where data lies in S3 and which AWS credential reaches it: bucket, prefix, region, endpoint,
 * path style and the credential id. Held by the push and pull steps (so by their build steps and
 * the backup action), by provisioning and by the artifact storage, each with this one form, help
 * and set of checks. A setting added here is a field with its getter and setter, a line in
 * {@link #toCore}, an entry in {@code config.jelly} and a help file; every holder gets it.
 *
 * <p>The form methods answer at job level ({@code @AncestorInPath Item} is the job or folder:
 * its credentials, for users who may configure it) and in the global configuration (no item: the
 * global store, for administrators).
 */
public class S3Location extends AbstractDescribableImpl<S3Location> implements Cloneable {
    private String bucket;
    private String prefix;
    private String region;
    private String endpoint;
    private boolean pathStyle;
    private String awsCredentialsId;
    private String storageClass;

    @DataBoundConstructor
    public S3Location(String bucket) {
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

    /** Empty: the default AWS chain of the JVM that runs the task (each holder says where that is allowed). */
    @CheckForNull
    public String getAwsCredentialsId() {
        return awsCredentialsId;
    }

    @DataBoundSetter
    public void setAwsCredentialsId(String awsCredentialsId) {
        this.awsCredentialsId = Texts.trimToNull(awsCredentialsId);
    }

    /** Null: the bucket's default ({@code STANDARD} unless the bucket says otherwise). */
    @CheckForNull
    public String getStorageClass() {
        return storageClass;
    }

    @DataBoundSetter
    public void setStorageClass(String storageClass) {
        this.storageClass = Texts.trimToNull(storageClass);
    }

    /**
     * Core's bucket, prefix and address, as an {@link S3Access} with no identity yet (the holder
     * resolves the credential, which knows whose it is, and gives it with
     * {@link S3Access#withAuth}), text fields passed through {@code expand} first: build variables for a freestyle build,
     * {@link Texts#trimToNull} where nothing expands.
     *
     * @throws AbortException with core's one-line message when a value is invalid
     */
    @Restricted(NoExternalUse.class)
    public S3Access toCore(UnaryOperator<String> expand) throws AbortException {
        return Failures.validated(() -> new S3Access(
                io.encsync.core.store.s3.S3Location.of(expand.apply(bucket), expand.apply(prefix)),
                S3Settings.builder().region(expand.apply(region)).endpoint(expand.apply(endpoint)).pathStyle(pathStyle)
                        .storageClass(expand.apply(storageClass)).build(),
                AwsAuth.defaultChain(), null));
    }

    /**
     * A copy of these settings at another place (what a build recorded: bucket, prefix, region,
     * endpoint, path style); every other setting, such as the credential, stays this one's.
     */
    @Restricted(NoExternalUse.class)
    public S3Location at(String bucket, String prefix, String region, String endpoint, boolean pathStyle) {
        S3Location c;
        try {
            c = (S3Location) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        c.bucket = Texts.trimToNull(bucket);
        c.setPrefix(prefix);
        c.setRegion(region);
        c.setEndpoint(endpoint);
        c.setPathStyle(pathStyle);
        return c;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + (prefix == null ? "" : prefix);
    }

    /** Every method is {@code @POST} and answers only who may configure the item (or administer, without one). */
    @Extension
    @Symbol("s3Location")
    public static final class DescriptorImpl extends Descriptor<S3Location> {
        @Override
        public String getDisplayName() {
            return Messages.S3Location_DisplayName();
        }

        @POST
        public FormValidation doCheckBucket(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkBucket(item, value);
        }

        @POST
        public FormValidation doCheckPrefix(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkPrefix(item, value);
        }

        @POST
        public FormValidation doCheckRegion(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkRegion(item, value);
        }

        @POST
        public FormValidation doCheckStorageClass(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, S3Settings.checkStorageClass(value));
        }

        @POST
        public FormValidation doCheckEndpoint(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkEndpoint(item, value);
        }

        @POST
        public ListBoxModel doFillAwsCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String awsCredentialsId) {
            return CredentialLookup.fillAws(item, awsCredentialsId);
        }

        @POST
        public FormValidation doCheckAwsCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialLookup.checkAws(item, value);
        }
    }
}
