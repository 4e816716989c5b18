package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.encsync.core.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code encsync provision} run as a command (exit code, stdout, stderr) against moto. Admin
 * credentials reach it through the default AWS chain, as for a user: here as the
 * {@code aws.accessKeyId}/{@code aws.secretAccessKey} system properties (moto's authorization is
 * off on the shared server, so any admin key works).
 */
class ProvisionCommandTest {
    private static final String REGION = "eu-west-1";
    private static MotoServer moto;
    private static S3Client adminS3;
    private static IamClient adminIam;

    @BeforeAll
    static void start() {
        System.setProperty("aws.accessKeyId", "cli-admin");
        System.setProperty("aws.secretAccessKey", "cli-admin-secret");
        moto = MotoServer.shared();
        var admin = StaticCredentialsProvider.create(AwsBasicCredentials.create("cli-admin", "cli-admin-secret"));
        adminS3 = S3Client.builder().region(Region.of(REGION)).endpointOverride(moto.endpoint()).forcePathStyle(true)
                .credentialsProvider(admin).build();
        adminIam = IamClient.builder().region(Region.of(REGION)).endpointOverride(moto.endpoint()).credentialsProvider(admin).build();
    }

    @AfterAll
    static void stop() {
        adminS3.close();
        adminIam.close();
    }

