package io.encsync.core.task;

import static io.encsync.core.task.TaskFixtures.crypt;
import static io.encsync.core.task.TaskFixtures.snapshot;
import static io.encsync.core.task.TaskFixtures.writeTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.ProxySettings;
import io.encsync.core.aws.S3Access;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.sync.SyncOptions;
import io.encsync.core.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Push and pull tasks against a real moto server, with static keys and with an assumed role. */
class S3TasksTest {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path ws;
    private String bucket;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void createBucket() {
        bucket = "task-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = S3Client.builder().endpointOverride(MotoServer.shared().endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .build()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    private S3Access access(AwsAuth auth) {
        return new S3Access(S3Location.of(bucket, "ci/nightly"), S3Settings.builder().region("us-east-1")
                .endpoint(MotoServer.shared().endpoint().toString()).pathStyle(true).build(), auth, null);
    }

    private static AwsAuth keys() {
        return AwsAuth.staticKeys(KEY_ID, SecretBytes.utf8(SECRET), null);
    }

    private TaskResult run(AgentTask task) throws InterruptedException {
        return task.run(log::add, CancellationSignal.THREAD_INTERRUPT);
    }

    @Test
    void pushThenPullRestoresTheTreeAndReportsCounts() throws Exception {
        writeTree(ws.resolve("src"));
        TaskResult pushed = run(new PushTask(ws.toString(), "src", access(keys()), crypt(), SyncOptions.builder().build()));
        assertThat(pushed.toMap()).containsEntry("transferred", 4L).containsEntry("unchanged", 0L)
                .containsEntry("generation", 1L).containsEntry("dryRun", false);
        assertThat(pushed.summary()).contains("s3://" + bucket + "/ci/nightly");

        TaskResult again = run(new PushTask(ws.toString(), "src", access(keys()), crypt(), SyncOptions.builder().build()));
        assertThat(again.toMap()).containsEntry("transferred", 0L).containsEntry("unchanged", 4L);

        TaskResult pulled = run(new PullTask(ws.toString(), "restored", access(keys()), crypt(),
                SyncOptions.builder().minGeneration(1).build()));
        assertThat(pulled.toMap()).containsEntry("transferred", 4L);
        assertThat(snapshot(ws.resolve("restored"))).isEqualTo(snapshot(ws.resolve("src")));
        assertThat(String.join("\n", log)).doesNotContain(SECRET).doesNotContain(TaskFixtures.PASSWORD);
    }

    @Test
    void dryRunChangesNothingAndDeleteRemovesWhatTheSourceLost() throws Exception {
        writeTree(ws.resolve("src"));
        TaskResult dry = run(new PushTask(ws.toString(), "src", access(keys()), crypt(),
                SyncOptions.builder().dryRun(true).build()));
        assertThat(dry.toMap()).containsEntry("dryRun", true).containsEntry("generation", 0L);
        run(new PushTask(ws.toString(), "src", access(keys()), crypt(), SyncOptions.builder().build()));
        Files.delete(ws.resolve("src/a.txt"));
        TaskResult withDelete = run(new PushTask(ws.toString(), "src", access(keys()), crypt(),
                SyncOptions.builder().delete(true).build()));
        assertThat(withDelete.toMap()).containsEntry("deleted", 1L).containsEntry("generation", 2L);
    }

    @Test
    void pullRefusesAnOlderGenerationThanAsked() throws Exception {
        writeTree(ws.resolve("src"));
        run(new PushTask(ws.toString(), "src", access(keys()), crypt(), SyncOptions.builder().build()));
        assertThatThrownBy(() -> run(new PullTask(ws.toString(), "restored", access(keys()), crypt(),
                SyncOptions.builder().minGeneration(5).build())))
                .isInstanceOf(EncsyncException.class).hasMessageContaining("generation");
        assertThat(ws.resolve("restored/a.txt")).doesNotExist();
    }

    @Test
    void anAssumedRoleIsUsedOnTheRunningSide() throws Exception {
        writeTree(ws.resolve("src"));
        AwsAuth role = keys().assumingRole("arn:aws:iam::123456789012:role/encsync-deploy", "ext-id", "jenkins-test", 900);
        TaskResult pushed = run(new PushTask(ws.toString(), "src", access(role), crypt(), SyncOptions.builder().build()));
        assertThat(pushed.toMap()).containsEntry("transferred", 4L);
    }

    @Test
    void wrongPasswordOnPullIsAOneLineWrongPasswordError() throws Exception {
        writeTree(ws.resolve("src"));
        run(new PushTask(ws.toString(), "src", access(keys()), crypt(), SyncOptions.builder().build()));
        CryptConfig wrong = CryptConfig.builder().password(SecretBytes.utf8("wrong password")).build();
        assertThatThrownBy(() -> run(new PullTask(ws.toString(), "restored", access(keys()), wrong,
                SyncOptions.builder().build())))
                .isInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category().exitCode()).isIn(4, 7))
                .hasMessageNotContaining("wrong password");
    }

    @Test
    void theCapturedProxyIsUsedUnlessTheHostIsExempt() throws Exception {
        writeTree(ws.resolve("src"));
        String moto = MotoServer.shared().endpoint().toString();
        try (RecordingProxy proxy = new RecordingProxy()) {
            ProxySettings viaProxy = ProxySettings.of("127.0.0.1", proxy.port(), "proxy-user",
                    SecretBytes.utf8("proxy-secret"), List.of());
            S3Access access = new S3Access(S3Location.of(bucket, ""), S3Settings.builder().region("us-east-1").endpoint(moto)
                    .pathStyle(true).build(), keys(), viaProxy);
            assertThatThrownBy(() -> run(new PushTask(ws.toString(), "src", access, crypt(),
                    SyncOptions.builder().build())))
                    .isInstanceOf(EncsyncException.class).hasMessageNotContaining("proxy-secret");
            assertThat(proxy.requests()).isNotEmpty().allMatch(line -> line.contains(moto.substring("http://".length())));

            ProxySettings exempt = ProxySettings.of("127.0.0.1", proxy.port(), null, null, List.of("127\\.0\\.0\\.1"));
            int seen = proxy.requests().size();
            S3Access direct = access.withAuth(keys()).withProxy(exempt);
            TaskResult pushed = run(new PushTask(ws.toString(), "src", direct, crypt(), SyncOptions.builder().build()));
            assertThat(pushed.toMap()).containsEntry("transferred", 4L);
            assertThat(proxy.requests()).hasSize(seen);
        }
    }
}
