package io.encsync.jenkins.artifacts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.encsync.core.artifacts.ArtifactOptions;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.aws.S3Access;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.support.Failures;
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

    private S3Location s3;
    private CryptRemote crypt;
    /** Null: the default, true. */
    private Boolean deleteArtifacts;
    /** Null: the default, {@value #DEFAULT_MAX_DOWNLOAD_MIB}. */
    private Long maxDownloadSizeMiB;
    /** Null (or 0, as saved before the setting existed): the default, {@value #DEFAULT_URL_LIFETIME_MINUTES}. */
    private Integer urlLifetimeMinutes;
    /**
     * Set only on the copy {@link #at} makes for a build whose place a folder chose: that folder's
     * full name (as recorded) and the build, in whose context its credentials are resolved.
     */
    private transient String folder;
    private transient Run<?, ?> build;

    /** Flat fields of XML written before settings were composed; {@link #readResolve} moves them. */
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
    @Deprecated
    private transient String passwordCredentialsId;
    @Deprecated
    private transient String password2CredentialsId;
    @Deprecated
    private transient String filenameEncryption;
    @Deprecated
    private transient String filenameEncoding;
    @Deprecated
    private transient Boolean directoryNameEncryption;

    /**
     * @param s3 where the artifacts go and the AWS credential (global store; empty: the controller's own identity)
     * @param crypt the crypt remote (passwords from the global store)
     */
    @DataBoundConstructor
    public EncryptedArtifactManagerFactory(S3Location s3, CryptRemote crypt) {
        this.s3 = Objects.requireNonNullElseGet(s3, () -> new S3Location(null));
        this.crypt = Objects.requireNonNullElseGet(crypt, () -> new CryptRemote(null));
    }

    /**
     * A manager for a new build: it keeps where and how the nearest folder above its job that sets
     * its own storage ({@link FolderArtifactStorage}) stores, else these settings, and a new storage id.
     */
    @Override
    public ArtifactManager managerFor(Run<?, ?> build) {
        ArtifactPlace own = FolderArtifactStorage.nearestPlace(build.getParent());
        return new EncryptedArtifactManager(own != null ? own : place(), build);
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
        return place(s3, crypt);
    }

    /** What a build keeps of {@code s3} and {@code crypt} (this storage's or a folder's). */
    static ArtifactPlace place(S3Location s3, CryptRemote crypt) {
        return new ArtifactPlace(s3.getBucket(), s3.getPrefix(), s3.getRegion(), s3.getEndpoint(), s3.isPathStyle(),
                crypt.getFilenameEncryption(), crypt.getFilenameEncoding(), crypt.isDirectoryNameEncryption());
    }

    /**
     * These settings serving {@code build}, stored at {@code place}: its place, and everything else
     * (credentials, delete policy, limits, and any setting added later) from these settings; except
     * for a place a folder chose, whose credentials are the ids it recorded, resolved in the
     * build's context ({@code build} may be null only for a global place).
     */
    EncryptedArtifactManagerFactory at(ArtifactPlace place, @CheckForNull Run<?, ?> build) {
        EncryptedArtifactManagerFactory c = at(place);
        if (place.source() != null) {
            c.s3.setAwsCredentialsId(place.awsCredentialsId());
            CryptRemote own = new CryptRemote(place.passwordCredentialsId());
            own.setPassword2CredentialsId(place.password2CredentialsId());
            c.crypt = own.withNames(place.filenameEncryption(), place.filenameEncoding(),
                    place.directoryNameEncryption());
            c.folder = place.source();
            c.build = build;
        }
        return c;
    }

    /**
     * These settings serving a build stored at {@code place} by the global storage: its place, and
     * everything else (credentials, delete policy, limits, and any setting added later) from these settings.
     */
    EncryptedArtifactManagerFactory at(ArtifactPlace place) {
        EncryptedArtifactManagerFactory c;
        try {
            c = (EncryptedArtifactManagerFactory) super.clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        c.s3 = s3.at(place.bucket(), place.prefix(), place.region(), place.endpoint(), place.pathStyle());
        c.crypt = crypt.withNames(place.filenameEncryption(), place.filenameEncoding(), place.directoryNameEncryption());
        return c;
    }

    /**
     * Moves the flat fields of older XML into the settings objects. Saved configurations (and
     * builds keeping a copy) bypass the setters: an out-of-range value falls back to the default
     * with a warning naming the setting, rather than failing to load.
     */
    protected Object readResolve() {
        if (s3 == null) {
            s3 = new S3Location(bucket);
            s3.setPrefix(prefix);
            s3.setRegion(region);
            s3.setEndpoint(endpoint);
            s3.setPathStyle(pathStyle);
            s3.setAwsCredentialsId(awsCredentialsId);
        }
        if (crypt == null) {
            crypt = new CryptRemote(passwordCredentialsId);
            crypt.setPassword2CredentialsId(password2CredentialsId);
            crypt.setFilenameEncryption(filenameEncryption);
            crypt.setFilenameEncoding(filenameEncoding);
            if (directoryNameEncryption != null) {
                crypt.setDirectoryNameEncryption(directoryNameEncryption);
            }
        }
        if (maxDownloadSizeMiB != null && (maxDownloadSizeMiB < 0 || maxDownloadSizeMiB > MAX_DOWNLOAD_MIB)) {
            LOGGER.warning(Messages.EncryptedArtifactManagerFactory_MaxDownloadSizeReset(maxDownloadSizeMiB,
                    MAX_DOWNLOAD_MIB, DEFAULT_MAX_DOWNLOAD_MIB));
            maxDownloadSizeMiB = null;
        }
        if (urlLifetimeMinutes != null && urlLifetimeMinutes == 0) {
            urlLifetimeMinutes = null;
        } else if (urlLifetimeMinutes != null && (urlLifetimeMinutes < 1 || urlLifetimeMinutes > MAX_URL_LIFETIME_MINUTES)) {
            LOGGER.warning(Messages.EncryptedArtifactManagerFactory_UrlLifetimeReset(urlLifetimeMinutes,
                    MAX_URL_LIFETIME_MINUTES, DEFAULT_URL_LIFETIME_MINUTES));
            urlLifetimeMinutes = null;
        }
        return this;
    }

    /** The connection: location from these settings, AWS keys from the global credential store (a folder's: from the build's context). */
    S3Access s3Access() throws AbortException {
        S3Access place = s3.toCore(Texts::trimToNull);
        if (folder != null) {
            // A folder's configurers chose this endpoint and credential: the controller contacts only
            // endpoints an administrator allows, with a credential the build can see.
            io.encsync.jenkins.EncsyncConfiguration.get().checkControllerMayContact(place.settings().endpoint(), false);
            return place.withAuth(CredentialLookup.folderAws(build, folder, s3.getAwsCredentialsId()))
                    .withProxy(Proxies.controller());
        }
        // Empty: the controller's own AWS identity (instance role, environment) — these settings are
        // an administrator's, not a job author's, so that is theirs to choose.
        String awsId = s3.getAwsCredentialsId();
        AwsAuth auth = awsId == null ? AwsAuth.defaultChain()
                : CredentialLookup.globalAws("awsCredentialsId", awsId, "artifact-storage");
        return place.withAuth(auth).withProxy(Proxies.controller());
    }

    /** The crypt remote, with the passwords from the global credential store (a folder's: from the build's context). */
    CryptConfig cryptOptions() throws AbortException {
        // CryptConfig keeps these holders (the controller derives its keys from them): not closed here.
        if (folder != null) {
            return crypt.toCore((field, id) -> CredentialLookup.folderSecretText(build, folder, field, id));
        }
        return crypt.toCore(CredentialLookup::globalSecretText);
    }

    ArtifactOptions artifactOptions() throws AbortException {
        long maxBytes = getMaxDownloadSizeMiB() << 20;
        int minutes = getUrlLifetimeMinutes();
        return Failures.validated(() -> ArtifactOptions.builder().maxStreamSize(maxBytes)
                .urlExpiry(java.time.Duration.ofMinutes(minutes)).build());
    }

    /** The folder whose storage this copy serves a build of ({@link #at(ArtifactPlace, Run)}); null: the global storage. */
    @CheckForNull
    String folder() {
        return folder;
    }

    public S3Location getS3() {
        return s3;
    }

    public CryptRemote getCrypt() {
        return crypt;
    }

    /** Whether deleting a build (or its artifacts) deletes its objects in the bucket. Default true. */
    public boolean isDeleteArtifacts() {
        return deleteArtifacts == null || deleteArtifacts;
    }

    @DataBoundSetter
    public void setDeleteArtifacts(boolean deleteArtifacts) {
        this.deleteArtifacts = deleteArtifacts;
    }

    /** Default {@value #DEFAULT_MAX_DOWNLOAD_MIB}; clamped, so a value that bypassed the setter cannot overflow. */
    public long getMaxDownloadSizeMiB() {
        return maxDownloadSizeMiB == null ? DEFAULT_MAX_DOWNLOAD_MIB
                : Math.max(0, Math.min(maxDownloadSizeMiB, MAX_DOWNLOAD_MIB));
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
     * How long each presigned URL an agent gets stays valid, in minutes (default
     * {@value #DEFAULT_URL_LIFETIME_MINUTES}). A URL signed with a role session (role credential,
     * instance profile, IRSA) stops working when that session ends, whatever this says; an agent
     * refused for an expired URL asks the controller for a fresh one once.
     */
    public int getUrlLifetimeMinutes() {
        return urlLifetimeMinutes == null || urlLifetimeMinutes < 1 || urlLifetimeMinutes > MAX_URL_LIFETIME_MINUTES
                ? DEFAULT_URL_LIFETIME_MINUTES : urlLifetimeMinutes;
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

    /**
     * The settings that decide which controller (S3 client and keys) serves this configuration:
     * all of them, as saved (so a setting added later takes part without a line here).
     */
    String connectionKey() {
        return Jenkins.XSTREAM2.toXML(this);
    }

    @Override
    public String toString() {
        return s3.toString();
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
    }
}
