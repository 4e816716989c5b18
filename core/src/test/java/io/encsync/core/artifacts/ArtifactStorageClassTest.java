package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.testing.MotoServer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The storage class of the S3 settings reaches artifacts uploaded through presigned URLs: signed
 * into each whole-object PUT (so the agent sends it and cannot change it: it is part of the
 * signature; S3 refuses another) and set on each multipart upload the controller creates.
 */
class ArtifactStorageClassTest {
    private static final Instant MTIME = Instant.parse("2024-05-06T07:08:09Z");

    @TempDir
    Path ws;

    @Test
    void presignedUploadsStoreArtifactsInTheClassAndTheAgentCannotChangeIt() throws Exception {
        URI moto = MotoServer.shared().endpoint();
        String bucket = "encsync-sc-" + UUID.randomUUID().toString().substring(0, 12);
        S3Settings settings = ArtifactFixture.settings(moto).toBuilder().storageClass("standard_ia").build();
        CryptConfig crypt = CryptConfig.builder().password(SecretBytes.utf8(ArtifactFixture.PASSWORD)).build();
        ArtifactFixture.write(ws.resolve("small.txt"), ArtifactFixture.random(1000, 1), MTIME);
        ArtifactFixture.write(ws.resolve("big.bin"), ArtifactFixture.random(9 * 1024 * 1024, 2), MTIME); // multipart
        try (S3Client lister = S3Client.builder().endpointOverride(moto).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(ArtifactFixture.CREDENTIALS).build();
                ArtifactController controller = ArtifactController.open(settings, crypt, ArtifactOptions.defaults())) {
            lister.createBucket(r -> r.bucket(bucket));
            ArtifactSet set = new ArtifactBuild(bucket, "ci/artifacts", "team/app", 1).artifacts();
            Map<?, ?> scan = ArtifactFixture.channel(ArtifactScan.scan(ws, Map.of("small.txt", "small.txt",
                    "big.bin", "big.bin")));
            PresignedUploader agent = new PresignedUploader(HttpTransferOptions.defaults());

            // The class is a signed header of the PUT's URL: the agent must send exactly it, and S3
            // refuses the request if it sends another (moto checks signatures only with IAM
            // authorization on, where its check fails on the prefixed listing the controller needs).
            try (UploadPlan plan = controller.planUpload(set, scan, 0)) {
                Map<?, ?> wire = ArtifactFixture.channel(plan.toWire());
                Map<?, ?> put = signedPut(wire);
                assertThat(((Map<?, ?>) put.get("headers")).get("x-amz-storage-class")).isEqualTo("STANDARD_IA");
                String signed = URLDecoder.decode(((String) put.get("url")).replaceAll(".*X-Amz-SignedHeaders=([^&]*).*", "$1"),
                        StandardCharsets.UTF_8);
                assertThat(signed.split(";")).contains("x-amz-storage-class", "content-type");

                ArchiveResult result = controller.complete(plan, ArtifactFixture.channel(agent.upload(ws, wire)));
                assertThat(result.failures()).isEmpty();
                assertThat(result.archived()).isEqualTo(2);
            }
            Map<String, String> classes = lister.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(set.root()))
                    .contents().stream()
                    .collect(Collectors.toMap(S3Object::key, o -> String.valueOf(o.storageClassAsString())));
            assertThat(classes).hasSize(3);
            classes.forEach((key, storageClass) -> {
                if (key.equals(set.manifestKey())) {
                    assertThat(storageClass).as("the set's manifest is read on every restore").isIn("STANDARD", "null");
                } else {
                    assertThat(storageClass).as(key).isEqualTo("STANDARD_IA");
                }
            });
        }
    }

    /** The one whole-object PUT of an upload plan's message. */
    private static Map<?, ?> signedPut(Map<?, ?> wire) {
        for (Object f : (List<?>) wire.get("files")) {
            if (((Map<?, ?>) f).get("put") instanceof Map<?, ?> put) {
                return put;
            }
        }
        throw new AssertionError("no whole-object PUT in the plan");
    }
}
