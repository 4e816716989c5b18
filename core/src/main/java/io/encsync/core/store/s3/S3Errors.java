package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns an SDK failure into one line naming the operation, the object, the problem and the fix,
 * with the category that decides the exit code: rejected credentials and denied operations are
 * ACCESS (3), a missing bucket or wrong region USAGE (2), and anything still failing after the
 * retries REMOTE (5). Messages carry S3 error codes, never credentials.
 */
public final class S3Errors {
    private static final Set<String> REJECTED_CREDENTIALS = Set.of(
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken",
            "TokenRefreshRequired", "InvalidClientTokenId", "UnrecognizedClientException", "AuthFailure");
    private static final Set<String> WRONG_REGION = Set.of(
            "PermanentRedirect", "AuthorizationHeaderMalformed", "IllegalLocationConstraintException", "IncorrectEndpoint");

    private S3Errors() {
    }

    /**
     * @param operation the IAM action name of the call, e.g. {@code s3:PutObject}
     * @param target    what it was about, e.g. {@code s3://bucket/key}
     */
    public static EncsyncException map(SdkException e, String operation, String target) {
        if (e instanceof AwsServiceException service) {
            return service(service, operation, target);
        }
        if (e instanceof ApiCallTimeoutException) {
            return new EncsyncException(ErrorCategory.REMOTE, operation + " on " + target
                    + " gave up after the retry time budget" + attempts(e)
                    + " — S3 is too slow or unreachable; run again later or raise the time budget", e);
        }
        if (e instanceof ApiCallAttemptTimeoutException) {
            return new EncsyncException(ErrorCategory.REMOTE, "timeout talking to S3 for " + operation + " on " + target
                    + attempts(e) + " — the endpoint does not answer; check the network and --endpoint, then run again", e);
        }
        if (e instanceof SdkClientException && hasCause(e, java.net.SocketTimeoutException.class)) {
            return new EncsyncException(ErrorCategory.REMOTE, "timeout talking to S3 for " + operation + " on " + target
                    + attempts(e) + ": the endpoint stopped answering — check the network and --endpoint, then run again", e);
        }
        if (e instanceof SdkClientException && hasCause(e, IOException.class)) {
            return new EncsyncException(ErrorCategory.REMOTE, "cannot reach S3 for " + operation + " on " + target
                    + attempts(e) + ": " + rootMessage(e) + " — check the network, --endpoint and any proxy, then run again", e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("Unable to load credentials") || message.contains("credentials")) {
            return new EncsyncException(ErrorCategory.ACCESS, "no usable AWS credentials for " + operation + " on " + target
                    + " — set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, pass --profile, or run with an instance or container role", e);
        }
        return new EncsyncException(ErrorCategory.REMOTE, operation + " on " + target + " failed" + attempts(e)
                + ": " + firstLine(message) + " — run again; report it if it persists", e);
    }

    private static EncsyncException service(AwsServiceException e, String operation, String target) {
        int status = e.statusCode();
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        String bucket = bucketOf(target);
        if ((code != null && REJECTED_CREDENTIALS.contains(code))) {
            return new EncsyncException(ErrorCategory.ACCESS, "credentials rejected by S3 (" + code + ") for "
                    + operation + " on " + target + " — check the access key ID and secret key (or --profile, or the role); "
                    + "a brand-new key can take a few seconds to work", e);
        }
        if (code != null && WRONG_REGION.contains(code) || status == 301) {
            String region = e.awsErrorDetails() == null || e.awsErrorDetails().sdkHttpResponse() == null ? null
                    : e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse(null);
            return EncsyncException.usage(region != null
                    ? "bucket " + bucket + " is in region " + region + " — pass --region " + region
                    : "bucket " + bucket + " is in another region than the one configured — pass its region with --region");
        }
        if ("NoSuchBucket".equals(code)) {
            return EncsyncException.usage("bucket " + bucket + " does not exist (or is in another account) — "
                    + "create it with `encsync provision` or check --region/--endpoint");
        }
        if (status == 403) {
            return new EncsyncException(ErrorCategory.ACCESS, "access denied: " + operation + " on " + target
                    + " (" + (code == null ? "HTTP 403" : code) + ") — the credentials lack this permission; "
                    + "grant it in the IAM or bucket policy, or use a key that has it", e);
        }
        if (status == 412) {
            return new EncsyncException(ErrorCategory.REMOTE, target + " changed while " + operation
                    + " was using it (precondition failed) — another writer is active; run again", e);
        }
        if (RetryPolicy.throttling(status, code)) {
            return new EncsyncException(ErrorCategory.REMOTE, "S3 throttling (" + (code == null ? "HTTP " + status : code)
                    + ")" + attempts(e) + " on " + operation + " " + target
                    + " — the bucket is overloaded; run again later or with fewer transfers", e);
        }
        if (status >= 500) {
            return new EncsyncException(ErrorCategory.REMOTE, "S3 error " + status + (code == null ? "" : " " + code)
                    + attempts(e) + " on " + operation + " " + target + " — the service kept failing; run again later", e);
        }
        return new EncsyncException(ErrorCategory.REMOTE, operation + " on " + target + " refused by S3 (HTTP " + status
                + (code == null ? "" : " " + code) + "): " + firstLine(e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorMessage()) + " — check the settings for this endpoint", e);
    }

    /** Whether S3 said the key does not exist (404 on an object request). */
    static boolean isNoSuchKey(SdkException e) {
        if (!(e instanceof AwsServiceException service) || service.statusCode() != 404) {
            return false;
        }
        String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
        return !"NoSuchBucket".equals(code);
    }

    static boolean hasStatus(SdkException e, int status) {
        return e instanceof AwsServiceException service && service.statusCode() == status;
    }

    private static String attempts(SdkException e) {
        Integer n = e.numAttempts();
        return n == null || n <= 1 ? "" : " after " + n + " attempts";
    }

    private static String bucketOf(String target) {
        String rest = target.startsWith("s3://") ? target.substring(5) : target;
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return firstLine(root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no message)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
