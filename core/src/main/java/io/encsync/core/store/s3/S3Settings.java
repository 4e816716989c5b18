package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.LogText;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * How to reach S3 and how hard to try: region, endpoint, addressing, credentials, retry budget and
 * upload tuning. Immutable; built and validated by {@link Builder#build()}, which reports a bad
 * value as a usage error ("X must be …, was …").
 *
 * <p>Serializable so a Jenkins agent callable can carry it; the credentials provider override is
 * transient (it may hold keys and is rarely serializable): re-attach it on the agent with
 * {@link #toBuilder()}. {@link #toString()} never names credentials.
 */
public final class S3Settings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final long MIB = 1024L * 1024L;
    /** S3 refuses parts below 5 MiB (except the last) and single PUTs above 5 GiB. */
    public static final long MIN_PART_SIZE = 5 * MIB;
    public static final long MAX_PART_SIZE = 5 * 1024 * MIB;
    /** S3 allows at most this many parts in one multipart upload. */
    public static final int MAX_PARTS = 10_000;

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** The storage classes S3 accepts in {@code x-amz-storage-class}; no class means the bucket's default. */
    public static final List<String> STORAGE_CLASSES = List.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA",
            "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "GLACIER_IR", "DEEP_ARCHIVE", "OUTPOSTS", "EXPRESS_ONEZONE");

    private final String region;
    private final URI endpoint;
    private final boolean pathStyle;
    private final String storageClass;
    private final String profile;
    private final transient AwsCredentialsProvider credentialsProvider;
    private final transient ProxyConfiguration proxy;
    private final RetryPolicy retryPolicy;
    private final Duration totalRetryBudget;
    private final Duration apiCallAttemptTimeout;
    private final Duration socketTimeout;
    private final long partSize;
    private final long multipartThreshold;
    private final int uploadConcurrency;

    private S3Settings(Builder b) {
        region = b.region;
        endpoint = b.endpoint;
        pathStyle = b.pathStyle;
        storageClass = b.storageClass;
        profile = b.profile;
        credentialsProvider = b.credentialsProvider;
        proxy = b.proxy;
        retryPolicy = b.retry.build();
        totalRetryBudget = b.totalRetryBudget;
        apiCallAttemptTimeout = b.apiCallAttemptTimeout;
        socketTimeout = b.socketTimeout;
        partSize = b.partSize;
        multipartThreshold = b.multipartThreshold;
        uploadConcurrency = b.uploadConcurrency;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults everywhere: region and credentials from the SDK's default chains. */
    public static S3Settings defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.region = region;
        b.endpoint = endpoint;
        b.pathStyle = pathStyle;
        b.storageClass = storageClass;
        b.profile = profile;
        b.credentialsProvider = credentialsProvider;
        b.proxy = proxy;
        b.retry = retryPolicy.toBuilder();
        b.totalRetryBudget = totalRetryBudget;
        b.apiCallAttemptTimeout = apiCallAttemptTimeout;
        b.socketTimeout = socketTimeout;
        b.partSize = partSize;
        b.multipartThreshold = multipartThreshold;
        b.uploadConcurrency = uploadConcurrency;
        return b;
    }

    /** The configured region; empty means the SDK chain (or us-east-1 with a custom endpoint). */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** A custom endpoint (MinIO, Ceph, R2, moto); empty means AWS. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** {@code true}: {@code https://host/bucket/key}; {@code false}: {@code https://bucket.host/key}. */
    public boolean pathStyle() {
        return pathStyle;
    }

    /**
     * The storage class of the data objects a store built from these settings writes (and of
     * artifacts uploaded through presigned URLs); empty means the bucket's default. encsync's own
     * manifests and locks stay in the bucket's default: every run reads the manifest first, and
     * an archive class (GLACIER, DEEP_ARCHIVE) would make it unreadable until restored.
     */
    public Optional<String> storageClass() {
        return Optional.ofNullable(storageClass);
    }

    /** The message {@link Builder#storageClass} and {@link Builder#build()} give for {@code value}, or empty. */
    public static Optional<String> checkStorageClass(String value) {
        return EncsyncException.usageProblem(() -> storageClassOf(value));
    }

    /** {@code value} as S3 spells it (upper case), or null for blank; a usage error when S3 has no such class. */
    static String storageClassOf(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!STORAGE_CLASSES.contains(v)) {
            throw EncsyncException.usage("storage class '" + LogText.escape(value.strip()) + "' is not one S3 knows"
                    + " — use one of " + String.join(", ", STORAGE_CLASSES) + ", or leave it empty for the bucket's default");
        }
        return v;
    }

    /** A named profile of the shared AWS config files; empty means the default chain. */
    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    /** An explicit credentials provider (Jenkins credentials, provisioned keys); wins over the profile. */
    public Optional<AwsCredentialsProvider> credentialsProvider() {
        return Optional.ofNullable(credentialsProvider);
    }

    /** An HTTP proxy for every client built from these settings (one a front end captured elsewhere). */
    public Optional<ProxyConfiguration> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** How hard each request is tried: attempts, retried answers, backoff (the agents' presigned transfers use the same). */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Attempts per request, the first included ({@link RetryPolicy#maxAttempts()}). */
    public int maxAttempts() {
        return retryPolicy.maxAttempts();
    }

    /** Wall-clock limit for one request including all its retries and backoff. */
    public Duration totalRetryBudget() {
        return totalRetryBudget;
    }

    /** Base of the exponential backoff (full jitter) after 5xx and connection errors. */
    public Duration backoffBase() {
        return retryPolicy.backoffBase();
    }

    /** Base of the exponential backoff after throttling (503 SlowDown): longer, to let the bucket recover. */
    public Duration throttlingBackoffBase() {
        return retryPolicy.throttlingBackoffBase();
    }

    /** Upper bound of one backoff delay. */
    public Duration maxBackoff() {
        return retryPolicy.maxBackoff();
    }

    /** Limit for a single attempt; empty means only the socket timeout bounds it. */
    public Optional<Duration> apiCallAttemptTimeout() {
        return Optional.ofNullable(apiCallAttemptTimeout);
    }

    /** How long a connection may stay silent before the attempt fails (and is retried). */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** Size of each multipart part, and of each upload buffer. */
    public long partSize() {
        return partSize;
    }

    /** Objects of this size or larger go up as multipart uploads; smaller ones in one PUT. */
    public long multipartThreshold() {
        return multipartThreshold;
    }

    /** Parts uploaded at once; multipart memory is at most {@code partSize × uploadConcurrency}. */
    public int uploadConcurrency() {
        return uploadConcurrency;
    }

    /** Region, endpoint, addressing and storage class, for messages: {@code region=eu-west-1 endpoint=https://h path-style}. */
    public String describeAddress() {
        return ("region=" + (region == null ? "(default)" : region) + (endpoint == null ? "" : " endpoint=" + endpoint)
                + (pathStyle ? " path-style" : "") + (storageClass == null ? "" : " storage-class=" + storageClass));
    }

    /**
     * Equal when every setting is; the credentials provider and proxy (which do not travel) compare
     * by identity. Lets a front end share one client between equal settings.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof S3Settings s && Objects.equals(region, s.region) && Objects.equals(endpoint, s.endpoint)
                && pathStyle == s.pathStyle && Objects.equals(storageClass, s.storageClass)
                && Objects.equals(profile, s.profile) && credentialsProvider == s.credentialsProvider && proxy == s.proxy
                && retryPolicy.equals(s.retryPolicy) && totalRetryBudget.equals(s.totalRetryBudget)
                && Objects.equals(apiCallAttemptTimeout, s.apiCallAttemptTimeout)
                && socketTimeout.equals(s.socketTimeout) && partSize == s.partSize
                && multipartThreshold == s.multipartThreshold && uploadConcurrency == s.uploadConcurrency;
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, endpoint, pathStyle, storageClass, profile, partSize);
    }

    /** The message {@link Builder#build()} gives for {@code region} (null or blank means the default chain), or empty. */
    public static Optional<String> checkRegion(String region) {
        return EncsyncException.usageProblem(() -> builder().region(region).build());
    }

    @Override
    public String toString() {
        String credentials = credentialsProvider != null ? "explicit"
                : profile != null ? "profile " + profile : "default chain";
        return "S3Settings{region=" + (region == null ? "(default)" : region)
                + ", endpoint=" + (endpoint == null ? "(AWS)" : endpoint)
                + ", pathStyle=" + pathStyle
                + (storageClass == null ? "" : ", storageClass=" + storageClass)
                + ", credentials=" + credentials
                + ", maxAttempts=" + retryPolicy.maxAttempts()
                + ", totalRetryBudget=" + totalRetryBudget
                + ", partSize=" + partSize
                + ", multipartThreshold=" + multipartThreshold
                + ", uploadConcurrency=" + uploadConcurrency + "}";
    }

    /** Collects settings; {@link #build()} checks them all. */
    public static final class Builder {
        private String region;
        private URI endpoint;
        private ProxyConfiguration proxy;
        private boolean pathStyle;
        private String storageClass;
        private String profile;
        private AwsCredentialsProvider credentialsProvider;
        private RetryPolicy.Builder retry = RetryPolicy.builder();
        private Duration totalRetryBudget = Duration.ofMinutes(5);
        private Duration apiCallAttemptTimeout;
        private Duration socketTimeout = Duration.ofSeconds(30);
        private long partSize = 16 * MIB;
        private long multipartThreshold = 64 * MIB;
        private int uploadConcurrency = 4;

        private Builder() {
        }

        /** The region; null or blank means the SDK's region chain (or us-east-1 with an endpoint). */
        public Builder region(String region) {
            this.region = region == null || region.isBlank() ? null : region.strip();
            return this;
        }

        /** The endpoint of an S3-compatible server (checked by {@link S3Rules#endpoint(URI)}); null means AWS. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** {@link #endpoint(URI)} as typed; null or blank means AWS. */
        public Builder endpoint(String endpoint) {
            this.endpoint = S3Rules.endpoint(endpoint);
            return this;
        }

        /**
         * The storage class of written objects, one of {@link #STORAGE_CLASSES} in any case; null
         * or blank means the bucket's default.
         */
        public Builder storageClass(String storageClass) {
            this.storageClass = storageClassOf(storageClass);
            return this;
        }

        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public Builder profile(String profile) {
            this.profile = profile;
            return this;
        }

        public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        public Builder proxy(ProxyConfiguration proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder maxAttempts(int maxAttempts) {
            retry.maxAttempts(maxAttempts);
            return this;
        }

        /** All four retry values at once. */
        public Builder retryPolicy(RetryPolicy policy) {
            retry = policy.toBuilder();
            return this;
        }

        public Builder totalRetryBudget(Duration totalRetryBudget) {
            this.totalRetryBudget = totalRetryBudget;
            return this;
        }

        public Builder backoffBase(Duration backoffBase) {
            retry.backoffBase(backoffBase);
            return this;
        }

        public Builder throttlingBackoffBase(Duration throttlingBackoffBase) {
            retry.throttlingBackoffBase(throttlingBackoffBase);
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            retry.maxBackoff(maxBackoff);
            return this;
        }

        public Builder apiCallAttemptTimeout(Duration apiCallAttemptTimeout) {
            this.apiCallAttemptTimeout = apiCallAttemptTimeout;
            return this;
        }

        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = socketTimeout;
            return this;
        }

        public Builder partSize(long partSize) {
            this.partSize = partSize;
            return this;
        }

        public Builder multipartThreshold(long multipartThreshold) {
            this.multipartThreshold = multipartThreshold;
            return this;
        }

        public Builder uploadConcurrency(int uploadConcurrency) {
            this.uploadConcurrency = uploadConcurrency;
            return this;
        }

        public S3Settings build() {
            if (region != null && !REGION.matcher(region).matches()) {
                throw EncsyncException.usage("region must look like eu-west-1, was '" + LogText.escape(region) + "'");
            }
            endpoint = S3Rules.endpoint(endpoint);
            if (profile != null && (profile.isBlank() || !profile.strip().equals(profile))) {
                throw EncsyncException.usage("profile must be a non-blank name without surrounding spaces, was '" + profile + "'");
            }
            retry.build(); // checks attempts and backoff
            requirePositive("totalRetryBudget", totalRetryBudget);
            requirePositive("socketTimeout", socketTimeout);
            if (apiCallAttemptTimeout != null) {
                requirePositive("apiCallAttemptTimeout", apiCallAttemptTimeout);
            }
            if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE || partSize > Integer.MAX_VALUE - 8) {
                throw EncsyncException.usage("partSize must be between 5 MiB and 2 GiB (S3 minimum, Java array limit), was " + partSize);
            }
            if (multipartThreshold < 0 || multipartThreshold > MAX_PART_SIZE) {
                throw EncsyncException.usage("multipartThreshold must be between 0 and 5 GiB (the largest single PUT), was " + multipartThreshold);
            }
            if (uploadConcurrency < 1 || uploadConcurrency > 64) {
                throw EncsyncException.usage("uploadConcurrency must be between 1 and 64, was " + uploadConcurrency);
            }
            return new S3Settings(this);
        }

        private static void requirePositive(String name, Duration value) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw EncsyncException.usage(name + " must be positive, was " + value);
            }
        }
    }
}
