package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The controller's artifact settings beyond S3 and crypt: how long presigned URLs live, the
 * largest artifact the controller itself streams to a browser, and the clock that stamps
 * manifests. Immutable; {@link Builder#build()} checks every value. Part size and multipart
 * threshold come from {@link io.encsync.core.store.s3.S3Settings}, as for every other upload.
 */
public final class ArtifactOptions {
    /** SigV4 presigned URLs live at most seven days. */
    public static final Duration MAX_URL_EXPIRY = Duration.ofDays(7);

    private final Duration urlExpiry;
    private final long maxStreamSize;
    private final Clock clock;

    private ArtifactOptions(Builder b) {
        this.urlExpiry = b.urlExpiry;
        this.maxStreamSize = b.maxStreamSize;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ArtifactOptions defaults() {
        return builder().build();
    }

    /** How long each presigned URL stays valid; an agent transfer must finish within it. */
    public Duration urlExpiry() {
        return urlExpiry;
    }

    /** Largest plaintext the controller decrypts for one UI download; larger ones are refused. */
    public long maxStreamSize() {
        return maxStreamSize;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "ArtifactOptions[urlExpiry=" + urlExpiry + ", maxStreamSize=" + maxStreamSize + "]";
    }

    /** Defaults: URLs valid for one hour, UI downloads up to 4 GiB, the system clock. */
    public static final class Builder {
        private Duration urlExpiry = Duration.ofHours(1);
        private long maxStreamSize = 4L << 30;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder urlExpiry(Duration value) {
            this.urlExpiry = value;
            return this;
        }

        public Builder maxStreamSize(long value) {
            this.maxStreamSize = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public ArtifactOptions build() {
            Objects.requireNonNull(urlExpiry, "urlExpiry");
            Objects.requireNonNull(clock, "clock");
            if (urlExpiry.compareTo(Duration.ofSeconds(1)) < 0 || urlExpiry.compareTo(MAX_URL_EXPIRY) > 0) {
                throw EncsyncException.usage("urlExpiry must be between 1 second and 7 days (the SigV4 limit), was "
                        + urlExpiry);
            }
            if (maxStreamSize < 0) {
                throw EncsyncException.usage("maxStreamSize must be >= 0, was " + maxStreamSize);
            }
            return new ArtifactOptions(this);
        }
    }
}
