package io.encsync.core.provision;

import io.encsync.core.store.s3.S3Rules;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller wants provisioned: one bucket in one region and one IAM user allowed to sync
 * under a prefix of it. Immutable; {@link Builder#build()} checks every field against the S3 and
 * IAM naming rules, so an invalid request never reaches the network.
 */
public final class ProvisionRequest implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The IAM path used when none is given; lets an admin scope its own policy to {@code user/home/*}. */
    public static final String DEFAULT_USER_PATH = "/home/";
    public static final int DEFAULT_NONCURRENT_DAYS = 30;

    private final String bucket;
    private final String region;
    private final String userName;
    private final String userPath;
    private final String prefix;
    private final boolean versioning;
    private final int noncurrentDays;
    private final String kmsKeyId;
    private final boolean tlsOnly;
    private final URI endpoint;
    private final boolean adopt;
    private final boolean rotateKey;
    private final boolean force;

    private ProvisionRequest(Builder b) {
        this.bucket = NameRules.bucket(b.bucket);
        this.region = NameRules.region(b.region);
        boolean derived = b.userName == null;
        this.userName = NameRules.userName(derived ? "encsync-" + bucket : b.userName, derived);
        this.userPath = NameRules.userPath(b.userPath);
        this.prefix = NameRules.prefix(b.prefix);
        this.versioning = b.versioning;
        this.noncurrentDays = NameRules.noncurrentDays(b.noncurrentDays);
        this.kmsKeyId = NameRules.kmsKey(b.kmsKeyId);
        this.tlsOnly = b.tlsOnly;
        this.endpoint = NameRules.endpoint(b.endpoint);
        this.adopt = b.adopt;
        this.rotateKey = b.rotateKey;
        this.force = b.force;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bucket() {
        return bucket;
    }

    public String region() {
        return region;
    }

    /** The IAM user name; {@code encsync-<bucket>} unless one was given. */
    public String userName() {
        return userName;
    }

    public String userPath() {
        return userPath;
    }

    /** The key prefix the user may touch: empty (the whole bucket) or ending in {@code /}. */
    public String prefix() {
        return prefix;
    }

    public boolean versioning() {
        return versioning;
    }

    /** Days after which a replaced or deleted version expires (only when versioning is on). */
    public int noncurrentDays() {
        return noncurrentDays;
    }

    /** SSE-KMS key, or empty for SSE-S3. */
    public Optional<String> kmsKeyId() {
        return Optional.ofNullable(kmsKeyId);
    }

    public boolean tlsOnly() {
        return tlsOnly;
    }

    /** One endpoint for S3, IAM and STS (an emulator or S3-compatible server), or empty for AWS. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** Take over an existing bucket or user that carries no {@code managed-by=encsync} tag. */
    public boolean adopt() {
        return adopt;
    }

    /** Replace the user's access key even when it already has one. */
    public boolean rotateKey() {
        return rotateKey;
    }

    /** On destroy: delete every object version and delete marker of a non-empty bucket. */
    public boolean force() {
        return force;
    }

    @Override
    public String toString() {
        return "ProvisionRequest[bucket=" + bucket + ", region=" + region + ", user=" + userPath + userName
                + ", prefix=" + prefix + ", versioning=" + versioning + ", tlsOnly=" + tlsOnly + "]";
    }

    /** Collects the inputs; {@link #build()} validates them all. */
    public static final class Builder {
        private String bucket;
        private String region;
        private String userName;
        private String userPath = DEFAULT_USER_PATH;
        private String prefix = "";
        private boolean versioning = true;
        private int noncurrentDays = DEFAULT_NONCURRENT_DAYS;
        private String kmsKeyId;
        private boolean tlsOnly = true;
        private URI endpoint;
        private boolean adopt;
        private boolean rotateKey;
        private boolean force;

        private Builder() {
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket == null ? null : bucket.strip();
            return this;
        }

        public Builder region(String region) {
            this.region = region == null ? null : region.strip();
            return this;
        }

        /** {@code null} or blank derives {@code encsync-<bucket>}. */
        public Builder userName(String userName) {
            this.userName = userName == null || userName.isBlank() ? null : userName.strip();
            return this;
        }

        /** {@code null} or blank means {@value #DEFAULT_USER_PATH}. */
        public Builder userPath(String userPath) {
            this.userPath = userPath == null || userPath.isBlank() ? DEFAULT_USER_PATH : userPath.strip();
            return this;
        }

        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNullElse(prefix, "");
            return this;
        }

        public Builder versioning(boolean versioning) {
            this.versioning = versioning;
            return this;
        }

        public Builder noncurrentDays(int noncurrentDays) {
            this.noncurrentDays = noncurrentDays;
            return this;
        }

        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        public Builder tlsOnly(boolean tlsOnly) {
            this.tlsOnly = tlsOnly;
            return this;
        }

        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The endpoint as typed ({@link S3Rules#endpoint(String)}); null or blank means AWS. */
        public Builder endpoint(String endpoint) {
            this.endpoint = S3Rules.endpoint(endpoint);
            return this;
        }

        public Builder adopt(boolean adopt) {
            this.adopt = adopt;
            return this;
        }

        public Builder rotateKey(boolean rotateKey) {
            this.rotateKey = rotateKey;
            return this;
        }

        public Builder force(boolean force) {
            this.force = force;
            return this;
        }

        /** @throws io.encsync.core.EncsyncException (usage) naming the first rule an input breaks */
        public ProvisionRequest build() {
            return new ProvisionRequest(this);
        }
    }
}
