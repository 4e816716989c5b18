package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.testing.MotoServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code --storage-class}: push writes the files in it, rclone-config passes it on, a bad value is one clear error. */
class StorageClassCliTest {
    private static final String PASSWORD = "storage-class-cli-password";

    @TempDir
    Path tmp;

    private static S3Client admin() {
        return S3Client.builder().endpointOverride(MotoServer.shared().endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .build();
    }

    private static CliProcess cli() {
        return new CliProcess().password(PASSWORD).env("AWS_ACCESS_KEY_ID", "testing").env("AWS_SECRET_ACCESS_KEY", "testing");
    }

    @Test
    void pushWritesTheFilesInTheStorageClassAndKeepsTheManifestReadable() {
        String bucket = "cli-sc-" + UUID.randomUUID().toString().substring(0, 12);
        Path tree = tmp.resolve("tree");
        Trees.write(tree, "a.txt", "alpha");
        Trees.write(tree, "sub/b.txt", "beta");
        String endpoint = MotoServer.shared().endpoint().toString();
        try (S3Client s3 = admin()) {
            s3.createBucket(r -> r.bucket(bucket));
            CliProcess.Result push = cli().run("push", "--storage-class", "glacier_ir", tree.toString(),
                    "s3://" + bucket + "/vault", "--endpoint", endpoint, "--path-style", "--region", "us-east-1");
            assertThat(push.exitCode()).as(push.toString()).isZero();
            Map<String, String> classes = s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                    .collect(Collectors.toMap(S3Object::key, o -> String.valueOf(o.storageClassAsString())));
            assertThat(classes).hasSize(3);
            classes.forEach((key, storageClass) -> assertThat(storageClass).as(key)
                    .isEqualTo(key.equals("vault/.encsync-manifest") ? "STANDARD" : "GLACIER_IR"));

            // The next push reads that manifest: it finds everything unchanged.
            CliProcess.Result again = cli().run("push", "--json", "--storage-class", "GLACIER_IR", tree.toString(),
                    "s3://" + bucket + "/vault", "--endpoint", endpoint, "--path-style", "--region", "us-east-1");
            assertThat(again.exitCode()).as(again.toString()).isZero();
            assertThat(again.stdout()).contains("\"unchanged\":2");
        }
    }

    @Test
    void rcloneConfigWritesRclonesStorageClassOption() {
        CliProcess.Result printed = cli().run("rclone-config", "--storage-class", "standard_ia", "s3://my-backups/reports",
                "--region", "eu-west-1");
        assertThat(printed.exitCode()).as(printed.toString()).isZero();
        assertThat(printed.stdout()).contains("storage_class = STANDARD_IA\n");
        CliProcess.Result without = cli().run("rclone-config", "s3://my-backups/reports", "--region", "eu-west-1");
        assertThat(without.stdout()).doesNotContain("storage_class");
    }

    @Test
    void aBadStorageClassIsAUsageErrorNamingTheValueAndTheAcceptedOnes() {
        CliProcess.Result bad = cli().run("push", "--storage-class", "cold", tmp.toString(), "s3://my-backups/x",
                "--region", "eu-west-1");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.stderr()).contains("storage class 'cold' is not one S3 knows — use one of STANDARD,")
                .contains("GLACIER_IR").contains("leave it empty for the bucket's default");
        CliProcess.Result local = cli().run("push", "--storage-class", "STANDARD_IA", tmp.toString(),
                tmp.resolve("vault").toString());
        assertThat(local.exitCode()).as(local.toString()).isEqualTo(2);
        assertThat(local.stderr()).contains("--storage-class apply to s3:// remotes only");
    }
}
