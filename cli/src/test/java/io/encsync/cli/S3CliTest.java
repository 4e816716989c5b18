package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.testing.MotoServer;
import io.encsync.core.testing.Rclone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The CLI against S3 (a real moto server), as a user runs it: push and pull round trips in every
 * filename mode, and interoperability with stock rclone through the config that
 * {@code encsync rclone-config} prints.
 */
class S3CliTest {
    private static final String PASSWORD = "s3-cli-test-password";
    private static final String KEY_ID = "testing";
    private static final String SECRET = "testing-secret";

    @TempDir
    static Path shared;
    static Path tree;

    @TempDir
    Path tmp;

    @BeforeAll
    static void writeTree() {
        tree = shared.resolve("tree");
        for (int size : new int[] {0, 1, 65537}) {
            Trees.write(tree, String.format(Locale.ROOT, "sizes/%d.bin", size), Trees.bytes(size, size));
        }
        Trees.write(tree, "sizes/five MiB.bin", Trees.bytes(5 * 1024 * 1024 + 3, 5));
        Trees.write(tree, "Grüße – 日本語 ☃/emoji 😀.txt", "unicode");
        Trees.write(tree, "a/b/c/d/e/f/g/deep.txt", "deep");
        for (int i = 0; i < 40; i++) {
            Trees.write(tree, "many/file-" + i + ".txt", "file " + i);
        }
    }

