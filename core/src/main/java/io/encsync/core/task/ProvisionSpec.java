package io.encsync.core.task;

import java.io.Serial;
import java.io.Serializable;

/**
 * The inputs of a provisioning request as plain serializable data; {@link Builder#build()}
 * validates them with the same rules (and messages) as the provisioning engine.
 */
public final class ProvisionSpec implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String bucket;
    private final String region;
    private final String userName;
    private final String userPath;
    private final boolean versioning;
    private final boolean tlsOnly;
    private final boolean force;
    private final String endpoint;

    private ProvisionSpec(Builder b) {
        this.bucket = b.bucket == null ? null : b.bucket.strip();
        this.region = b.region == null ? null : b.region.strip();
        this.userName = b.userName == null || b.userName.isBlank() ? null : b.userName.strip();
        this.userPath = b.userPath == null || b.userPath.isBlank() ? null : b.userPath.strip();
        this.versioning = b.versioning;
        this.tlsOnly = b.tlsOnly;
        this.force = b.force;
        this.endpoint = b.endpoint == null || b.endpoint.isBlank() ? null : b.endpoint.strip();
        Engines.validate(this);
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

    /** The IAM user name, or null to derive {@code encsync-<bucket>}. */
    public String userName() {
        return userName;
    }

    /** The IAM path, or null for the engine's default. */
    public String userPath() {
        return userPath;
    }

    public boolean versioning() {
        return versioning;
    }

    public boolean tlsOnly() {
        return tlsOnly;
    }

    public boolean force() {
        return force;
    }

    /** One endpoint for S3, IAM and STS (an S3-compatible server or emulator), or null for AWS. */
    public String endpoint() {
        return endpoint;
    }

    @Override
    public String toString() {
        return "s3://" + bucket + " in " + region + (userName == null ? "" : " user " + userName)
                + (versioning ? " versioned" : "") + (tlsOnly ? " tls-only" : "");
    }

    public static final class Builder {
        private String bucket;
        private String region;
        private String userName;
        private String userPath;
        private boolean versioning = true;
        private boolean tlsOnly = true;
        private boolean force;
        private String endpoint;

        private Builder() {
        }

        public Builder bucket(String v) {
            bucket = v;
            return this;
        }

        public Builder region(String v) {
            region = v;
            return this;
        }

        public Builder userName(String v) {
            userName = v;
            return this;
        }

        public Builder userPath(String v) {
            userPath = v;
            return this;
        }

        public Builder versioning(boolean v) {
            versioning = v;
            return this;
        }

        public Builder tlsOnly(boolean v) {
            tlsOnly = v;
            return this;
        }

        public Builder force(boolean v) {
            force = v;
            return this;
        }

        public Builder endpoint(String v) {
            endpoint = v;
            return this;
        }

        public ProvisionSpec build() {
            return new ProvisionSpec(this);
        }
    }
}
