package io.encsync.jenkins.artifacts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.encsync.core.artifacts.ArtifactOptions;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.task.AwsAuth;
import io.encsync.core.task.CryptOptions;
import io.encsync.core.task.S3Access;
import io.encsync.core.task.S3Options;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Forms;
import io.encsync.jenkins.support.Messages;
import io.encsync.jenkins.support.Proxies;
import io.encsync.jenkins.support.Texts;
import java.util.Objects;
import jenkins.model.ArtifactManager;
import jenkins.model.ArtifactManagerConfiguration;
import jenkins.model.ArtifactManagerFactory;
import jenkins.model.ArtifactManagerFactoryDescriptor;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * "Encrypted S3 artifact storage" (Manage Jenkins » System » Artifact Management for Builds):
 * where every build's artifacts and stashes go, and with which credentials of the global store.
 * Holds only plain settings and credential ids. Each build keeps only its {@link ArtifactPlace}
 * (where its data lies and how its names were encrypted) and a storage id; the credentials, the
 * delete policy and the download limit always come from the configuration as it is now
 * ({@link #current()}, served for a build by {@link #at}).
 */
public final class EncryptedArtifactManagerFactory extends ArtifactManagerFactory implements Cloneable {
    /** Largest artifact the controller decrypts for one download from the build page, by default. */
    @Restricted(NoExternalUse.class)
    public static final long DEFAULT_MAX_DOWNLOAD_MIB = 1024;
    /** The largest download limit: 1 TiB, far below where MiB would overflow a byte count. */
    static final long MAX_DOWNLOAD_MIB = 1L << 20;
    /** How long a presigned URL lives, by default: an hour, as before this was a setting. */
    static final int DEFAULT_URL_LIFETIME_MINUTES = 60;
    /** SigV4's limit for a presigned URL: seven days. */
    static final int MAX_URL_LIFETIME_MINUTES = 7 * 24 * 60;
    private static final java.util.logging.Logger LOGGER =
            java.util.logging.Logger.getLogger(EncryptedArtifactManagerFactory.class.getName());

    private String bucket;
    private String prefix;
    private String region;
    private String endpoint;
    private boolean pathStyle;
    private String awsCredentialsId;
    private String passwordCredentialsId;
    private String password2CredentialsId;
    private String filenameEncryption;
    private String filenameEncoding;
    private boolean directoryNameEncryption = true;
    private boolean deleteArtifacts = true;
    private long maxDownloadSizeMiB = DEFAULT_MAX_DOWNLOAD_MIB;
    /** 0 in configurations saved before the setting existed: the default. */
    private int urlLifetimeMinutes = DEFAULT_URL_LIFETIME_MINUTES;

    @DataBoundConstructor
    public EncryptedArtifactManagerFactory(String bucket) {
        this.bucket = Texts.trimToNull(bucket);
    }

    /** A manager for a new build: it keeps where and how these settings store, and a new storage id. */
    @Override
    public ArtifactManager managerFor(Run<?, ?> build) {
        return new EncryptedArtifactManager(place(), build);
    }

    /**
     * The configured encrypted artifact storage as it is now, or null when the administrator
     * configured none (or another kind of artifact storage) in Artifact Management for Builds.
     */
    @CheckForNull
    static EncryptedArtifactManagerFactory current() {
        for (ArtifactManagerFactory f : ArtifactManagerConfiguration.get().getArtifactManagerFactories()) {
            if (f instanceof EncryptedArtifactManagerFactory e) {
                return e;
            }
        }
        return null;
    }

    /** What a new build keeps of these settings. */
    ArtifactPlace place() {
        return new ArtifactPlace(bucket, prefix, region, endpoint, pathStyle, getFilenameEncryption(),
                getFilenameEncoding(), directoryNameEncryption);
    }

    /**
     * These settings serving a build stored at {@code place}: its place, and everything else
     * (credentials, delete policy, limits) from these settings. A clone, so a setting added here
     * later is served from the current configuration without another line.
     */
    EncryptedArtifactManagerFactory at(ArtifactPlace place) {
        EncryptedArtifactManagerFactory c;
        try {
            c = (EncryptedArtifactManagerFactory) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        c.bucket = place.bucket();
        c.prefix = place.prefix();
        c.region = place.region();
        c.endpoint = place.endpoint();
        c.pathStyle = place.pathStyle();
        c.filenameEncryption = place.filenameEncryption();
        c.filenameEncoding = place.filenameEncoding();
        c.directoryNameEncryption = place.directoryNameEncryption();
        return c;
    }

    /**
     * Saved configurations (and builds keeping a copy) bypass the setters: an out-of-range value
     * falls back to the default with a warning naming the setting, rather than failing to load.
     */
    protected Object readResolve() {
        if (maxDownloadSizeMiB < 0 || maxDownloadSizeMiB > MAX_DOWNLOAD_MIB) {
            LOGGER.warning(Messages.EncryptedArtifactManagerFactory_MaxDownloadSizeReset(maxDownloadSizeMiB,
                    MAX_DOWNLOAD_MIB, DEFAULT_MAX_DOWNLOAD_MIB));
            maxDownloadSizeMiB = DEFAULT_MAX_DOWNLOAD_MIB;
        }
        if (urlLifetimeMinutes == 0) {
            urlLifetimeMinutes = DEFAULT_URL_LIFETIME_MINUTES;
        } else if (urlLifetimeMinutes < 1 || urlLifetimeMinutes > MAX_URL_LIFETIME_MINUTES) {
            LOGGER.warning(Messages.EncryptedArtifactManagerFactory_UrlLifetimeReset(urlLifetimeMinutes,
                    MAX_URL_LIFETIME_MINUTES, DEFAULT_URL_LIFETIME_MINUTES));
            urlLifetimeMinutes = DEFAULT_URL_LIFETIME_MINUTES;
        }
        return this;
    }

    /** The connection: location from these settings, AWS keys from the global credential store. */
    S3Access s3Access() throws AbortException {
        S3Options location = Failures.validated(() -> S3Options.builder().bucket(bucket).prefix(prefix)
                .region(region).endpoint(endpoint).pathStyle(pathStyle).build());
        // Empty: the controller's own AWS identity (instance role, environment) — these settings are
        // an administrator's, not a job author's, so that is theirs to choose.
        AwsAuth auth = awsCredentialsId == null ? AwsAuth.defaultChain()
                : CredentialLookup.globalAws("awsCredentialsId", awsCredentialsId, "artifact-storage");
        return new S3Access(location, auth, Proxies.controller());
    }

    /** The crypt remote, with the passwords from the global credential store. */
    CryptOptions cryptOptions() throws AbortException {
        if (passwordCredentialsId == null) {
            throw new AbortException(Messages.CredentialLookup_PasswordRequired());
        }
        // CryptOptions keeps these holders (the controller derives its keys from them): not closed here.
        SecretBytes password = CredentialLookup.globalSecretText("passwordCredentialsId", passwordCredentialsId);
        SecretBytes password2 = password2CredentialsId == null ? null
                : CredentialLookup.globalSecretText("password2CredentialsId", password2CredentialsId);
        return Failures.validated(() -> CryptOptions.builder().password(password).password2(password2)
                .filenameEncryption(filenameEncryption).filenameEncoding(filenameEncoding)
                .directoryNameEncryption(directoryNameEncryption).build());
    }

    ArtifactOptions artifactOptions() throws AbortException {
        // Clamped again here: a value that bypassed the setter and readResolve must not overflow.
        long maxBytes = Math.max(0, Math.min(maxDownloadSizeMiB, MAX_DOWNLOAD_MIB)) << 20;
        int minutes = urlLifetimeMinutes < 1 || urlLifetimeMinutes > MAX_URL_LIFETIME_MINUTES
                ? DEFAULT_URL_LIFETIME_MINUTES : urlLifetimeMinutes;
        return Failures.validated(() -> ArtifactOptions.builder().maxStreamSize(maxBytes)
                .urlExpiry(java.time.Duration.ofMinutes(minutes)).build());
    }

    public String getBucket() {
        return bucket;
    }

    public String getPrefix() {
        return prefix;
    }

    @DataBoundSetter
    public void setPrefix(String prefix) {
        this.prefix = Texts.trimToNull(prefix);
    }

    public String getRegion() {
        return region;
    }

    @DataBoundSetter
    public void setRegion(String region) {
        this.region = Texts.trimToNull(region);
    }

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

    public String getAwsCredentialsId() {
        return awsCredentialsId;
    }

    @DataBoundSetter
    public void setAwsCredentialsId(String awsCredentialsId) {
        this.awsCredentialsId = Texts.trimToNull(awsCredentialsId);
    }

    public String getPasswordCredentialsId() {
        return passwordCredentialsId;
    }

    @DataBoundSetter
    public void setPasswordCredentialsId(String passwordCredentialsId) {
        this.passwordCredentialsId = Texts.trimToNull(passwordCredentialsId);
    }

    public String getPassword2CredentialsId() {
        return password2CredentialsId;
    }

    @DataBoundSetter
    public void setPassword2CredentialsId(String password2CredentialsId) {
        this.password2CredentialsId = Texts.trimToNull(password2CredentialsId);
    }

    public String getFilenameEncryption() {
        return Texts.orDefault(filenameEncryption, CryptOptions.DEFAULT_FILENAME_ENCRYPTION);
    }

    @DataBoundSetter
    public void setFilenameEncryption(String filenameEncryption) {
        this.filenameEncryption = Texts.trimToNull(filenameEncryption);
    }

    public String getFilenameEncoding() {
        return Texts.orDefault(filenameEncoding, CryptOptions.DEFAULT_FILENAME_ENCODING);
    }

    @DataBoundSetter
    public void setFilenameEncoding(String filenameEncoding) {
        this.filenameEncoding = Texts.trimToNull(filenameEncoding);
    }

    public boolean isDirectoryNameEncryption() {
        return directoryNameEncryption;
    }

    @DataBoundSetter
    public void setDirectoryNameEncryption(boolean directoryNameEncryption) {
        this.directoryNameEncryption = directoryNameEncryption;
    }

    /** Whether deleting a build (or its artifacts) deletes its objects in the bucket. */
    public boolean isDeleteArtifacts() {
        return deleteArtifacts;
    }

    @DataBoundSetter
    public void setDeleteArtifacts(boolean deleteArtifacts) {
        this.deleteArtifacts = deleteArtifacts;
    }

    public long getMaxDownloadSizeMiB() {
        return maxDownloadSizeMiB;
    }

    /** @throws IllegalArgumentException outside 0 to {@value #MAX_DOWNLOAD_MIB} (forms, JCasC and scripts alike) */
    @DataBoundSetter
    public void setMaxDownloadSizeMiB(long maxDownloadSizeMiB) {
        if (maxDownloadSizeMiB < 0 || maxDownloadSizeMiB > MAX_DOWNLOAD_MIB) {
            throw new IllegalArgumentException(Messages.EncryptedArtifactManagerFactory_MaxDownloadSizeInvalid(
                    maxDownloadSizeMiB, MAX_DOWNLOAD_MIB));
        }
        this.maxDownloadSizeMiB = maxDownloadSizeMiB;
    }

    /**
     * How long each presigned URL an agent gets stays valid, in minutes. A URL signed with a role
     * session (role credential, instance profile, IRSA) stops working when that session ends,
     * whatever this says; an agent refused for an expired URL asks the controller for a fresh one once.
     */
    public int getUrlLifetimeMinutes() {
        return urlLifetimeMinutes;
    }

    /** @throws IllegalArgumentException outside 1 to {@value #MAX_URL_LIFETIME_MINUTES} (SigV4's seven days) */
    @DataBoundSetter
    public void setUrlLifetimeMinutes(int urlLifetimeMinutes) {
        if (urlLifetimeMinutes < 1 || urlLifetimeMinutes > MAX_URL_LIFETIME_MINUTES) {
            throw new IllegalArgumentException(Messages.EncryptedArtifactManagerFactory_UrlLifetimeInvalid(
                    urlLifetimeMinutes, MAX_URL_LIFETIME_MINUTES));
        }
        this.urlLifetimeMinutes = urlLifetimeMinutes;
    }

    /** The settings that decide which controller (S3 client and keys) serves this configuration. */
    String connectionKey() {
        return String.join("\u0000", String.valueOf(bucket), String.valueOf(prefix), String.valueOf(region),
                String.valueOf(endpoint), String.valueOf(pathStyle), String.valueOf(awsCredentialsId),
                String.valueOf(passwordCredentialsId), String.valueOf(password2CredentialsId), getFilenameEncryption(),
                getFilenameEncoding(), String.valueOf(directoryNameEncryption), String.valueOf(maxDownloadSizeMiB),
                String.valueOf(urlLifetimeMinutes));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + Objects.requireNonNullElse(prefix, "");
    }

    /** Form checks answer administrators only (the settings are global), and only to POST. */
    @Extension
    @Symbol("encryptedS3")
    public static final class DescriptorImpl extends ArtifactManagerFactoryDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.EncryptedArtifactManagerFactory_DisplayName();
        }

        @POST
        public FormValidation doCheckBucket(@QueryParameter String value) {
            return Forms.checkBucket(null, value);
        }

        @POST
        public FormValidation doCheckPrefix(@QueryParameter String value) {
            return Forms.checkPrefix(null, value);
        }

        @POST
        public FormValidation doCheckRegion(@QueryParameter String value) {
            return Forms.checkRegion(null, value);
        }

        @POST
        public FormValidation doCheckEndpoint(@QueryParameter String value) {
            return Forms.checkEndpoint(null, value);
        }

        @POST
        public FormValidation doCheckMaxDownloadSizeMiB(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER) || value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                long v = Long.parseLong(value.strip());
                return v >= 0 && v <= MAX_DOWNLOAD_MIB ? FormValidation.ok()
                        : FormValidation.error(Messages.EncryptedArtifactManagerFactory_MaxDownloadSizeInvalid(v,
                                MAX_DOWNLOAD_MIB));
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.Forms_MaxDownloadSize());
            }
        }

        @POST
        public FormValidation doCheckUrlLifetimeMinutes(@QueryParameter String value) {
            if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER) || value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            try {
                int v = Integer.parseInt(value.strip());
                return v >= 1 && v <= MAX_URL_LIFETIME_MINUTES ? FormValidation.ok()
                        : FormValidation.error(Messages.EncryptedArtifactManagerFactory_UrlLifetimeInvalid(v,
                                MAX_URL_LIFETIME_MINUTES));
            } catch (NumberFormatException e) {
                return FormValidation.error(Messages.EncryptedArtifactManagerFactory_UrlLifetimeInvalid(value.strip(),
                        MAX_URL_LIFETIME_MINUTES));
            }
        }

        @POST
        public ListBoxModel doFillAwsCredentialsIdItems(@QueryParameter String awsCredentialsId) {
            return CredentialLookup.fillGlobalAws(awsCredentialsId);
        }

        @POST
        public ListBoxModel doFillPasswordCredentialsIdItems(@QueryParameter String passwordCredentialsId) {
            return CredentialLookup.fillGlobalSecretText(passwordCredentialsId);
        }

        @POST
        public ListBoxModel doFillPassword2CredentialsIdItems(@QueryParameter String password2CredentialsId) {
            return CredentialLookup.fillGlobalSecretText(password2CredentialsId);
        }

        @POST
        public FormValidation doCheckAwsCredentialsId(@QueryParameter String value) {
            return CredentialLookup.checkGlobalAws(value);
        }

        @POST
        public FormValidation doCheckPasswordCredentialsId(@QueryParameter String value) {
            return CredentialLookup.checkGlobalSecretText(value, true);
        }

        @POST
        public FormValidation doCheckPassword2CredentialsId(@QueryParameter String value) {
            return CredentialLookup.checkGlobalSecretText(value, false);
        }

        @POST
        public ListBoxModel doFillFilenameEncryptionItems() {
            return Forms.filenameEncryptionItems();
        }

        @POST
        public ListBoxModel doFillFilenameEncodingItems() {
            return Forms.filenameEncodingItems();
        }
    }
}
