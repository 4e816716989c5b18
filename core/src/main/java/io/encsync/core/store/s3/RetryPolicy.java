package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * How hard every S3 request is tried, whoever sends it: the controller and the CLI through the AWS
 * SDK ({@link S3Clients#retryStrategy} builds the SDK's strategy from this), and agents through
 * presigned URLs with the JDK's HTTP client (the artifact storage's {@code AgentHttp}, which has no
 * SDK). One rule: an answer is retried when its HTTP status is a 5xx, 408 or 429, or its S3 error
 * code is one of {@link #RETRYABLE_CODES}; a connection error is always retried; any other answer
 * is final. Attempt {@code n} (from 1) waits a random time from 0 to
 * {@code min(maxBackoff, base × 2^(n−1))} (exponential backoff with full jitter), where the base is
 * {@link #throttlingBackoffBase()} after S3 asked to slow down and {@link #backoffBase()} otherwise.
 *
 * <p>Immutable and serializable; uses no AWS SDK type, so it loads on an agent without one.
 */
public final class RetryPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** S3 error codes retried whatever their status (S3 sends some of them with a 400). */
    public static final Set<String> RETRYABLE_CODES = Set.of("RequestTimeout", "InternalError", "SlowDown",
            "ServiceUnavailable", "Throttling", "ThrottlingException", "RequestLimitExceeded",
            "TooManyRequestsException");
    /** Codes by which S3 asks the caller to slow down: their backoff starts at the throttling base. */
    static final Set<String> THROTTLING_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequestsException");

    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration throttlingBackoffBase;
    private final Duration maxBackoff;

    private RetryPolicy(Builder b) {
        maxAttempts = b.maxAttempts;
        backoffBase = b.backoffBase;
        throttlingBackoffBase = b.throttlingBackoffBase;
        maxBackoff = b.maxBackoff;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** 10 attempts; backoff from 200 ms (1 s after throttling) up to 20 s. */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder().maxAttempts(maxAttempts).backoffBase(backoffBase)
                .throttlingBackoffBase(throttlingBackoffBase).maxBackoff(maxBackoff);
    }

    /** Attempts per request, the first included. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Base of the exponential backoff (full jitter) after 5xx and connection errors. */
    public Duration backoffBase() {
        return backoffBase;
    }

    /** Base of the exponential backoff after throttling (503 SlowDown): longer, to let the bucket recover. */
    public Duration throttlingBackoffBase() {
        return throttlingBackoffBase;
    }

    /** Upper bound of one backoff delay. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Whether an answer with {@code status} and S3 error {@code code} (null when none) is worth another attempt. */
    public static boolean retryable(int status, String code) {
        return status >= 500 || status == 408 || status == 429 || (code != null && RETRYABLE_CODES.contains(code));
    }

    /** Whether the answer asks the caller to slow down. */
    public static boolean throttling(int status, String code) {
        return status == 429 || (code != null && THROTTLING_CODES.contains(code));
    }

    /**
     * The wait before attempt {@code attempt + 1} after attempt {@code attempt} (from 1) failed:
     * uniform in {@code [0, min(maxBackoff, base × 2^(attempt−1))]}.
     */
    public Duration delay(int attempt, boolean throttled, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        long base = (throttled ? throttlingBackoffBase : backoffBase).toMillis();
        long cap = Math.min(maxBackoff.toMillis(), base << Math.min(attempt - 1, 20));
        return Duration.ofMillis(random.nextLong(cap + 1));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy p && maxAttempts == p.maxAttempts && backoffBase.equals(p.backoffBase)
                && throttlingBackoffBase.equals(p.throttlingBackoffBase) && maxBackoff.equals(p.maxBackoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, backoffBase, throttlingBackoffBase, maxBackoff);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", backoffBase=" + backoffBase + ", throttlingBackoffBase="
                + throttlingBackoffBase + ", maxBackoff=" + maxBackoff + "]";
    }

    /** Collects the values; {@link #build()} checks them. */
    public static final class Builder {
        private int maxAttempts = 10;
        private Duration backoffBase = Duration.ofMillis(200);
        private Duration throttlingBackoffBase = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(20);

        private Builder() {
        }

        public Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        public Builder backoffBase(Duration value) {
            backoffBase = value;
            return this;
        }

        public Builder throttlingBackoffBase(Duration value) {
            throttlingBackoffBase = value;
            return this;
        }

        public Builder maxBackoff(Duration value) {
            maxBackoff = value;
            return this;
        }

        public RetryPolicy build() {
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw EncsyncException.usage("maxAttempts must be between 1 and 100, was " + maxAttempts);
            }
            positive("backoffBase", backoffBase);
            positive("throttlingBackoffBase", throttlingBackoffBase);
            positive("maxBackoff", maxBackoff);
            return new RetryPolicy(this);
        }

        private static void positive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw EncsyncException.usage(name + " must be positive, was " + value);
            }
        }
    }
}
