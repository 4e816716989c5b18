package io.encsync.jenkins.artifacts;

import java.util.Objects;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What a build keeps of the artifact storage settings, in {@code build.xml}: what decides where
 * its data lies and how it was encrypted. Bucket, prefix, endpoint, region and path style find
 * the objects; the filename encryption, encoding and directory name encryption decide their
 * names. Everything else (credentials, the delete policy, the download limit, URL lifetimes) is
 * read from the current configuration each time, so an administrator can re-create, swap or
 * rotate credentials and change policies without stranding older builds.
 *
 * <p>Where the settings came from ({@link #source()}): null for the global artifact storage (and
 * for every build recorded before folders could set their own), else the full name of the folder
 * whose {@link FolderArtifactStorage} chose them. A folder's build also keeps that folder's
 * credential ids (password, password2, AWS): they are resolved in the build's own context at each
 * use, so changing the global or the folder's setting later never changes where such a build's
 * data lies or which key reads it. A global build keeps no credential id and follows the global
 * configuration's credentials as they are now.
 *
 * <p>Immutable; holds no secret.
 */
@Restricted(NoExternalUse.class)
public final class ArtifactPlace {
    private final String bucket;
    private final String prefix;
    private final String region;
    private final String endpoint;
    private final boolean pathStyle;
    private final String filenameEncryption;
    private final String filenameEncoding;
    private final boolean directoryNameEncryption;
    /** Null: the global storage. Else the full name of the folder that set the storage, when the build started. */
    private final String source;
    private final String passwordCredentialsId;
    private final String password2CredentialsId;
    private final String awsCredentialsId;

    public ArtifactPlace(String bucket, String prefix, String region, String endpoint, boolean pathStyle,
                  String filenameEncryption, String filenameEncoding, boolean directoryNameEncryption) {
        this(bucket, prefix, region, endpoint, pathStyle, filenameEncryption, filenameEncoding,
                directoryNameEncryption, null, null, null, null);
    }

    private ArtifactPlace(String bucket, String prefix, String region, String endpoint, boolean pathStyle,
            String filenameEncryption, String filenameEncoding, boolean directoryNameEncryption, String source,
            String passwordCredentialsId, String password2CredentialsId, String awsCredentialsId) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.region = region;
        this.endpoint = endpoint;
        this.pathStyle = pathStyle;
        this.filenameEncryption = filenameEncryption;
        this.filenameEncoding = filenameEncoding;
        this.directoryNameEncryption = directoryNameEncryption;
        this.source = source;
        this.passwordCredentialsId = passwordCredentialsId;
        this.password2CredentialsId = password2CredentialsId;
        this.awsCredentialsId = awsCredentialsId;
    }

    /** This place as chosen by {@code folder}'s own storage, with that folder's credential ids. */
    ArtifactPlace ofFolder(String folder, String passwordCredentialsId, String password2CredentialsId,
            String awsCredentialsId) {
        return new ArtifactPlace(bucket, prefix, region, endpoint, pathStyle, filenameEncryption, filenameEncoding,
                directoryNameEncryption, Objects.requireNonNull(folder, "folder"), passwordCredentialsId,
                password2CredentialsId, awsCredentialsId);
    }

    public String bucket() {
        return bucket;
    }

    public String prefix() {
        return prefix;
    }

    public String region() {
        return region;
    }

    public String endpoint() {
        return endpoint;
    }

    public boolean pathStyle() {
        return pathStyle;
    }

    public String filenameEncryption() {
        return filenameEncryption;
    }

    public String filenameEncoding() {
        return filenameEncoding;
    }

    public boolean directoryNameEncryption() {
        return directoryNameEncryption;
    }

    /** Null: the global storage (also every build recorded before folders had their own). */
    public String source() {
        return source;
    }

    /** The folder's password credential id (null for a global build: the global configuration's, as it is now). */
    public String passwordCredentialsId() {
        return passwordCredentialsId;
    }

    public String password2CredentialsId() {
        return password2CredentialsId;
    }

    public String awsCredentialsId() {
        return awsCredentialsId;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + Objects.requireNonNullElse(prefix, "");
    }
}
