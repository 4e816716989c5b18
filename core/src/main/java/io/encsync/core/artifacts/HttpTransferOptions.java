package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.aws.ProxySettings;
import io.encsync.core.store.s3.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How an agent transfers through presigned URLs: how many files at once, timeouts, the proxy, and
 * how hard to retry a request ({@link RetryPolicy}, the same rule as the SDK's). Immutable;
 * {@link Builder#build()} checks every value.
 */
public final class HttpTransferOptions {
    /** As core's S3 store and rclone: four transfers at once. */
    public static final int DEFAULT_TRANSFERS = 4;

    private final int transfers;
    private final RetryPolicy retryPolicy;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final ProxySettings proxy;
    private final Duration readTimeout;

    private HttpTransferOptions(Builder b) {
        transfers = b.transfers;
        retryPolicy = b.retry.build();
        connectTimeout = b.connectTimeout;
        requestTimeout = b.requestTimeout;
        proxy = b.proxy;
        readTimeout = b.readTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static HttpTransferOptions defaults() {
        return builder().build();
    }

    /** Files transferred at once; also the number of multipart part buffers (memory: parts × part size). */
    public int transfers() {
        return transfers;
    }

    /** How hard each request is tried: the same rule and defaults as every SDK client of core. */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Limit for one attempt, from sending the request to receiving the response headers. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The HTTP proxy to go through (the controller's setting), or empty for direct connections. */
    public Optional<ProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    /**
     * Limit for a download to go quiet: for its answer's headers, then between any two reads of
     * its body. A stalled server fails the attempt (and it is retried) instead of hanging the build.
     */
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public String toString() {
        return "HttpTransferOptions[transfers=" + transfers + ", " + retryPolicy + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", readTimeout=" + readTimeout
                + (proxy == null ? "" : ", " + proxy) + "]";
    }

    /**
     * Defaults: 4 transfers, {@link RetryPolicy#defaults()}, 10 s to connect, 15 minutes per attempt,
     * and a download that stays silent for 60 s fails its attempt.
     */
    public static final class Builder {
        private int transfers = DEFAULT_TRANSFERS;
        private RetryPolicy.Builder retry = RetryPolicy.builder();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofMinutes(15);
        private ProxySettings proxy;
        private Duration readTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** The proxy to go through, or null for none. */
        public Builder proxy(ProxySettings value) {
            proxy = value;
            return this;
        }

        public Builder transfers(int value) {
            transfers = value;
            return this;
        }

        /** All retry values at once. */
        public Builder retryPolicy(RetryPolicy value) {
            retry = value.toBuilder();
            return this;
        }

        public Builder maxAttempts(int value) {
            retry.maxAttempts(value);
            return this;
        }

        public Builder backoffBase(Duration value) {
            retry.backoffBase(value);
            return this;
        }

        public Builder throttlingBackoffBase(Duration value) {
            retry.throttlingBackoffBase(value);
            return this;
        }

        public Builder maxBackoff(Duration value) {
            retry.maxBackoff(value);
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder requestTimeout(Duration value) {
            requestTimeout = value;
            return this;
        }

        public Builder readTimeout(Duration value) {
            readTimeout = value;
            return this;
        }

        public HttpTransferOptions build() {
            if (transfers < 1 || transfers > 64) {
                throw EncsyncException.usage("transfers must be between 1 and 64, was " + transfers);
            }
            retry.build(); // checks attempts and backoff
            positive("connectTimeout", connectTimeout);
            positive("requestTimeout", requestTimeout);
            positive("readTimeout", readTimeout);
            return new HttpTransferOptions(this);
        }

        private static void positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw EncsyncException.usage(name + " must be positive, was " + value);
            }
        }
    }
}
