package io.encsync.core.provision;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one AWS call and turns its failure into a one-line {@link EncsyncException} naming the
 * call, the resource, the AWS error code and the fix. AWS messages never carry our secrets, and
 * only the error code and message are quoted, never a request dump.
 */
final class AwsCalls {
    private static final Set<String> ACCESS_CODES = Set.of("AccessDenied", "AccessDeniedException",
            "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidClientTokenId", "ExpiredToken",
            "UnrecognizedClientException", "AuthFailure", "AllAccessDisabled");
    private static final Set<String> USAGE_CODES = Set.of("InvalidBucketName", "IllegalLocationConstraintException",
            "InvalidLocationConstraint", "MalformedPolicyDocument", "MalformedPolicy", "ValidationError",
            "InvalidArgument", "KMS.NotFoundException", "LimitExceeded");
    // S3 serialises writes to one bucket's sub-resources; a parallel writer gets OperationAborted (409).
    private static final Pattern XML_CODE = Pattern.compile("<Code>([A-Za-z0-9.]{1,100})</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]{1,500})</Message>");
    private static final String CONFLICT = "OperationAborted";
    private static final int CONFLICT_ATTEMPTS = 5;

    private AwsCalls() {
    }

    /** Runs {@code call}; {@code what} reads like "PutBucketPolicy on bucket 'b'". */
    static <T> T call(String what, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (AwsServiceException e) {
                if (CONFLICT.equals(code(e)) && attempt < CONFLICT_ATTEMPTS) {
                    pause(attempt);
                    continue;
                }
                throw translate(what, e);
            } catch (SdkException e) {
                throw translate(what, e);
            }
        }
    }

    static void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** Runs {@code call}; an error whose code or HTTP status is in {@code absent} means "not there". */
    static <T> Optional<T> optional(String what, Set<String> absentCodes, Supplier<T> call) {
        try {
            return Optional.ofNullable(call(what, call));
        } catch (EncsyncException e) {
            if (e.getCause() instanceof AwsServiceException aws
                    && (absentCodes.contains(code(aws)) || absentCodes.contains(Integer.toString(aws.statusCode())))) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static String code(AwsServiceException e) {
        if (e.awsErrorDetails() == null) {
            return "";
        }
        if (e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        // Some servers (moto's IAM among them) nest the error one level deeper than the SDK's
        // parser expects; the code is still in the body.
        SdkBytes raw = e.awsErrorDetails().rawResponse();
        Matcher m = raw == null ? null : XML_CODE.matcher(raw.asUtf8String());
        return m != null && m.find() ? m.group(1) : "";
    }

    private static String message(AwsServiceException e) {
        if (e.awsErrorDetails() == null) {
            return null;
        }
        if (e.awsErrorDetails().errorMessage() != null) {
            return e.awsErrorDetails().errorMessage();
        }
        SdkBytes raw = e.awsErrorDetails().rawResponse();
        Matcher m = raw == null ? null : XML_MESSAGE.matcher(raw.asUtf8String());
        return m != null && m.find() ? m.group(1) : null;
    }

    static EncsyncException translate(String what, SdkException e) {
        if (e instanceof AwsServiceException aws) {
            String code = code(aws);
            String message = message(aws);
            String said = (code.isEmpty() ? "HTTP " + aws.statusCode() : code)
                    + (message == null || message.isBlank() ? "" : " (" + oneLine(message) + ")");
            if (ACCESS_CODES.contains(code) || aws.statusCode() == 403) {
                return new EncsyncException(ErrorCategory.ACCESS, what + " was refused: " + said
                        + " — check that the admin credentials (default AWS chain) are valid and allowed to do this", e);
            }
            if (USAGE_CODES.contains(code)) {
                return new EncsyncException(ErrorCategory.USAGE, what + " was rejected: " + said
                        + " — check the bucket, region, user and key options", e);
            }
            return new EncsyncException(ErrorCategory.REMOTE, what + " failed: " + said
                    + " — retry later; if it persists, check the service status and the endpoint", e);
        }
        String message = oneLine(String.valueOf(e.getMessage()));
        if (e instanceof SdkClientException && message.contains("credentials")) {
            return new EncsyncException(ErrorCategory.ACCESS, what + " needs admin credentials, none were found in the "
                    + "default AWS chain — set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY", e);
        }
        return new EncsyncException(ErrorCategory.REMOTE, what + " failed after retries: " + message
                + " — check the network, the region and the endpoint", e);
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(200L << attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncsyncException(ErrorCategory.REMOTE, "interrupted while waiting to retry", e);
        }
    }
}
