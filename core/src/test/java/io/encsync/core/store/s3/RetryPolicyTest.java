package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.artifacts.HttpTransferOptions;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** One retry rule for the SDK's clients and the agents' presigned transfers. */
class RetryPolicyTest {
    /** Always the top of the range: the longest wait the policy allows. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void retriesServerErrorsTimeoutsAndThrottlingAndNothingElse() {
        assertThat(RetryPolicy.retryable(500, "InternalError")).isTrue();
        assertThat(RetryPolicy.retryable(503, "SlowDown")).isTrue();
        assertThat(RetryPolicy.retryable(502, null)).isTrue();
        assertThat(RetryPolicy.retryable(408, null)).isTrue();
        assertThat(RetryPolicy.retryable(429, null)).isTrue();
        assertThat(RetryPolicy.retryable(400, "RequestTimeout")).as("S3 sends it with a 400").isTrue();
        assertThat(RetryPolicy.retryable(400, "Throttling")).isTrue();
        assertThat(RetryPolicy.retryable(403, "AccessDenied")).isFalse();
        assertThat(RetryPolicy.retryable(404, "NoSuchKey")).isFalse();
        assertThat(RetryPolicy.retryable(400, "InvalidArgument")).isFalse();
        assertThat(RetryPolicy.throttling(503, "SlowDown")).isTrue();
        assertThat(RetryPolicy.throttling(429, null)).isTrue();
        assertThat(RetryPolicy.throttling(500, "InternalError")).isFalse();
    }

    @Test
    void backoffDoublesFromItsBaseUpToTheCapWithTheThrottlingBaseAfterThrottling() {
        RetryPolicy p = RetryPolicy.builder().backoffBase(Duration.ofMillis(100))
                .throttlingBackoffBase(Duration.ofMillis(1000)).maxBackoff(Duration.ofSeconds(5)).build();
        assertThat(p.delay(1, false, HIGHEST)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.delay(2, false, HIGHEST)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.delay(4, false, HIGHEST)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.delay(10, false, HIGHEST)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.delay(60, false, HIGHEST)).as("no overflow").isEqualTo(Duration.ofSeconds(5));
        assertThat(p.delay(2, true, HIGHEST)).isEqualTo(Duration.ofMillis(2000));
        assertThat(p.delay(3, false, RandomGenerator.of("L64X128MixRandom"))).isBetween(Duration.ZERO, Duration.ofMillis(400));
    }

    @Test
    void theSdkAndTheAgentsShareOneDefaultPolicy() {
        RetryPolicy defaults = RetryPolicy.defaults();
        assertThat(defaults.maxAttempts()).isEqualTo(10);
        assertThat(S3Settings.defaults().retryPolicy()).isEqualTo(defaults);
        assertThat(HttpTransferOptions.defaults().retryPolicy()).isEqualTo(defaults);
        RetryPolicy custom = RetryPolicy.builder().maxAttempts(3).backoffBase(Duration.ofMillis(5)).build();
        assertThat(S3Settings.builder().retryPolicy(custom).build().retryPolicy()).isEqualTo(custom);
        assertThat(HttpTransferOptions.builder().retryPolicy(custom).build().retryPolicy()).isEqualTo(custom);
    }

    @Test
    void badValuesAreUsageErrorsNamingTheValue() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build()).isInstanceOf(EncsyncException.class)
                .hasMessage("maxAttempts must be between 1 and 100, was 0");
        assertThatThrownBy(() -> HttpTransferOptions.builder().maxBackoff(Duration.ZERO).build())
                .isInstanceOf(EncsyncException.class).hasMessage("maxBackoff must be positive, was PT0S");
    }

    @Test
    void theSdkStrategyRetriesWhatThePolicyRetriesForItsAttemptsAndNoMore() {
        RetryStrategy strategy = S3Clients.retryStrategy(RetryPolicy.builder().maxAttempts(3)
                .backoffBase(Duration.ofMillis(1)).throttlingBackoffBase(Duration.ofMillis(1)).build());

        RetryToken token = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("s3")).token();
        token = strategy.refreshRetryToken(refresh(token, 400, "RequestTimeout")).token();
        token = strategy.refreshRetryToken(refresh(token, 503, "SlowDown")).token();
        RetryToken third = token;
        assertThatThrownBy(() -> strategy.refreshRetryToken(refresh(third, 500, "InternalError")))
                .as("three attempts spent").isInstanceOf(TokenAcquisitionFailedException.class);

        RetryToken fresh = strategy.acquireInitialToken(AcquireInitialTokenRequest.create("s3")).token();
        assertThatThrownBy(() -> strategy.refreshRetryToken(refresh(fresh, 403, "AccessDenied")))
                .as("a refusal is final").isInstanceOf(TokenAcquisitionFailedException.class);
    }

    private static RefreshRetryTokenRequest refresh(RetryToken token, int status, String code) {
        return RefreshRetryTokenRequest.builder().token(token).failure(S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build()).build();
    }
}
