package io.encsync.core.artifacts;

import io.encsync.core.store.s3.S3Location;
import io.encsync.core.manifest.Manifest;
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
 *
 * <p>The set's manifest is sealed for its place ({@link #binding()}: bucket and root), so a copy
 * of another set's manifest and objects over this one is refused. Manifests written before sets
 * were bound carry no binding and are accepted, unless {@code bindingRequired} (for a set known
 * to have been archived by a version that binds, e.g. one whose path holds a per-build storage id).
 */
public record ArtifactSet(String bucket, String root, String label, boolean bindingRequired) {
    /** A set whose manifest may be an unbound one written before sets were bound (see the class comment). */
    public ArtifactSet(String bucket, String root, String label) {
        this(bucket, root, label, false);
    }

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

    /**
     * The place the set's manifest is sealed for: {@code s3://bucket/root}. Not the endpoint, so a
     * bucket moved to another S3 provider under its name still reads.
     */
    public String binding() {
        return location();
    }

    /** This set, refusing a manifest that carries no binding (see the class comment). */
    public ArtifactSet requireBinding() {
        return new ArtifactSet(bucket, root, label, true);
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
