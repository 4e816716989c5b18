package io.encsync.jenkins;

import java.util.Objects;

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
final class ArtifactPlace {
    private final String bucket;
    private final String prefix;
    private final String region;
    private final String endpoint;
    private final boolean pathStyle;
    private final String filenameEncryption;
    private final String filenameEncoding;
    private final boolean directoryNameEncryption;

    ArtifactPlace(String bucket, String prefix, String region, String endpoint, boolean pathStyle,
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

    String bucket() {
        return bucket;
    }

    String prefix() {
        return prefix;
    }

    String region() {
        return region;
    }

    String endpoint() {
        return endpoint;
    }

    boolean pathStyle() {
        return pathStyle;
    }

    String filenameEncryption() {
        return filenameEncryption;
    }

    String filenameEncoding() {
        return filenameEncoding;
    }

    boolean directoryNameEncryption() {
        return directoryNameEncryption;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + Objects.requireNonNullElse(prefix, "");
    }
}