    private static String newBucket() {
        String bucket = "cli-" + UUID.randomUUID().toString().substring(0, 18);
        try (S3Client s3 = MotoServer.admin(MotoServer.shared().endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        return bucket;
    }

    private static CliProcess cli(String keyId, String secret) {
        return new CliProcess().password(PASSWORD).env("AWS_ACCESS_KEY_ID", keyId).env("AWS_SECRET_ACCESS_KEY", secret);
    }

    private static String[] s3(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", MotoServer.shared().endpoint().toString(), "--path-style", "--region", "us-east-1"));
        return all.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({"standard,base32", "standard,base64", "standard,base32768", "obfuscate,base32", "off,base32"})
    void pushAndPullRoundTripInEveryFilenameMode(String mode, String encoding) {
        String remote = "s3://" + newBucket() + "/backups/job-1";
        CliProcess cli = cli(KEY_ID, SECRET);

        CliProcess.Result push = cli.run(s3("push", "--filename-encryption", mode, "--filename-encoding", encoding, tree.toString(), remote));
        assertThat(push.exitCode()).as(push.toString()).isZero();
        CliProcess.Result again = cli.run(s3("push", "--json", "--filename-encryption", mode, "--filename-encoding", encoding, tree.toString(), remote));
        assertThat(again.stdout()).contains("\"transferred\":0");

        Path out = tmp.resolve("out");
        CliProcess.Result pull = cli.run(s3("pull", "--filename-encryption", mode, "--filename-encoding", encoding, remote, out.toString()));
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(Trees.snapshot(out)).isEqualTo(Trees.snapshot(tree));
    }

    @Test
    void twoThousandSmallFilesAndA200MiBFileRoundTrip() {
        Path big = tmp.resolve("big");
        for (int i = 0; i < 2000; i++) {
            Trees.write(big, String.format(Locale.ROOT, "small/%02d/f%04d.txt", i % 20, i), "small file " + i);
        }
        Trees.write(big, "large/200MiB.bin", Trees.bytes(200 * 1024 * 1024 + 1, 200));
        String remote = "s3://" + newBucket();
        CliProcess cli = cli(KEY_ID, SECRET);

        CliProcess.Result push = cli.run(s3("push", "--transfers", "8", big.toString(), remote));
        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(push.stdout()).contains("2001 transferred");
        Path out = tmp.resolve("out");
        CliProcess.Result pull = cli.run(s3("pull", "--transfers", "8", remote, out.toString()));
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(Trees.snapshot(out)).isEqualTo(Trees.snapshot(big));
    }

    @Test
    void stockRcloneWithThePrintedConfigRestoresSyncsAndWritesWhatEncsyncReads() throws Exception {
        String bucket = newBucket();
        String remote = "s3://" + bucket + "/ci";
        CliProcess cli = cli(KEY_ID, SECRET);
        assertThat(cli.run(s3("push", tree.toString(), remote)).exitCode()).isZero();

        CliProcess.Result printed = cli.run(s3("rclone-config", "--show-secrets", remote));
        assertThat(printed.exitCode()).as(printed.toString()).isZero();
        Path conf = Files.writeString(tmp.resolve("rclone.conf"), printed.stdout());
        Map<String, String> awsEnv = Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET);

        // 1. stock rclone restores what encsync pushed
        Path byRclone = tmp.resolve("by-rclone");
        Rclone.Result copy = Rclone.run(conf, awsEnv, "copy", "encsync:", byRclone.toString()).assertOk();
        assertThat(Trees.snapshot(byRclone)).isEqualTo(Trees.snapshot(tree));
        assertThat(copy.stderr()).isEmpty();

        // 2. rclone sync right after an encsync push has nothing to do (same sizes, mtimes, no extra files)
        Rclone.Result sync = Rclone.run(conf, awsEnv, "sync", "--dry-run", tree.toString(), "encsync:").assertOk();
        assertThat(sync.stderr()).doesNotContain("Skipped copy").doesNotContain("Skipped delete").doesNotContain("ERROR");
        Rclone.Result check = Rclone.run(conf, awsEnv, "check", tree.toString(), "encsync:").assertOk();
        assertThat(check.stderr()).contains("0 differences found");

        // 3. encsync pulls what rclone pushed through a crypt remote
        String rcloneRemote = "s3://" + bucket + "/by-rclone";
        Path conf2 = Files.writeString(tmp.resolve("rclone2.conf"),
                cli.run(s3("rclone-config", "--show-secrets", rcloneRemote)).stdout());
        Rclone.run(conf2, awsEnv, "copy", tree.toString(), "encsync:").assertOk();
        Path byEncsync = tmp.resolve("by-encsync");
        CliProcess.Result pull = cli.run(s3("pull", rcloneRemote, byEncsync.toString()));
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(pull.stderr()).contains("cannot be verified");
        assertThat(Trees.snapshot(byEncsync)).isEqualTo(Trees.snapshot(tree));
    }

    @Test
    void aWrongSecretKeyExits3WithoutPrintingTheSecret() {
        try (MotoServer moto = MotoServer.start()) {
            AccessKey admin;
            try (IamClient iam = IamClient.builder().endpointOverride(moto.endpoint()).region(Region.AWS_GLOBAL)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET))).build()) {
                iam.createUser(r -> r.userName("admin"));
                iam.putUserPolicy(r -> r.userName("admin").policyName("all")
                        .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
                admin = iam.createAccessKey(r -> r.userName("admin")).accessKey();
            }
            try (S3Client s3 = MotoServer.admin(moto.endpoint(),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))) {
                s3.createBucket(r -> r.bucket("auth-bucket"));
            }
            moto.enforceAuthorization(true);
            String wrongSecret = "Wr0ngSecretKeyThatMustNeverBePrinted";

            CliProcess.Result r = new CliProcess().password(PASSWORD)
                    .env("AWS_ACCESS_KEY_ID", admin.accessKeyId()).env("AWS_SECRET_ACCESS_KEY", wrongSecret)
                    .run("push", "--debug", tree.toString(), "s3://auth-bucket",
                            "--endpoint", moto.endpoint().toString(), "--path-style", "--region", "us-east-1");

            assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
            assertThat(r.stderr()).contains("credentials rejected").contains("auth-bucket");
            assertThat(r.all()).doesNotContain(wrongSecret).doesNotContain(PASSWORD);

            CliProcess.Result ok = new CliProcess().password(PASSWORD)
                    .env("AWS_ACCESS_KEY_ID", admin.accessKeyId()).env("AWS_SECRET_ACCESS_KEY", admin.secretAccessKey())
                    .run("push", tree.toString(), "s3://auth-bucket", "--endpoint", moto.endpoint().toString(), "--path-style", "--region", "us-east-1");
            assertThat(ok.exitCode()).as(ok.toString()).isZero();
            moto.enforceAuthorization(false);
        }
    }
}
