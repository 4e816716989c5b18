package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.s3.RetryPolicy;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's HTTP: the JDK's client (no AWS SDK, no credentials), and the retry rule shared by
 * uploads and downloads, core's one {@link RetryPolicy}: an attempt is retried after an answer the
 * policy retries (a 5xx, a throttling or request-timeout answer) or an I/O error (connection
 * refused or reset, timeout), with exponential backoff and full jitter; any other answer is final. Local failures (a file that changed, a full disk) are
 * {@link EncsyncException}s thrown by the attempt itself and never retried.
 *
 * <p>Messages name the artifact, the HTTP status and S3's error code, never the URL's query (it
 * is the signature).
 */
final class AgentHttp {
    /**
     * S3's answers to a URL whose signature or session is no longer valid: a URL past its expiry
     * ("AccessDenied: Request has expired"), or signed with a role session that ended
     * ("ExpiredToken"). The controller can sign a fresh URL; the agent never can.
     */
    private static final Set<String> EXPIRED_CODES = Set.of("ExpiredToken", "TokenRefreshRequired", "AccessDenied",
            "RequestExpired");
    private static final Pattern CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");
    private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]{1,300})</Message>");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>,;)]+");

    /** A non-2xx answer. */
    static final class StatusException extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;
        final String s3Message;

        StatusException(int status, String code) {
            this(status, code, null);
        }

        StatusException(int status, String code, String s3Message) {
            super("HTTP " + status + (code == null ? "" : " " + code));
            this.status = status;
            this.code = code;
            this.s3Message = s3Message;
        }

        boolean retryable() {
            return RetryPolicy.retryable(status, code);
        }

        /** Refused because the presigned URL (or the session that signed it) expired: a fresh URL may pass. */
        boolean expired() {
            return (status == 403 || status == 400) && ((code != null && EXPIRED_CODES.contains(code))
                    || (s3Message != null && s3Message.toLowerCase(java.util.Locale.ROOT).contains("expired")));
        }
    }

    /**
     * A request S3 refused as expired ({@link StatusException#expired()}): the file's outcome says
     * so, and the controller signs fresh URLs for such files once
     * ({@link ArtifactController#upload}, {@link ArtifactController#download}).
     */
    static final class UrlExpiredException extends EncsyncException {
        private static final long serialVersionUID = 1L;

        UrlExpiredException(String message, Throwable cause) {
            super(ErrorCategory.ACCESS, message, cause);
        }
    }

    /** One attempt; may throw {@link StatusException} or another IOException to be retried. */
    interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }

    private final HttpClient client;
    private final HttpTransferOptions options;
    private final AtomicLong retries = new AtomicLong();

    AgentHttp(HttpTransferOptions options) {
        this.options = options;
        // HTTP/1.1: S3 speaks nothing else, and an h2c upgrade attempt only costs a round trip.
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER);
        // The controller's proxy (Jenkins' HTTP proxy), else none: the agent JVM's defaults are not
        // the Jenkins setting, and the rest of the plugin ignores them too.
        options.proxy().ifPresent(p -> {
            builder.proxy(p.selector());
            p.authenticator().ifPresent(builder::authenticator);
        });
        this.client = builder.build();
    }

    HttpClient client() {
        return client;
    }

    long retries() {
        return retries.get();
    }

    /** A request for {@code url} with its signed headers and the per-attempt timeout. */
    HttpRequest.Builder request(SignedUrl url) {
        return request(url, options.requestTimeout());
    }

    /**
     * A GET: its answer's headers must come within the read timeout (nothing is sent first), and
     * its body must keep coming ({@link #body}).
     */
    HttpRequest.Builder get(SignedUrl url) {
        return request(url, options.readTimeout()).GET();
    }

    /** The body of a download, failing when no byte arrives for the read timeout. */
    java.io.InputStream body(java.io.InputStream in) {
        return new ReadTimeoutInputStream(in, options.readTimeout());
    }

    private HttpRequest.Builder request(SignedUrl url, java.time.Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url.uri()).timeout(timeout);
        for (Map.Entry<String, String> h : url.headers().entrySet()) {
            b.header(h.getKey(), h.getValue());
        }
        return b;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails for good, or {@link RetryPolicy#maxAttempts()}
     * attempts are spent.
     *
     * @param shown the artifact, as messages name it
     * @param verb  what the request does, e.g. "upload" or "download of part 3"
     */
    <T> T withRetries(String shown, String verb, boolean isGet, Attempt<T> attempt) {
        RetryPolicy policy = options.retryPolicy();
        for (int n = 1; ; n++) {
            IOException failure;
            boolean throttled = false;
            try {
                return attempt.run();
            } catch (StatusException e) {
                if (!e.retryable()) {
                    throw refused(shown, verb, isGet, e);
                }
                failure = e;
                throttled = RetryPolicy.throttling(e.status, e.code);
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(shown, verb, e);
            }
            if (n >= policy.maxAttempts()) {
                throw new EncsyncException(ErrorCategory.REMOTE, shown + ": " + verb + " still failed after " + n
                        + " attempts: " + describe(failure) + " — S3 is unreachable or failing; run again", failure);
            }
            retries.incrementAndGet();
            backoff(policy.delay(n, throttled, ThreadLocalRandom.current()), shown, verb);
        }
    }

    /** Throws {@link StatusException} for a non-2xx answer; {@code body} is the (start of the) error body. */
    static void check(int status, String body) throws StatusException {
        if (status / 100 != 2) {
            Matcher m = CODE.matcher(body == null ? "" : body);
            Matcher text = MESSAGE.matcher(body == null ? "" : body);
            throw new StatusException(status, m.find() ? m.group(1) : null, text.find() ? text.group(1) : null);
        }
    }

    /**
     * The ETag of a stored object or part, checked against the MD5 of the body we sent: S3 (and
     * moto) answer with the MD5 as ETag, except under SSE-KMS. A mismatch means the body was
     * corrupted on the way; it is an {@link IOException}, so the request is retried.
     */
    static String checkedEtag(HttpResponse<?> response, byte[] md5) throws IOException {
        String etag = response.headers().firstValue("etag").orElseThrow(() -> new IOException("the answer has no ETag"));
        if (response.headers().firstValue("x-amz-server-side-encryption").orElse("").startsWith("aws:kms")) {
            return etag;
        }
        String sent = HexFormat.of().formatHex(md5);
        if (!etag.replace("\"", "").equalsIgnoreCase(sent)) {
            throw new IOException("S3 stored ETag " + etag + " but the body sent had MD5 " + sent
                    + " — it was corrupted on the way");
        }
        return etag;
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is unavailable in this JVM", e);
        }
    }

    /** An I/O failure for a message: its type and text, with any URL cut before its query. */
    static String describe(IOException e) {
        String text = e.getMessage() == null ? "" : redactUrls(e.getMessage());
        return e.getClass().getSimpleName() + (text.isEmpty() ? "" : " (" + text + ")");
    }

    private static String redactUrls(String text) {
        return URL.matcher(text).replaceAll(r -> Matcher.quoteReplacement(SignedUrl.redact(r.group())));
    }

    private static void backoff(java.time.Duration delay, String shown, String verb) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(shown, verb, e);
        }
    }

    private static EncsyncException refused(String shown, String verb, boolean isGet, StatusException e) {
        if (e.expired()) {
            return new UrlExpiredException(shown + ": " + verb + " refused by S3 (" + e.getMessage()
                    + (e.s3Message == null ? "" : ": " + redactUrls(e.s3Message)) + "): the presigned URL expired, or the "
                    + "controller's AWS session that signed it ended — if it persists after the controller signed a "
                    + "fresh one, raise the artifact storage's URL lifetime, or check the controller's S3 credentials "
                    + "and clock", e);
        }
        if (e.status == 403) {
            return new EncsyncException(ErrorCategory.ACCESS, shown + ": " + verb + " refused by S3 (" + e.getMessage()
                    + "): the presigned URL expired or does not match the request — run again (URLs live for the "
                    + "controller's urlExpiry); if it persists, check the controller's S3 credentials and clock", e);
        }
        if (e.status == 404 && isGet) {
            return new io.encsync.core.IntegrityException(shown + ": missing — S3 has no object for it (" + e.getMessage()
                    + "); it was deleted; not restored");
        }
        return new EncsyncException(ErrorCategory.REMOTE, shown + ": " + verb + " refused by S3 (" + e.getMessage()
                + ")" + (e.status == 404 ? " — the multipart upload is gone (aborted or expired); archive again"
                : " — run again; report it if it persists"), e);
    }

    private static EncsyncException interrupted(String shown, String verb, InterruptedException e) {
        return new EncsyncException(ErrorCategory.REMOTE, shown + ": " + verb + " was interrupted", e);
    }
}
