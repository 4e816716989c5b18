package io.encsync.core.artifacts;

import io.encsync.core.store.s3.S3Location;
import io.encsync.core.sync.Manifest;
import java.util.Objects;

/**
 * One archived set: a build's artifacts or one of its stashes. Its {@link #root()} (a key prefix
 * ending in {@code /}) is a crypt root of its own: every object below it is
 * {@code root + encryptFileName(path)}, plus the set's manifest at {@code root + }
 * {@value Manifest#KEY}, a name rclone skips. So a stock rclone crypt remote pointed at
 * {@code bucket/root} lists and restores exactly the set's files.
 *
 * <p>Made by {@link ArtifactBuild#artifacts()} and {@link ArtifactBuild#stash(String)}, which
 * validate the parts; {@code label} is for messages ("artifacts of folder/job #12").
 */
public record ArtifactSet(String bucket, String root, String label) {
    public ArtifactSet {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(label, "label");
        if (!root.endsWith("/") || root.startsWith("/")) {
            throw new IllegalArgumentException("root must be a relative key prefix ending in '/', was " + root);
        }
    }

    /** The S3 key of the object whose encrypted name is {@code encryptedName}. */
    public String objectKey(String encryptedName) {
        return root + encryptedName;
    }

    /** The S3 key of the set's manifest. */
    public String manifestKey() {
        return root + Manifest.KEY;
    }

    /** {@code s3://bucket/root}, for messages. */
    public String location() {
        return "s3://" + bucket + "/" + root;
    }

    /**
     * The set's root as a crypt remote's location, e.g. for
     * {@link io.encsync.core.rclone.RcloneConfig} to restore the set with stock rclone.
     */
    public S3Location s3Location() {
        return new S3Location(bucket, root.substring(0, root.length() - 1));
    }

    @Override
    public String toString() {
        return label + " (" + location() + ")";
    }
}
