package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds AWS SDK clients from {@link S3Settings}: the same region, endpoint, credentials and retry
 * rules for S3 and for provisioning (IAM, STS). Each client owns a pooled Apache HttpClient 5
 * (the SDK's successor to the deprecated apache-client) and closes it with itself; build one per
 * run and reuse it, so connections are reused.
 *
 * <p>TLS trust comes from the JVM's trust store. {@code AWS_CA_BUNDLE} (an AWS CLI and boto
 * setting, set on our build machines) is not read by the Java SDK and does not disturb it; every
 * S3 test runs with it set.
 */
public final class S3Clients {
    /** A custom endpoint without a region: most S3-compatible servers ignore it, SigV4 needs one. */
    static final Region CUSTOM_ENDPOINT_REGION = Region.US_EAST_1;

    private S3Clients() {
    }

    /** An S3 client; {@code publishers} see every API call's metrics (retry counts). */
    public static S3Client s3(S3Settings settings, MetricPublisher... publishers) {
        return s3(settings, settings.uploadConcurrency() * 2 + 8, publishers);
    }

    /**
     * An S3 client with a connection pool of its own of {@code maxConnections}: for uses that must
     * not compete with transfers for connections (a build page's downloads).
     */
    public static S3Client s3(S3Settings settings, int maxConnections, MetricPublisher... publishers) {
        var builder = S3Client.builder()
                .region(region(settings))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(httpClient(settings, maxConnections))
                .overrideConfiguration(overrides(settings, List.of(publishers)))
                .forcePathStyle(settings.pathStyle())
                // We send Content-MD5 ourselves: that makes the ETag the MD5 rclone compares, and
                // S3 verifies it. The SDK's extra CRC32 trailers (aws-chunked) are refused by several
                // S3-compatible servers, and response CRCs are replaced by our MD5 check on download.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // Over plain http the SDK must sign the payload; by default it does so in
                // aws-chunked form (a SHA-256 and an HMAC per 128 KiB chunk, through a chain of
                // stream wrappers that costs the JIT seconds). One SHA-256 of the whole body signs
                // it as well: our bodies are byte arrays or re-openable content. Over https (AWS)
                // the payload is not signed either way, so this changes nothing there.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** An IAM client for provisioning; IAM is global on AWS, so the region is aws-global there. */
    public static IamClient iam(S3Settings settings) {
        var builder = IamClient.builder()
                .region(settings.endpoint().isPresent() ? region(settings) : Region.AWS_GLOBAL)
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(httpClient(settings, 8))
                .overrideConfiguration(overrides(settings, List.of()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** An STS client (who am I, temporary credentials) in the same region as S3. */
    public static StsClient sts(S3Settings settings) {
        var builder = StsClient.builder()
                .region(region(settings))
                .credentialsProvider(credentials(settings))
                .httpClientBuilder(httpClient(settings, 8))
                .overrideConfiguration(overrides(settings, List.of()));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The region: the configured one; else us-east-1 with a custom endpoint; else the SDK chain
     * ({@code AWS_REGION}, the profile's region, instance metadata).
     */
    public static Region region(S3Settings settings) {
        if (settings.region().isPresent()) {
            return Region.of(settings.region().get());
        }
        if (settings.endpoint().isPresent()) {
            return CUSTOM_ENDPOINT_REGION;
        }
        try {
            var chain = DefaultAwsRegionProviderChain.builder();
            settings.profile().ifPresent(chain::profileName);
            return chain.build().getRegion();
        } catch (SdkClientException e) {
            throw EncsyncException.usage("no AWS region is configured — pass --region (e.g. --region eu-west-1) "
                    + "or set AWS_REGION, or a region in your AWS profile");
        }
    }

    /** The explicit provider, else the named profile, else the SDK's default chain. */
    public static AwsCredentialsProvider credentials(S3Settings settings) {
        if (settings.credentialsProvider().isPresent()) {
            return settings.credentialsProvider().get();
        }
        if (settings.profile().isPresent()) {
            return ProfileCredentialsProvider.builder().profileName(settings.profile().get()).build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /**
     * The SDK's strategy for {@link S3Settings#retryPolicy()}: its attempts and backoff (exponential
     * with full jitter, the throttling base after throttling), and every answer the policy retries
     * besides those the SDK's standard strategy retries anyway (5xx, throttling, connection
     * errors); permanent errors (4xx other than throttling) are not retried. The token-bucket
     * circuit breaker is off: in a single run we want the configured attempts and time budget to
     * decide, not a bucket shared by unrelated requests.
     */
    public static RetryStrategy retryStrategy(S3Settings settings) {
        return retryStrategy(settings.retryPolicy());
    }

    static RetryStrategy retryStrategy(RetryPolicy policy) {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(policy.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(policy.backoffBase(), policy.maxBackoff()))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(policy.throttlingBackoffBase(), policy.maxBackoff()))
                .retryOnException(e -> e instanceof AwsServiceException s && RetryPolicy.retryable(s.statusCode(),
                        s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode()))
                .circuitBreakerEnabled(false)
                .build();
    }

    static ClientOverrideConfiguration overrides(S3Settings settings, List<MetricPublisher> publishers) {
        var builder = ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy(settings))
                .apiCallTimeout(settings.totalRetryBudget())
                .metricPublishers(publishers);
        settings.apiCallAttemptTimeout().ifPresent(builder::apiCallAttemptTimeout);
        return builder.build();
    }

    private static ApacheHttpClient.Builder httpClient(S3Settings settings, int maxConnections) {
        ApacheHttpClient.Builder builder = ApacheHttpClient.builder()
                .maxConnections(maxConnections)
                .socketTimeout(settings.socketTimeout())
                .connectionTimeout(Duration.ofSeconds(10))
                .tcpKeepAlive(true);
        settings.proxy().ifPresent(builder::proxyConfiguration);
        return builder;
    }
}
