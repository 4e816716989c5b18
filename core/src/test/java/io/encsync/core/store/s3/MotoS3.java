package io.encsync.core.store.s3;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Plain SDK access to moto for test set-up and for looking at what the store wrote. */
final class MotoS3 {
    static final StaticCredentialsProvider TEST_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private MotoS3() {
    }

    /** Settings for moto (or a proxy in front of it): short backoff so fault tests stay quick. */
    static S3Settings.Builder settings(URI endpoint) {
        return S3Settings.builder()
                .endpoint(endpoint)
                .pathStyle(true)
                .region("us-east-1")
                .credentialsProvider(TEST_CREDENTIALS)
                .backoffBase(Duration.ofMillis(5))
                .throttlingBackoffBase(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(100))
                .socketTimeout(Duration.ofSeconds(20))
                .partSize(5 * S3Settings.MIB)
                .multipartThreshold(6 * S3Settings.MIB);
    }

    static S3Client admin(URI endpoint, ExecutionInterceptor... interceptors) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(TEST_CREDENTIALS)
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .build();
    }

    /** Creates a bucket with a unique name and returns the name. */
    static String newBucket(URI endpoint) {
        String bucket = "encsync-" + UUID.randomUUID().toString().substring(0, 13);
        try (S3Client s3 = admin(endpoint)) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        return bucket;
    }
}
