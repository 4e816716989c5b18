package io.encsync.jenkins.artifacts;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.ItemGroup;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.support.Messages;
import java.util.Objects;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * A folder's own encrypted artifact storage: the same two settings the global storage holds
 * ({@link S3Location}: bucket, prefix, region, endpoint, AWS credential; {@link CryptRemote}: the
 * password credentials and name options), with credentials of the folder's context (its own store
 * and those above it). A build uses the nearest folder above its job that sets one, else the
 * global storage; it records which ({@link ArtifactPlace#source()}) with the folder's credential
 * ids, so each team's builds use that team's key and no other. Policies (deletion, download
 * limit, URL lifetime) stay the global storage's, which must be configured for any of this to
 * apply: Jenkins asks the global Artifact Management for Builds for every build's storage.
 */
public final class FolderArtifactStorage extends AbstractFolderProperty<AbstractFolder<?>> {
    private final S3Location s3;
    private final CryptRemote crypt;

    @DataBoundConstructor
    public FolderArtifactStorage(S3Location s3, CryptRemote crypt) {
        this.s3 = Objects.requireNonNullElseGet(s3, () -> new S3Location(null));
        this.crypt = Objects.requireNonNullElseGet(crypt, () -> new CryptRemote(null));
    }

    public S3Location getS3() {
        return s3;
    }

    public CryptRemote getCrypt() {
        return crypt;
    }

    /** What a build of a job in this folder (named {@code folder}) keeps: the place and this folder's credential ids. */
    ArtifactPlace place(String folder) {
        return EncryptedArtifactManagerFactory.place(s3, crypt).ofFolder(folder, crypt.getPasswordCredentialsId(),
                crypt.getPassword2CredentialsId(), s3.getAwsCredentialsId());
    }

    /**
     * The place a new build of {@code job} keeps from the nearest folder above it that sets its
     * own storage, or null when none does (the global storage then serves it).
     */
    @CheckForNull
    static ArtifactPlace nearestPlace(Item job) {
        for (ItemGroup<?> g = job.getParent(); g instanceof AbstractFolder<?> f; g = f.getParent()) {
            FolderArtifactStorage own = f.getProperties().get(FolderArtifactStorage.class);
            if (own != null) {
                return own.place(f.getFullName());
            }
        }
        return null;
    }

    @Extension
    @Symbol("encryptedArtifactStorage")
    public static final class DescriptorImpl extends AbstractFolderPropertyDescriptor {
        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.FolderArtifactStorage_DisplayName();
        }
    }
}
