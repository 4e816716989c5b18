package io.encsync.core.provision;

import io.encsync.core.keys.SecretBytes;
import java.util.Objects;

/**
 * A newly created IAM access key: its id (not secret) and its secret access key, which AWS shows
 * only once. Not a record, so that no generated {@code toString} can ever print the secret.
 */
public final class AccessKey {
    private final String accessKeyId;
    private final SecretBytes secretAccessKey;

    public AccessKey(String accessKeyId, SecretBytes secretAccessKey) {
        this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
        this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    /** The secret; the caller decides where it goes (a credential store, a 0600 file) and nowhere else. */
    public SecretBytes secretAccessKey() {
        return secretAccessKey;
    }

    @Override
    public String toString() {
        return "AccessKey[id=" + accessKeyId + ", secret=(hidden)]";
    }
}
