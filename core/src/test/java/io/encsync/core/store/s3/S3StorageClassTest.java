package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.ContentSource;
import io.encsync.core.testing.MotoServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The storage class setting: validated once in the settings, sent by the S3 store with every data object. */
class S3StorageClassTest {
    private static final Instant MTIME = Instant.parse("2024-01-02T03:04:05Z");

    @Test
    void theSettingAcceptsS3sClassesInAnyCaseAndBlankMeansTheBucketDefault() {
        assertThat(S3Settings.builder().storageClass(" standard_ia ").build().storageClass()).contains("STANDARD_IA");
        assertThat(S3Settings.builder().storageClass("Glacier_IR").build().storageClass()).contains("GLACIER_IR");
        assertThat(S3Settings.builder().storageClass("  ").build().storageClass()).isEmpty();
        assertThat(S3Settings.builder().storageClass(null).build().storageClass()).isEmpty();
        for (String c : S3Settings.STORAGE_CLASSES) {
            assertThat(S3Settings.checkStorageClass(c.toLowerCase())).as(c).isEmpty();
        }
        assertThat(S3Settings.builder().storageClass("onezone_ia").build().toString()).contains("storageClass=ONEZONE_IA");
    }

    @Test
    void aBadClassIsOneUsageErrorNamingTheSettingTheValueAndTheAcceptedOnes() {
        assertThatThrownBy(() -> S3Settings.builder().storageClass("cold"))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessage("storage class 'cold' is not one S3 knows — use one of STANDARD, REDUCED_REDUNDANCY,"
                        + " STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING, GLACIER, GLACIER_IR, DEEP_ARCHIVE, OUTPOSTS,"
                        + " EXPRESS_ONEZONE, or leave it empty for the bucket's default");
        assertThat(S3Settings.checkStorageClass("x\ny")).get().asString().doesNotContain("\n");
    }

    @Test
    void theClassTravelsWithTheSettingsToAnotherJvm() throws Exception {
        S3Settings s = S3Settings.builder().storageClass("deep_archive").build();
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((S3Settings) in.readObject()).storageClass()).contains("DEEP_ARCHIVE");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"STANDARD_IA", "GLACIER_IR"})
    void singlePutsAndMultipartUploadsAreWrittenInTheClassAndControlObjectsInTheDefault(String storageClass)
            throws Exception {
        URI endpoint = MotoServer.shared().endpoint();
        String bucket = MotoServer.newBucket(endpoint);
        byte[] small = "small".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[(int) (7 * S3Settings.MIB)]; // above the test threshold of 6 MiB: multipart
        try (S3Client admin = MotoServer.admin(endpoint);
                S3Store store = S3Store.open(new S3Location(bucket, "vault"),
                        MotoServer.settings(endpoint).storageClass(storageClass.toLowerCase()).build())) {
            store.put("data/small.bin", ContentSource.ofBytes(small), MTIME);
            store.put("data/large.bin", ContentSource.ofBytes(large), MTIME);
            store.put(".encsync-manifest", ContentSource.ofBytes(small), MTIME);
            assertThat(store.putIfAbsent(".encsync-lock", ContentSource.ofBytes(small), MTIME)).isTrue();
            store.put("sub/.encsync-manifest", ContentSource.ofBytes(small), MTIME);

            assertThat(admin.headObject(r -> r.bucket(bucket).key("vault/data/small.bin")).storageClassAsString())
                    .isEqualTo(storageClass);
            assertThat(admin.headObject(r -> r.bucket(bucket).key("vault/data/large.bin")).storageClassAsString())
                    .isEqualTo(storageClass);
            Map<String, String> listed = admin.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("vault/")).contents()
                    .stream().collect(Collectors.toMap(S3Object::key, o -> String.valueOf(o.storageClassAsString())));
            assertThat(listed).containsEntry("vault/data/small.bin", storageClass)
                    .containsEntry("vault/data/large.bin", storageClass)
                    .as("a nested object named like a control object is data").containsEntry("vault/sub/.encsync-manifest", storageClass)
                    .as("the manifest is read on every run: never archived")
                    .hasEntrySatisfying("vault/.encsync-manifest", c -> assertThat(c).isIn("STANDARD", "null"))
                    .hasEntrySatisfying("vault/.encsync-lock", c -> assertThat(c).isIn("STANDARD", "null"));
        }
    }

    @Test
    void withoutAClassNothingIsSentAndTheBucketDefaultApplies() throws Exception {
        URI endpoint = MotoServer.shared().endpoint();
        String bucket = MotoServer.newBucket(endpoint);
        try (S3Client admin = MotoServer.admin(endpoint);
                S3Store store = S3Store.open(new S3Location(bucket, ""), MotoServer.settings(endpoint).build())) {
            store.put("a.bin", ContentSource.ofBytes(new byte[] {1}), MTIME);
            assertThat(admin.headObject(r -> r.bucket(bucket).key("a.bin")).storageClassAsString()).isIn("STANDARD", null);
            assertThat(store.storageClassFor("a.bin")).isNull();
        }
    }
}
