package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.ContentSource;
import io.encsync.core.testing.FaultProxy;
import io.encsync.core.testing.FaultProxy.Request;
import io.encsync.core.testing.MotoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Faults injected by a proxy between the store and moto: the store retries what is transient,
 * resumes broken transfers and verifies the data, and gives up on what is permanent at once.
 */
class S3FaultTest {
    private static final Instant MTIME = Instant.parse("2024-01-02T03:04:05Z");

    private FaultProxy proxy;
    private String bucket;
    private S3Store store;

    @BeforeEach
    void setUp() {
        var moto = MotoServer.shared().endpoint();
        bucket = MotoServer.newBucket(moto);
        proxy = FaultProxy.start(moto);
        store = S3Store.open(new S3Location(bucket, "p"), MotoServer.settings(proxy.endpoint()).maxAttempts(5).build());
    }

    @AfterEach
    void tearDown() {
        store.close();
        proxy.close();
    }

    @Test
    void serverErrorsOnTheFirstAttemptsAreRetriedAndCounted() throws Exception {
        List<String> log = captureLog();
        proxy.respond(Request::isPutObject, 1, 500, "InternalError");
        proxy.respond(Request::isPutObject, 1, 503, "SlowDown");
        byte[] data = new TestContent(1000, 1).bytes();

        store.put("k", ContentSource.ofBytes(data), MTIME);

        assertThat(proxy.count(Request::isPutObject)).isEqualTo(3);
        assertThat(store.retryCount()).isEqualTo(2);
        assertThat(log).anySatisfy(line -> assertThat(line)
                .isEqualTo("S3 PutObject retried 2 times (HTTP statuses [500, 503, 200], errors [ServerError, Throttling]), then succeeded"));
        try (var in = store.open("k")) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void aPartThatKeepsFailingAbortsTheUploadSoNothingAppears() {
        TestContent content = new TestContent(11 * S3Settings.MIB, 21);
        proxy.respond(r -> r.isUploadPart() && r.query().contains("partNumber=2"), -1, 500, "InternalError");

        assertThatThrownBy(() -> store.put("big", content, MTIME))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE))
                .hasMessageStartingWith("S3 error 500 InternalError after 5 attempts on s3:PutObject (UploadPart 2) s3://" + bucket + "/p/big");
        assertThat(store.stat("big")).isEmpty();
        assertThat(proxy.count(r -> r.method().equals("DELETE") && r.hasQueryParam("uploadId"))).as("AbortMultipartUpload").isEqualTo(1);
        assertThat(store.cleanupAbandonedWrites()).as("nothing left to clean").isZero();
    }

    @Test
    void aBadDigestForBytesThatMatchTheHashPassIsTheServersErrorNotAChangedSource() {
        // What S3 answers when a part's body does not match its Content-MD5 (the hash pass's MD5).
        TestContent content = new TestContent(11 * S3Settings.MIB, 23);
        proxy.respond(r -> r.isUploadPart() && r.query().contains("partNumber=2"), -1, 400, "BadDigest");

        assertThatThrownBy(() -> store.put("big", content, MTIME))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE))
                .hasMessageContaining("BadDigest")
                .hasMessageContaining("UploadPart 2");
        assertThat(store.stat("big")).isEmpty();
    }

    @Test
    void aBadDigestForAPartThatReadDifferentlyNamesTheChangedSource() {
        ContentSource changing = TestContent.readsDifferentlyTheSecondTime(new TestContent(11 * S3Settings.MIB, 24),
                new TestContent(11 * S3Settings.MIB, 25));
        // As S3 would for every part: the upload pass's bytes differ from the hash pass's MD5s.
        proxy.respond(Request::isUploadPart, -1, 400, "BadDigest");

        assertThatThrownBy(() -> store.put("big", changing, MTIME))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.LOCAL_IO))
                .hasMessageContaining("read differently in the upload pass than in the hash pass");
        assertThat(store.stat("big")).isEmpty();
        assertThat(store.cleanupAbandonedWrites()).as("nothing left to clean").isZero();
    }

    @Test
    void aSourceFailingInTheMiddleOfAMultipartUploadAbortsItAndReturnsEveryBuffer() throws Exception {
        TestContent good = new TestContent(11 * S3Settings.MIB, 22);
        ContentSource failing = new ContentSource() {
            private int opened;

            @Override
            public long length() {
                return good.length();
            }

            @Override
            public java.io.InputStream open() throws java.io.IOException {
                // The hash pass reads everything; the upload pass breaks after the first part.
                if (++opened == 1) {
                    return good.open();
                }
                var in = good.open();
                return new java.io.FilterInputStream(in) {
                    private long read;

                    @Override
                    public int read(byte[] b, int off, int len) throws java.io.IOException {
                        if (read > 6 * S3Settings.MIB) {
                            throw new java.io.IOException("disk read error");
                        }
                        int n = super.read(b, off, len);
                        read += Math.max(0, n);
                        return n;
                    }
                };
            }
        };

        assertThatThrownBy(() -> store.put("big", failing, MTIME))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.LOCAL_IO))
                .hasMessageContaining("disk read error");
        assertThat(store.stat("big")).isEmpty();
        assertThat(store.cleanupAbandonedWrites()).isZero();
        // Every part buffer went back to the pool: a second large upload does not wait forever.
        store.put("big", good, MTIME);
        assertThat(TestContent.md5Hex(store.open("big"))).isEqualTo(good.md5Hex());
    }

    @Test
    void aSlowReaderOutlivesTheRetryBudgetWithoutBeingCutOff() throws Exception {
        S3Settings settings = MotoServer.settings(proxy.endpoint()).totalRetryBudget(Duration.ofSeconds(1)).build();
        try (S3Store budgeted = S3Store.open(new S3Location(bucket, "p"), settings)) {
            TestContent content = new TestContent(3 * S3Settings.MIB, 23);
            budgeted.put("slow", content, MTIME);
            long retries = budgeted.retryCount();
            try (var in = budgeted.open("slow")) {
                byte[] head = in.readNBytes(1000);
                // The budget bounds each request's retries, not how long the caller takes to read.
                Thread.sleep(1500);
                byte[] rest = in.readAllBytes();
                var md5 = java.security.MessageDigest.getInstance("MD5");
                md5.update(head);
                md5.update(rest);
                assertThat(java.util.HexFormat.of().formatHex(md5.digest())).isEqualTo(content.md5Hex());
            }
            assertThat(budgeted.retryCount()).as("no resume was needed").isEqualTo(retries);
        }
    }

    @Test
    void aServerThatNeverAnswersFailsAsATimeoutAfterTheAttempts() {
        S3Settings settings = MotoServer.settings(proxy.endpoint()).socketTimeout(Duration.ofSeconds(1)).maxAttempts(2).build();
        try (S3Store impatient = S3Store.open(new S3Location(bucket, "p"), settings)) {
            proxy.stall(Request::isHeadObject, -1);
            assertThatThrownBy(() -> impatient.stat("s"))
                    .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE))
                    .hasMessage("timeout talking to S3 for s3:GetObject (HeadObject) on s3://" + bucket + "/p/s after 2 attempts: "
                            + "the endpoint stopped answering — check the network and --endpoint, then run again");
            assertThat(proxy.count(Request::isHeadObject)).isEqualTo(2);
        }
    }

    private static List<String> captureLog() {
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger.getLogger(RetryCounter.class.getName()).addHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return lines;
    }

    @Test
    void throttlingForeverFailsAsRemoteNamingTheOperationAfterTheConfiguredAttempts() {
        proxy.respond(Request::isPutObject, -1, 503, "SlowDown");

        assertThatThrownBy(() -> store.put("k", ContentSource.ofBytes(new byte[10]), MTIME))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE))
                .hasMessage("S3 throttling (SlowDown) after 5 attempts on s3:PutObject s3://" + bucket + "/p/k"
                        + " — the bucket is overloaded; run again later or with fewer transfers");
        assertThat(proxy.count(Request::isPutObject)).isEqualTo(5);
        assertThat(store.retryCount()).isEqualTo(4);
    }

    @Test
    void theTimeBudgetEndsRetriesBeforeTheAttemptsRunOut() {
        S3Settings settings = MotoServer.settings(proxy.endpoint()).maxAttempts(100)
                .throttlingBackoffBase(Duration.ofMillis(200)).maxBackoff(Duration.ofMillis(200))
                .totalRetryBudget(Duration.ofSeconds(2)).build();
        proxy.respond(Request::isGetObject, -1, 503, "SlowDown");
        try (S3Store budgeted = S3Store.open(new S3Location(bucket, "p"), settings)) {
            store.put("k", ContentSource.ofBytes(new byte[10]), MTIME);
            assertThatThrownBy(() -> budgeted.open("k"))
                    .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE))
                    .hasMessageContaining("s3:GetObject on s3://" + bucket + "/p/k gave up after the retry time budget");
        }
        // 100 attempts with at least ~100 ms jittered backoff each would take far longer than 2 s.
        assertThat(proxy.count(Request::isGetObject)).isLessThan(100);
    }

    @Test
    void accessDeniedIsNotRetried() {
        proxy.respond(Request::isPutObject, -1, 403, "AccessDenied");

        assertThatThrownBy(() -> store.put("k", ContentSource.ofBytes(new byte[10]), MTIME))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.ACCESS))
                .hasMessageStartingWith("access denied: s3:PutObject on s3://" + bucket + "/p/k (AccessDenied)");
        assertThat(proxy.count(Request::isPutObject)).isEqualTo(1);
    }

    @Test
    void connectionResetInTheMiddleOfAnUploadPartIsRetriedAndTheObjectIsIntact() throws Exception {
        TestContent content = new TestContent(11 * S3Settings.MIB, 5);
        proxy.resetRequestBody(Request::isUploadPart, 1);

        store.put("big", content, MTIME);

        assertThat(proxy.faultsInjected()).isEqualTo(1);
        assertThat(proxy.count(Request::isUploadPart)).isEqualTo(3 + 1);
        assertThat(store.retryCount()).isGreaterThanOrEqualTo(1);
        assertThat(TestContent.md5Hex(store.open("big"))).isEqualTo(content.md5Hex());
    }

    @Test
    void connectionResetInTheMiddleOfASinglePutIsRetried() throws Exception {
        TestContent content = new TestContent(2 * S3Settings.MIB, 6);
        proxy.resetRequestBody(Request::isPutObject, 1);

        store.put("mid", content, MTIME);

        assertThat(proxy.count(Request::isPutObject)).isEqualTo(2);
        assertThat(TestContent.md5Hex(store.open("mid"))).isEqualTo(content.md5Hex());
    }

    @Test
    void connectionResetInTheMiddleOfADownloadResumesWithARangedGetPinnedToTheEtag() throws Exception {
        TestContent content = new TestContent(3 * S3Settings.MIB, 8);
        store.put("d", content, MTIME);
        long retriesBefore = store.retryCount();
        Predicate<Request> fullGet = r -> r.isGetObject() && !r.headers().containsKey("range");
        proxy.resetResponseBody(fullGet, 1);

        assertThat(TestContent.md5Hex(store.open("d"))).isEqualTo(content.md5Hex());

        var resumed = proxy.requests().stream().filter(r -> r.isGetObject() && r.headers().containsKey("range")).toList();
        assertThat(resumed).hasSize(1);
        assertThat(resumed.get(0).headers().get("range")).matches("bytes=[1-9]\\d*-" + (content.length() - 1));
        assertThat(resumed.get(0).headers()).containsKey("if-match");
        assertThat(store.retryCount()).isEqualTo(retriesBefore + 1);
    }

    @Test
    void aRangedDownloadResumesToo() throws Exception {
        TestContent content = new TestContent(2 * S3Settings.MIB, 9);
        store.put("d", content, MTIME);
        byte[] all = content.bytes();
        proxy.resetResponseBody(Request::isGetObject, 2);

        try (var in = store.open("d", 1000, 1_500_000)) {
            assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(all, 1000, 1_501_000));
        }
        assertThat(proxy.faultsInjected()).isEqualTo(2);
    }

    @Test
    void aDownloadThatKeepsBreakingFailsAsRemote() throws Exception {
        store.put("d", new TestContent(1_000_000, 10), MTIME);
        proxy.resetResponseBody(Request::isGetObject, -1);

        assertThatThrownBy(() -> TestContent.md5Hex(store.open("d")))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE))
                .hasMessageStartingWith("download of s3://" + bucket + "/p/d broke off at byte ");
    }

    @Test
    void anObjectReplacedBetweenResumesIsNotSpliced() throws Exception {
        store.put("d", new TestContent(8 * S3Settings.MIB, 11), MTIME);
        // The first GET breaks after half the body; 4 MiB is more than the socket buffers hold, so
        // the break comes after the object below was replaced.
        proxy.resetResponseBody(Request::isGetObject, 1);
        var in = store.open("d");
        in.readNBytes(1000);
        store.put("d", new TestContent(8 * S3Settings.MIB, 12), MTIME);
        try (in) {
            assertThatThrownBy(() -> in.readAllBytes())
                    .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.REMOTE))
                    .hasMessageContaining("changed while s3:GetObject (resume at byte");
        }
        assertThat(proxy.requests().stream().filter(r -> r.isGetObject() && r.headers().containsKey("if-match"))).hasSize(1);
    }

    @Test
    void aStalledServerTimesOutAndTheRequestIsRetried() throws Exception {
        S3Settings settings = MotoServer.settings(proxy.endpoint()).socketTimeout(Duration.ofSeconds(1)).build();
        try (S3Store impatient = S3Store.open(new S3Location(bucket, "p"), settings)) {
            proxy.stall(Request::isHeadObject, 1);
            impatient.put("s", ContentSource.ofBytes(new byte[] {1}), MTIME);
            assertThat(impatient.stat("s")).isPresent();
            assertThat(proxy.count(Request::isHeadObject)).isEqualTo(2);
        }
    }
}
