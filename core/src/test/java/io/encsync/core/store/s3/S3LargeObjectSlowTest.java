package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.testing.MotoServer;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * SLOW (about a minute): a 200 MiB object through moto with the default part size, threshold and
 * concurrency. Runs in every build anyway, because it is the proof that large objects stream.
 *
 * <p>Memory is asserted by design, not by timing or heap sampling: the content is generated while
 * it is read (it never exists in memory as a whole), the store allocates at most
 * {@code uploadConcurrency} part buffers, and the download is hashed as a stream.
 */
@Tag("slow")
class S3LargeObjectSlowTest {

    @Test
    void twoHundredMebibytesRoundTripWithBoundedPartBuffers() throws Exception {
        URI endpoint = MotoServer.shared().endpoint();
        String bucket = MotoServer.newBucket(endpoint);
        S3Settings settings = S3Settings.builder()
                .endpoint(endpoint).pathStyle(true).region("us-east-1")
                .credentialsProvider(MotoServer.CREDENTIALS)
                .build();
        assertThat(settings.partSize()).isEqualTo(16 * S3Settings.MIB);
        assertThat(settings.uploadConcurrency()).isEqualTo(4);
        // An encrypted size: 200 MiB of plaintext in rclone crypt format.
        long plain = 200 * S3Settings.MIB;
        TestContent content = new TestContent(32 + plain + 16 * ((plain + 65535) / 65536), 42);

        try (S3Store store = S3Store.open(new S3Location(bucket, "large"), settings)) {
            store.put("artifact.bin", content, Instant.parse("2024-05-06T07:08:09Z"));

            assertThat(store.partBuffersAllocated()).isBetween(1, settings.uploadConcurrency());
            assertThat(store.stat("artifact.bin").orElseThrow().size()).isEqualTo(content.length());
            assertThat(TestContent.md5Hex(store.open("artifact.bin"))).isEqualTo(content.md5Hex());
        }
        try (S3Client admin = MotoServer.admin(endpoint)) {
            var head = admin.headObject(r -> r.bucket(bucket).key("large/artifact.bin"));
            long parts = (content.length() + settings.partSize() - 1) / settings.partSize();
            assertThat(head.eTag()).endsWith("-" + parts + "\"");
            assertThat(head.metadata()).containsEntry("md5chksum", Md5.hexToBase64(content.md5Hex()));
        }
    }
}
