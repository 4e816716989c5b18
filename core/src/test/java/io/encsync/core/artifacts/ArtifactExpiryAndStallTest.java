package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.ErrorCategory;
import io.encsync.core.testing.FaultProxy;
import io.encsync.core.testing.MotoServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What outlives a URL or a connection: URLs S3 refuses as expired are signed again by the
 * controller, once; a download from a server that goes silent fails after the read timeout,
 * naming the file, instead of hanging the build; a build-page download closed early is aborted,
 * not drained from S3.
 */
class ArtifactExpiryAndStallTest {
    private static final Instant T = Instant.parse("2024-02-03T04:05:06Z");
    private static final Predicate<FaultProxy.Request> PRESIGNED = r -> r.hasQueryParam("X-Amz-Signature");

    @TempDir
    Path tmp;

    private FaultProxy proxy;
    private ArtifactFixture fx;
    private Path ws;
    private byte[] big;

    @BeforeEach
    void start() throws Exception {
        proxy = FaultProxy.start(MotoServer.shared().endpoint());
        fx = ArtifactFixture.through(proxy.endpoint());
        ws = tmp.resolve("ws");
        big = ArtifactFixture.random(9 * 1024 * 1024 + 5, 3);
        ArtifactFixture.write(ws.resolve("small.txt"), "small".getBytes(StandardCharsets.UTF_8), T);
        ArtifactFixture.write(ws.resolve("other.txt"), "other".getBytes(StandardCharsets.UTF_8), T);
        ArtifactFixture.write(ws.resolve("big.bin"), big, T);
    }

    @AfterEach
    void stop() {
        fx.close();
        proxy.close();
    }

    /** The agent's side of {@link ArtifactController.AgentCall}: every message through the filtered channel. */
    private static ArtifactController.AgentCall uploader(Path workspace, HttpTransferOptions options) {
        return m -> ArtifactFixture.channel(new PresignedUploader(options).upload(workspace, ArtifactFixture.channel(m)));
    }

    private static ArtifactController.AgentCall downloader(Path target, HttpTransferOptions options) {
        return m -> ArtifactFixture.channel(new PresignedDownloader(options).download(target, ArtifactFixture.channel(m)));
    }

    private ArchiveResult archive(ArtifactSet set) throws Exception {
        try (UploadPlan plan = fx.controller.planUpload(set, ArtifactFixture.channel(
                ArtifactScan.scan(ws, ArtifactFixture.filesUnder(ws))))) {
            return fx.controller.complete(plan, fx.controller.upload(plan, uploader(ws, fx.transfers)));
        }
    }

    private DownloadResult restore(ArtifactSet set, Path target, HttpTransferOptions options) throws Exception {
        try (DownloadPlan plan = fx.controller.planDownload(set)) {
            return fx.controller.download(set, plan, downloader(target, options));
        }
    }

    @Test
    void urlsRefusedAsExpiredAreSignedAgainByTheControllerOnce() throws Exception {
        // The controller's role session ended: a whole PUT, one part and two GETs are refused.
        proxy.respond(PRESIGNED.and(FaultProxy.Request::isPutObject), 1, 400, "ExpiredToken")
                .respond(PRESIGNED.and(FaultProxy.Request::isUploadPart), 1, 403, "AccessDenied")
                .respond(PRESIGNED.and(FaultProxy.Request::isGetObject), 2, 403, "AccessDenied");
        ArtifactSet set = fx.build(1).artifacts();

        ArchiveResult archived = archive(set);
        DownloadResult restored = restore(set, tmp.resolve("out"), fx.transfers);

        assertThat(archived.failures()).isEmpty();
        assertThat(archived.archived()).isEqualTo(3);
        assertThat(restored.failures()).isEmpty();
        assertThat(restored.files()).isEqualTo(3);
        assertThat(proxy.faultsInjected()).isEqualTo(4);
        assertThat(Files.readAllBytes(tmp.resolve("out/big.bin"))).isEqualTo(big);
        assertThat(Files.readString(tmp.resolve("out/small.txt"))).isEqualTo("small");
        assertThat(proxy.count(PRESIGNED.and(FaultProxy.Request::isGetObject))).isEqualTo(3 + 2);
        assertThat(fx.openMultipartUploads(set.root())).isZero();
    }

