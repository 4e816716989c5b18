package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.ErrorCategory;
import io.encsync.core.testing.FaultProxy;
import io.encsync.core.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's transfers against a proxy that fails requests the way S3 and networks do: 5xx and
 * resets are retried; a refusal fails its file only, with a message naming the artifact and never
 * the signed URL; a multipart upload whose part never gets through is aborted by the controller;
 * a file that changes after the scan is not archived.
 */
class ArtifactFaultTest {
    private static final Instant T = Instant.parse("2024-02-03T04:05:06Z");
    /** Only the agent's requests carry a signature in the query. */
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
        ArtifactFixture.write(ws.resolve("denied.txt"), "denied".getBytes(StandardCharsets.UTF_8), T);
        ArtifactFixture.write(ws.resolve("big.bin"), big, T);
    }

    @AfterEach
    void stop() {
        fx.close();
        proxy.close();
    }

    @Test
    void serverErrorsAndResetsAreRetried() throws Exception {
        proxy.respond(PRESIGNED.and(FaultProxy.Request::isPutObject), 2, 503, "SlowDown")
                .resetRequestBody(PRESIGNED.and(FaultProxy.Request::isUploadPart), 1)
                .respond(PRESIGNED.and(FaultProxy.Request::isUploadPart), 1, 500, "InternalError");
        ArtifactSet set = fx.build(1).artifacts();
        Map<String, Object> reply;
        ArchiveResult archived;
        try (UploadPlan plan = fx.controller.planUpload(set, ArtifactScan.scan(ws, ArtifactFixture.filesUnder(ws)))) {
            reply = new PresignedUploader(fx.transfers).upload(ws, ArtifactFixture.channel(plan.toWire()));
            archived = fx.controller.complete(plan, ArtifactFixture.channel(reply));
        }
        assertThat(archived.failures()).isEmpty();
        assertThat((Long) reply.get("retries")).isEqualTo(4);

        proxy.resetResponseBody(PRESIGNED.and(FaultProxy.Request::isGetObject), 1)
                .respond(PRESIGNED.and(FaultProxy.Request::isGetObject), 1, 500, "InternalError");
        DownloadResult restored = fx.restore(set, tmp.resolve("out"));

        assertThat(restored.failures()).isEmpty();
        assertThat(restored.retries()).isEqualTo(2);
        assertThat(Files.readAllBytes(tmp.resolve("out/big.bin"))).isEqualTo(big);
        assertThat(Files.readString(tmp.resolve("out/small.txt"))).isEqualTo("small");
    }

    @Test
    void aRefusedUploadFailsThatFileOnlyAndIsNotRetried() throws Exception {
        ArtifactSet set = fx.build(2).artifacts();
        String deniedKey = fx.objectKey(set, "denied.txt");
        Predicate<FaultProxy.Request> denied = PRESIGNED.and(r -> r.path().endsWith("/" + deniedKey));
        proxy.respond(denied, -1, 403, "AccessDenied");

        ArchiveResult archived = fx.archive(set, ws, ArtifactFixture.filesUnder(ws));

        assertThat(archived.failures()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("denied.txt");
            assertThat(f.category()).isEqualTo(ErrorCategory.ACCESS);
            assertThat(f.message()).contains("'denied.txt' of artifacts of team/app #2")
                    .contains("HTTP 403 AccessDenied").doesNotContain("X-Amz-Signature").doesNotContain("?X-Amz");
        });
        assertThat(proxy.count(denied)).isEqualTo(1);
        assertThat(fx.controller.manifest(set).entries()).containsOnlyKeys("small.txt", "big.bin");
        assertThat(fx.objects(set.root())).doesNotContainKey(deniedKey);
    }

    @Test
    void aPartThatNeverGetsThroughAbortsTheMultipartUpload() throws Exception {
        proxy.respond(PRESIGNED.and(FaultProxy.Request::isUploadPart), -1, 500, "InternalError");
        ArtifactSet set = fx.build(3).artifacts();

        ArchiveResult archived = fx.archive(set, ws, ArtifactFixture.filesUnder(ws));

        assertThat(archived.failures()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("'big.bin'").contains("still failed after " + fx.transfers.retryPolicy().maxAttempts() + " attempts")
                .contains("HTTP 500 InternalError"));
        assertThat(fx.openMultipartUploads(set.root())).isZero();
        assertThat(fx.controller.manifest(set).entries()).containsOnlyKeys("small.txt", "denied.txt");
    }

    @Test
    void aFileChangedAfterTheScanIsNotArchived() throws Exception {
        ArtifactSet set = fx.build(4).artifacts();
        Map<?, ?> scan = ArtifactFixture.channel(ArtifactScan.scan(ws, ArtifactFixture.filesUnder(ws)));
        Files.writeString(ws.resolve("small.txt"), "small, and then some");

        ArchiveResult archived;
        try (UploadPlan plan = fx.controller.planUpload(set, scan)) {
            archived = fx.controller.complete(plan, ArtifactFixture.channel(
                    new PresignedUploader(fx.transfers).upload(ws, ArtifactFixture.channel(plan.toWire()))));
        }

        assertThat(archived.failures()).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(ErrorCategory.LOCAL_IO);
            assertThat(f.message()).contains("'small.txt'").contains("changed since it was listed");
        });
        assertThat(fx.controller.manifest(set).entries()).containsOnlyKeys("denied.txt", "big.bin");
    }
}
