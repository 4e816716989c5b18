package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.encsync.core.store.ContentSource;
import io.encsync.core.testing.FaultProxy;
import io.encsync.core.testing.FaultProxy.Request;
import io.encsync.core.testing.MotoServer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A push killed with SIGKILL in the middle of a multipart upload (a real child JVM, killed after
 * two of its four parts went up): the previous object stays intact and readable, nothing
 * half-written appears, and the next push's {@code cleanupAbandonedWrites()} aborts the leftover.
 */
class S3KilledPushTest {
    private static final Instant OLD = Instant.parse("2020-01-01T00:00:00Z");

    /** The child: uploads a 20 MiB object (four 5 MiB parts) through the given endpoint. */
    public static void main(String[] args) {
        S3Settings settings = MotoServer.settings(URI.create(args[0])).uploadConcurrency(4).build();
        try (S3Store store = S3Store.open(new S3Location(args[1], "pushed"), settings)) {
            store.put("artifact.bin", new TestContent(20 * S3Settings.MIB, 99), Instant.now());
        }
    }

    @Test
    void killedMidMultipartLeavesThePreviousObjectAndCleanupAbortsTheLeftover() throws Exception {
        URI moto = MotoServer.shared().endpoint();
        String bucket = MotoServer.newBucket(moto);
        byte[] previous = new TestContent(1000, 1).bytes();
        try (S3Store store = S3Store.open(new S3Location(bucket, "pushed"), MotoServer.settings(moto).build())) {
            store.put("artifact.bin", ContentSource.ofBytes(previous), OLD);
        }

        try (FaultProxy proxy = FaultProxy.start(moto)) {
            // Parts 1 and 2 go through; 3 and 4 hang, so the child is killed mid-upload.
            proxy.stall(r -> r.isUploadPart() && !r.query().matches(".*partNumber=[12](&.*)?$"), -1);
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), S3KilledPushTest.class.getName(),
                    proxy.endpoint().toString(), bucket)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try (S3Client admin = MotoServer.admin(moto)) {
                awaitUploadParts(proxy, child, 4, admin, bucket);
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }

        try (S3Client admin = MotoServer.admin(moto)) {
            var uploads = admin.listMultipartUploads(r -> r.bucket(bucket)).uploads();
            assertThat(uploads).hasSize(1);
            assertThat(admin.listParts(r -> r.bucket(bucket).key("pushed/artifact.bin").uploadId(uploads.get(0).uploadId())).parts())
                    .hasSize(2);
            try (S3Store next = S3Store.open(new S3Location(bucket, "pushed"), MotoServer.settings(moto).build())) {
                assertThat(next.stat("artifact.bin").orElseThrow().modTime()).isEqualTo(OLD);
                try (var in = next.open("artifact.bin")) {
                    assertThat(in.readAllBytes()).isEqualTo(previous);
                }
                assertThat(next.cleanupAbandonedWrites()).isEqualTo(1);
                assertThat(admin.listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();

                TestContent content = new TestContent(20 * S3Settings.MIB, 99);
                next.put("artifact.bin", content, Instant.now());
                assertThat(TestContent.md5Hex(next.open("artifact.bin"))).isEqualTo(content.md5Hex());
            }
        }
    }

    /**
     * Waits (bounded, not timed) until the child has sent {@code n} UploadPart requests and moto
     * holds the two parts that were let through; fails if the child exits first.
     */
    private static void awaitUploadParts(FaultProxy proxy, Process child, int n, S3Client admin, String bucket)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (proxy.count(Request::isUploadPart) < n || storedParts(admin, bucket) < 2) {
            if (!child.isAlive()) {
                fail("the child push exited (" + child.exitValue() + ") before sending " + n + " parts; requests: "
                        + List.copyOf(proxy.requests()));
            }
            if (System.nanoTime() > deadline) {
                fail("the child push sent only " + proxy.count(Request::isUploadPart) + " parts in 2 minutes");
            }
            Thread.sleep(50);
        }
    }

    private static int storedParts(S3Client admin, String bucket) {
        var uploads = admin.listMultipartUploads(r -> r.bucket(bucket)).uploads();
        return uploads.isEmpty() ? 0
                : admin.listParts(r -> r.bucket(bucket).key(uploads.get(0).key()).uploadId(uploads.get(0).uploadId())).parts().size();
    }
}
