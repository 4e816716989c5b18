package io.encsync.core.aws;

import io.encsync.core.keys.SecretBytes;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * An access key that provisioning created: the id (not secret) and the secret key (in a holder
 * that never prints). The front end stores it where it belongs (a Jenkins credential) and nowhere else.
 */
public final class IssuedKey implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String accessKeyId;
    private final SecretBytes secretKey;

    public IssuedKey(String accessKeyId, SecretBytes secretKey) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
    }

    /**
     * The description a front end gives the credential that stores the key of {@code bucket}'s user:
     * readable text naming the bucket and {@code origin} (who created it, e.g. a build), ending in a
     * marker that {@link #isCredentialFor} recognises.
     *
     * <p>Why a marker: a front end must only ever replace or delete credentials that provisioning
     * itself created, and only the one for the same bucket, so that a build cannot overwrite or
     * remove an unrelated credential by naming its id. A credential store keeps no metadata of its
     * own beyond type, id and description, so the description carries the mark. Square brackets
     * are removed from {@code origin}, and bucket names cannot contain them, so the marker at the
     * end cannot be forged through the origin text.
     */
    public static String credentialDescription(String bucket, String origin) {
        String from = origin == null ? "" : origin.replace("[", "").replace("]", "").replace("\n", " ").strip();
        return "Access key of the encsync user of s3://" + bucket + (from.isEmpty() ? "" : ", created by " + from)
                + " " + marker(bucket);
    }

    /** Whether {@code description} is one that {@link #credentialDescription} made for {@code bucket}. */
    public static boolean isCredentialFor(String description, String bucket) {
        return description != null && bucket != null && description.endsWith(" " + marker(bucket));
    }

    private static String marker(String bucket) {
        return "[encsync-provisioned s3://" + bucket + "]";
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public SecretBytes secretKey() {
        return secretKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IssuedKey k && accessKeyId.equals(k.accessKeyId) && secretKey.equals(k.secretKey);
    }

    @Override
    public int hashCode() {
        return accessKeyId.hashCode();
    }

    @Override
    public String toString() {
        return "IssuedKey[" + accessKeyId + "]";
    }
}
