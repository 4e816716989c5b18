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
 * <p>Immutable; holds no credential id and no secret.
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

    public ArtifactPlace(String bucket, String prefix, String region, String endpoint, boolean pathStyle,
                  String filenameEncryption, String filenameEncoding, boolean directoryNameEncryption) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.region = region;
        this.endpoint = endpoint;
        this.pathStyle = pathStyle;
        this.filenameEncryption = filenameEncryption;
        this.filenameEncoding = filenameEncoding;
        this.directoryNameEncryption = directoryNameEncryption;
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

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + Objects.requireNonNullElse(prefix, "");
    }
}