    /** Exit code, stdout and stderr of one run. */
    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ProvisionCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The bucket options before the action, the rest after it: picocli accepts both places for the former. */
    static String[] args(String action, String bucket, String... more) {
        List<String> a = new ArrayList<>(List.of("--bucket", bucket, "--region", REGION, "--endpoint", moto.endpoint().toString()));
        a.add(action);
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    static String newBucket() {
        return "cli-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, String> readEnvFile(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> l.replaceFirst("^export ", "").split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1].replace("'", "")));
    }

    /**
     * Acceptance 3. moto treats the TLS-only Deny's condition as always true and would refuse every
     * object request, so this cycle runs with {@code --tls-only false}. "push/pull" is a plain
     * {@code encsync push}/{@code pull} run as processes with the new key and nothing else.
     */
    @Test
    void provisionPushPullDestroyLeavesNothingBehind(@TempDir Path dir) throws Exception {
        String bucket = newBucket();
        Path keyFile = dir.resolve("key.env");

        Run apply = run(args("apply", bucket, "--tls-only", "false", "--output", keyFile.toString(), "--output-format", "env"));
        assertThat(apply.exit()).as(apply.toString()).isZero();
        Map<String, String> env = readEnvFile(keyFile);
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        assertThat(secret).isNotBlank();
        assertThat(apply.out() + apply.err()).as("the secret goes to the file only").doesNotContain(secret);
        assertThat(apply.out()).contains("written to " + keyFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        // The recipe's sync step, with the new key only: encsync push, a second incremental push, pull.
        Path tree = dir.resolve("workspace");
        Trees.write(tree, "dist/app.jar", Trees.bytes(300_000, 1));
        Trees.write(tree, "dist/notes.txt", "release notes");
        CliProcess sync = new CliProcess().password("provision-cycle-password")
                .env("AWS_ACCESS_KEY_ID", env.get("AWS_ACCESS_KEY_ID")).env("AWS_SECRET_ACCESS_KEY", secret);
        String[] s3 = {"--endpoint", moto.endpoint().toString(), "--path-style", "--region", REGION};
        String remote = "s3://" + bucket + "/backup";
        CliProcess.Result push = sync.run(concat(new String[] {"push", tree.toString(), remote}, s3));
        assertThat(push.exitCode()).as(push.toString()).isZero();
        Trees.write(tree, "dist/notes.txt", "release notes, second build");
        CliProcess.Result again = sync.run(concat(new String[] {"push", tree.toString(), remote}, s3));
        assertThat(again.stdout()).as(again.toString()).contains("1 transferred, 1 unchanged").contains("generation 2");
        Path restored = dir.resolve("restored");
        CliProcess.Result pull = sync.run(concat(new String[] {"pull", remote, restored.toString()}, s3));
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(Trees.snapshot(restored)).isEqualTo(Trees.snapshot(tree));
        assertThat(push.all() + again.all() + pull.all()).doesNotContain(secret);

        Run refused = run(args("destroy", bucket));
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("--force");

        Run destroy = run(args("destroy", bucket, "--force"));
        assertThat(destroy.exit()).as(destroy.toString()).isZero();
        String user = "encsync-" + bucket;
        assertThat(adminIam.listUsers().users()).noneMatch(u -> u.userName().equals(user));
        assertThat(adminS3.listBuckets().buckets()).noneMatch(b -> b.name().equals(bucket));
        assertThatThrownBy(() -> adminIam.listAccessKeys(r -> r.userName(user))).isInstanceOf(NoSuchEntityException.class);
        assertThat(adminIam.listUsers().users().stream()
                .flatMap(u -> adminIam.listAccessKeys(r -> r.userName(u.userName())).accessKeyMetadata().stream()))
                .noneMatch(k -> k.accessKeyId().equals(env.get("AWS_ACCESS_KEY_ID")));
    }

    /** The rclone.conf section written by {@code --output} works as is with real rclone. */
    @Test
    void theRcloneSectionWorksWithRealRclone(@TempDir Path dir) throws Exception {
        String bucket = newBucket();
        Path conf = dir.resolve("rclone.conf");
        Run apply = run(args("apply", bucket, "--tls-only", "false", "--output", conf.toString(), "--remote-name", "vault"));
        assertThat(apply.exit()).as(apply.toString()).isZero();
        Path local = Files.writeString(dir.resolve("hello.txt"), "hello from rclone");

        rclone(conf, "copyto", local.toString(), "vault:" + bucket + "/dir/hello.txt");
        assertThat(rclone(conf, "cat", "vault:" + bucket + "/dir/hello.txt")).isEqualTo("hello from rclone");
        assertThat(adminS3.getObjectAsBytes(r -> r.bucket(bucket).key("dir/hello.txt")).asUtf8String()).isEqualTo("hello from rclone");
        assertThat(run(args("destroy", bucket, "--force")).exit()).isZero();
    }

    private static String rclone(Path conf, String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of(rcloneExecutable(), "--config", conf.toString()));
        argv.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        // rclone's S3 backend fails when AWS_CA_BUNDLE is set; its other AWS_* variables would override the file.
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("rclone " + String.join(" ", command) + ":\n" + output).isZero();
        return output;
    }

    private static String rcloneExecutable() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, "rclone");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("rclone was not found on PATH: this test checks the written rclone.conf with "
                + "real rclone — install rclone 1.60 or later (e.g. apt-get install rclone)");
    }

    @Test
    void planExitsTwoOnDriftAndZeroOnceApplied(@TempDir Path dir) {
        String bucket = newBucket();
        Path conf = dir.resolve("rclone.conf");
        assertThat(run(args("plan", bucket)).exit()).as("nothing exists yet").isEqualTo(2);
        Run apply = run(args("apply", bucket, "--output", conf.toString()));
        assertThat(apply.exit()).as(apply.toString()).isZero();
        assertThat(run(args("plan", bucket)).exit()).isZero();
        Run again = run(args("apply", bucket));
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("No changes");

        adminS3.putPublicAccessBlock(r -> r.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(false)
                .ignorePublicAcls(true).blockPublicPolicy(true).restrictPublicBuckets(true)));
        String user = "encsync-" + bucket;
        String policy = adminIam.getUserPolicy(r -> r.userName(user).policyName("encsync-" + bucket)).policyDocument();
        String widened = java.net.URLDecoder.decode(policy, java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"s3:DeleteObject\"", "\"s3:DeleteObject\", \"s3:DeleteObjectVersion\"");
        adminIam.putUserPolicy(r -> r.userName(user).policyName("encsync-" + bucket).policyDocument(widened));
        Run drift = run(args("plan", bucket));
        assertThat(drift.exit()).as(drift.toString()).isEqualTo(2);
        assertThat(drift.out().lines().filter(l -> l.startsWith("~ ") || l.startsWith("+ ") || l.startsWith("- "))).containsExactly(
                "~ turn on all four Block Public Access flags of bucket '" + bucket + "' (BlockPublicAcls is off)",
                "~ set inline policy 'encsync-" + bucket + "' of IAM user '" + user + "' to sync access on bucket '" + bucket
                        + "' (the policy grants extra s3:DeleteObjectVersion)");

        assertThat(run(args("apply", bucket)).exit()).isZero();
        assertThat(run(args("plan", bucket)).exit()).isZero();
        assertThat(adminIam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata()).hasSize(1);
    }

    @Test
    void applyRefusesToCreateAKeyWhoseSecretWouldBeLost() {
        String bucket = newBucket();
        Run run = run(args("apply", bucket));
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("nothing was changed").contains("--output FILE");
        assertThat(adminS3.listBuckets().buckets()).noneMatch(b -> b.name().equals(bucket));
    }

    @Test
    void showSecretPrintsTheKeyOnlyWhenAsked() {
        String bucket = newBucket();
        Run run = run(args("apply", bucket, "--show-secret"));
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("aws_secret_access_key = \\S+");
        assertThat(run(args("destroy", bucket)).exit()).isZero();
    }

    /** Acceptance 4: invalid input exits 2 before a single request leaves the process. */
    @Test
    void invalidInputsExitTwoBeforeAnyRequest() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer counter = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        counter.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        counter.start();
        try {
            String endpoint = "http://127.0.0.1:" + counter.getAddress().getPort();
            Map<String[], String> cases = Map.of(
                    new String[] {"--bucket", "My_Bucket"}, "bucket name 'My_Bucket' is not valid",
                    new String[] {"--bucket", "good-bucket", "--user", "sync user"}, "user name 'sync user' is invalid",
                    new String[] {"--bucket", "good-bucket", "--user-path", "home"}, "user path 'home' is invalid",
                    new String[] {"--bucket", "good-bucket", "--versioning", "maybe"}, "--versioning");
            for (Map.Entry<String[], String> c : cases.entrySet()) {
                List<String> a = new ArrayList<>(List.of(c.getKey()));
                a.addAll(List.of("--region", REGION, "--endpoint", endpoint, "apply"));
                Run run = run(a.toArray(String[]::new));
                assertThat(run.exit()).as(run.toString()).isEqualTo(2);
                assertThat(run.err()).contains(c.getValue());
            }
            assertThat(requests.get()).as("requests that reached the server").isZero();

            // The counter does count: a valid request does reach it (and fails as a remote error).
            Run valid = run("--bucket", "good-bucket", "--region", REGION, "--endpoint", endpoint, "plan");
            assertThat(valid.exit()).as(valid.toString()).isEqualTo(5);
            assertThat(requests.get()).isPositive();
        } finally {
            counter.stop(0);
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