    @Test
    void aUrlRefusedAgainAfterItWasSignedAgainFailsThatFileWithS3sAnswer() throws Exception {
        ArtifactSet set = fx.build(2).artifacts();
        assertThat(archive(set).failures()).isEmpty();
        String key = fx.objectKey(set, "small.txt");
        Predicate<FaultProxy.Request> small = PRESIGNED.and(FaultProxy.Request::isGetObject)
                .and(r -> r.path().endsWith("/" + key));
        proxy.respond(small, -1, 403, "AccessDenied");

        DownloadResult restored = restore(set, tmp.resolve("out"), fx.transfers);

        assertThat(restored.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("small.txt");
            assertThat(f.category()).isEqualTo(ErrorCategory.ACCESS);
            assertThat(f.message()).contains("'small.txt'").contains("HTTP 403 AccessDenied")
                    .contains("expired").contains("URL lifetime").doesNotContain("X-Amz-Signature");
        });
        assertThat(proxy.count(small)).as("the first URL and one fresh one").isEqualTo(2);
        assertThat(Files.readString(tmp.resolve("out/other.txt"))).isEqualTo("other");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDownloadFromAServerThatGoesSilentFailsAfterTheReadTimeoutNamingTheFile() throws Exception {
        ArtifactSet set = fx.build(3).artifacts();
        assertThat(archive(set).failures()).isEmpty();
        String bigKey = fx.objectKey(set, "big.bin");
        String smallKey = fx.objectKey(set, "small.txt");
        // big.bin: half its body, then nothing; small.txt: not even the answer's headers.
        proxy.stallResponseBody(PRESIGNED.and(r -> r.path().endsWith("/" + bigKey)), -1)
                .stall(PRESIGNED.and(r -> r.path().endsWith("/" + smallKey)), -1);
        HttpTransferOptions impatient = HttpTransferOptions.builder().maxAttempts(2).backoffBase(Duration.ofMillis(5))
                .maxBackoff(Duration.ofMillis(10)).readTimeout(Duration.ofSeconds(1)).build();

        long started = System.nanoTime();
        DownloadResult restored = restore(set, tmp.resolve("out"), impatient);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

        assertThat(restored.failures()).extracting(TransferFailure::path).containsExactlyInAnyOrder("big.bin", "small.txt");
        assertThat(restored.failures()).filteredOn(f -> f.path().equals("big.bin")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'big.bin'").contains("still failed after 2 attempts")
                        .contains("read timeout"));
        assertThat(restored.failures()).filteredOn(f -> f.path().equals("small.txt")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("'small.txt'").contains("timed out"));
        assertThat(seconds).as("two attempts of 1 s each, not a hang").isLessThan(20);
        assertThat(tmp.resolve("out/big.bin")).doesNotExist();
        assertThat(Files.readString(tmp.resolve("out/other.txt"))).isEqualTo("other");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBuildPageDownloadClosedEarlyIsAbortedNotDrainedFromS3() throws Exception {
        ArtifactSet set = fx.build(4).artifacts();
        assertThat(archive(set).failures()).isEmpty();
        String bigKey = fx.objectKey(set, "big.bin");
        // The controller's own GET (signed in its header): half the body, then S3 goes quiet.
        proxy.stallResponseBody(r -> r.isGetObject() && !r.hasQueryParam("X-Amz-Signature")
                && r.path().endsWith("/" + bigKey), -1);

        InputStream in = fx.controller.open(set, "big.bin");
        byte[] first = in.readNBytes(1000);
        long started = System.nanoTime();
        in.close();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(first).isEqualTo(java.util.Arrays.copyOf(big, 1000));
        assertThat(millis).as("closing a partly read download waits for none of the rest").isLessThan(5_000);
        Map<String, Long> objects = fx.objects(set.root());
        assertThat(objects).containsKey(bigKey);
    }
}
