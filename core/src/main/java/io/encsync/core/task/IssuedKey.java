package io.encsync.core.task;

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
