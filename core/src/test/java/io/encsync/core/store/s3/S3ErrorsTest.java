package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Mapping of S3 answers that moto cannot produce (it does not emulate regions, see the threat
 * model): exceptions built as the SDK builds them from a response.
 */
class S3ErrorsTest {

    private static S3Exception s3Error(int status, String code, String... headers) {
        var http = SdkHttpResponse.builder().statusCode(status);
        for (int i = 0; i < headers.length; i += 2) {
            http.putHeader(headers[i], headers[i + 1]);
        }
        return (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").sdkHttpResponse(http.build()).build())
                .build();
    }

    @Test
    void wrongRegionNamesTheBucketsRegion() {
        EncsyncException e = S3Errors.map(s3Error(301, "PermanentRedirect", "x-amz-bucket-region", "eu-west-3"),
                "s3:ListBucket", "s3://b/p");
        assertThat(e.category()).isEqualTo(ErrorCategory.USAGE);
        assertThat(e).hasMessage("bucket b is in region eu-west-3 — pass --region eu-west-3");
    }

    @Test
    void wrongRegionWithoutTheHeaderStillSaysWhatToDo() {
        EncsyncException e = S3Errors.map(s3Error(400, "AuthorizationHeaderMalformed"), "s3:PutObject", "s3://b/k");
        assertThat(e.category()).isEqualTo(ErrorCategory.USAGE);
        assertThat(e).hasMessage("bucket b is in another region than the one configured — pass its region with --region");
    }

    @Test
    void expiredTokenIsRejectedCredentials() {
        EncsyncException e = S3Errors.map(s3Error(400, "ExpiredToken"), "s3:GetObject", "s3://b/k");
        assertThat(e.category()).isEqualTo(ErrorCategory.ACCESS);
        assertThat(e.getMessage()).startsWith("credentials rejected by S3 (ExpiredToken) for s3:GetObject on s3://b/k");
    }

    @Test
    void missingCredentialsSayWhereToPutThem() {
        EncsyncException e = S3Errors.map(SdkClientException.create("Unable to load credentials from any of the providers in the chain"),
                "s3:ListBucket", "s3://b");
        assertThat(e.category()).isEqualTo(ErrorCategory.ACCESS);
        assertThat(e.getMessage()).startsWith("no usable AWS credentials for s3:ListBucket on s3://b — set AWS_ACCESS_KEY_ID");
    }

    @Test
    void preconditionFailedIsAConcurrentChange() {
        EncsyncException e = S3Errors.map(s3Error(412, "PreconditionFailed"), "s3:GetObject", "s3://b/k");
        assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE);
        assertThat(e.getMessage()).startsWith("s3://b/k changed while s3:GetObject was using it");
    }
}
