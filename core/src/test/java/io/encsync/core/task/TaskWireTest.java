package io.encsync.core.task;

import static io.encsync.core.task.TaskFixtures.crypt;
import static io.encsync.core.task.TaskFixtures.writeTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.IssuedKey;
import io.encsync.core.aws.ProxySettings;
import io.encsync.core.aws.S3Access;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.provision.ProvisionRequest;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.sync.SyncOptions;
import io.encsync.core.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every task's reply, success or failure, must pass a Jenkins controller's class filter: JDK types
 * only. Here each reply is serialized and read back through an {@link ObjectInputFilter} that
 * refuses every class outside {@code java.*} (primitive arrays allowed), as JEP-200 refuses the
 * classes of a plugin's bundled library jars; then {@link TaskWire#read} must give back the result,
 * or the failure with its category and its one-line message.
 */
class TaskWireTest {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path ws;

    /** Like JEP-200 for a bundled library: java.* and primitive arrays pass, everything else is refused. */
    private static final ObjectInputFilter JDK_ONLY = info -> {
        Class<?> c = info.serialClass();
        if (c == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return c.isPrimitive() || c.getName().startsWith("java.") ? ObjectInputFilter.Status.ALLOWED
                : ObjectInputFilter.Status.REJECTED;
    };

    /** Serializes {@code o} and reads it back through {@link #JDK_ONLY}, as the controller would. */
    @SuppressWarnings("unchecked")
    private static <T> T acrossTheChannel(Object o) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(TaskFixtures.serialize(o)))) {
            in.setObjectInputFilter(JDK_ONLY);
            return (T) in.readObject();
        }
    }

    private static Map<String, Object> runAndCross(AgentTask task) throws Exception {
        HashMap<String, Object> wire = TaskWire.run(task, TaskLog.silent(), CancellationSignal.THREAD_INTERRUPT);
        return acrossTheChannel(wire);
    }

    @Test
    void theFilterRefusesCoreTypesSoTheseTestsCanFail() {
        TaskResult result = new TaskResult("Applied", Map.of("changes", 1),
                new IssuedKey(KEY_ID, SecretBytes.utf8(SECRET)));
        assertThatThrownBy(() -> acrossTheChannel(result)).isInstanceOf(InvalidClassException.class)
                .hasMessageContaining("REJECTED");
        EncsyncException withSdkCause = new EncsyncException(ErrorCategory.REMOTE, "x",
                software.amazon.awssdk.core.exception.SdkClientException.create("connection refused"));
        assertThatThrownBy(() -> acrossTheChannel(withSdkCause)).isInstanceOf(InvalidClassException.class);
    }

    @Test
    void folderTasksAndTheirWrongPasswordFailureCrossAsJdkTypes() throws Exception {
        writeTree(ws.resolve("src"));
        TaskResult encrypted = TaskWire.read(runAndCross(new EncryptDirTask(ws.toString(), "src", "vault", crypt())));
        assertThat(encrypted.toMap()).containsEntry("transferred", 4L).containsEntry("generation", 1L);
        assertThat(encrypted.summary()).startsWith("Pushed to ");
        assertThat(encrypted.issuedKey()).isEmpty();

        TaskResult decrypted = TaskWire.read(runAndCross(new DecryptDirTask(ws.toString(), "vault", "back", crypt())));
        assertThat(decrypted.toMap()).containsEntry("transferred", 4L);

        Map<String, Object> wrong = runAndCross(new DecryptDirTask(ws.toString(), "vault", "out",
                CryptConfig.builder().password(SecretBytes.utf8("not the password")).build()));
        assertThatThrownBy(() -> TaskWire.read(wrong)).isExactlyInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.WRONG_PASSWORD))
                .hasNoCause().hasMessageNotContaining("not the password").hasMessageNotContaining("\n");
    }

    @Test
    void s3TasksAndAFailureWithAnSdkCauseCrossAsJdkTypes() throws Exception {
        String bucket = "wire-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = S3Client.builder().endpointOverride(MotoServer.shared().endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .build()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        writeTree(ws.resolve("src"));
        TaskResult pushed = TaskWire.read(runAndCross(new PushTask(ws.toString(), "src", access(bucket), crypt(),
                SyncOptions.builder().build())));
        assertThat(pushed.toMap()).containsEntry("transferred", 4L).containsEntry("dryRun", false);
        TaskResult pulled = TaskWire.read(runAndCross(new PullTask(ws.toString(), "restored", access(bucket), crypt(),
                SyncOptions.builder().minGeneration(1).build())));
        assertThat(pulled.toMap()).containsEntry("transferred", 4L);

        // A proxy that answers 403: core maps the SDK's exception and keeps it as the cause...
        try (RecordingProxy proxy = new RecordingProxy()) {
            S3Access refused = access(bucket).withProxy(
                    ProxySettings.of("127.0.0.1", proxy.port(), null, null, List.of()));
            PullTask denied = new PullTask(ws.toString(), "other", refused, crypt(), SyncOptions.builder().build());
            EncsyncException direct = catchEncsync(denied);
            assertThat(direct.getCause()).as("the engine keeps the SDK's exception").isNotNull()
                    .satisfies(c -> assertThat(c.getClass().getName()).startsWith("software.amazon.awssdk."));
            assertThat(direct.category()).isEqualTo(ErrorCategory.ACCESS);
            // ...and the wire carries the category and the message, without it.
            Map<String, Object> wire = runAndCross(denied);
            assertThatThrownBy(() -> TaskWire.read(wire)).isExactlyInstanceOf(EncsyncException.class).hasNoCause()
                    .hasMessage(direct.getMessage())
                    .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.ACCESS));
        }
    }

    @Test
    void provisioningAndItsIssuedKeyCrossAsJdkTypesWithTheSecretNeverPrinted() throws Exception {
        String bucket = "wire-prov-" + UUID.randomUUID().toString().substring(0, 8);
        AwsAuth admin = AwsAuth.staticKeys(KEY_ID, SecretBytes.utf8(SECRET), null);
        List<ProvisionMode> modes = List.of(ProvisionMode.PLAN, ProvisionMode.APPLY, ProvisionMode.DESTROY);
        List<TaskResult> results = new ArrayList<>();
        for (ProvisionMode mode : modes) {
            ProvisionRequest spec = ProvisionRequest.builder().bucket(bucket).region("us-east-1").force(true).tlsOnly(false)
                    .endpoint(MotoServer.shared().endpoint().toString()).build();
            HashMap<String, Object> sent = TaskWire.run(new ProvisionTask(spec, mode, admin, null), TaskLog.silent(),
                    CancellationSignal.THREAD_INTERRUPT);
            Map<String, Object> received = acrossTheChannel(sent);
            if (mode == ProvisionMode.APPLY) {
                char[] secret = (char[]) received.get(TaskWire.KEY_SECRET);
                assertThat(secret).as("the issued secret travels").isNotEmpty();
                assertThat(sent.toString() + received).doesNotContain(new String(secret));
            }
            results.add(TaskWire.read(received));
        }
        assertThat(results.get(0).toMap()).containsEntry("mode", "plan").containsEntry("changed", false);
        assertThat(results.get(0).issuedKey()).isEmpty();
        IssuedKey key = results.get(1).issuedKey().orElseThrow();
        assertThat(results.get(1).toMap()).containsEntry("accessKeyId", key.accessKeyId());
        assertThat(key.secretKey().length()).isPositive();
        assertThat(results.get(1).toString()).doesNotContain(key.secretKey().revealUtf8());
        assertThat(results.get(2).toMap()).containsEntry("mode", "destroy").containsEntry("changed", true);
    }

    @Test
    void aUsageFailureAndAnUnexpectedExceptionAreFlattened() throws Exception {
        Map<String, Object> usage = runAndCross(new Failing(EncsyncException.usage("bucket must be set, was empty")));
        assertThatThrownBy(() -> TaskWire.read(usage)).isExactlyInstanceOf(EncsyncException.class)
                .hasMessage("bucket must be set, was empty")
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.USAGE));

        // An exception core did not anticipate, with a cause the controller could not load.
        IllegalStateException bug = new IllegalStateException("state was\nbroken",
                new EncsyncException(ErrorCategory.REMOTE, "inner"));
        Map<String, Object> unexpected = runAndCross(new Failing(bug));
        assertThatThrownBy(() -> TaskWire.read(unexpected)).isInstanceOf(TaskWire.UnexpectedFailure.class)
                .hasNoCause()
                .hasMessageStartingWith("unexpected error on the running side: java.lang.IllegalStateException at ")
                .hasMessageContaining("state was | broken").hasMessageNotContaining("\n");
    }

    @Test
    void aCancelledTaskThrowsAnInterruptedExceptionWithoutACause() throws Exception {
        writeTree(ws.resolve("src"));
        EncryptDirTask task = new EncryptDirTask(ws.toString(), "src", "vault", crypt());
        assertThatThrownBy(() -> TaskWire.run(task, TaskLog.silent(), () -> true))
                .isExactlyInstanceOf(InterruptedException.class).hasNoCause().hasMessageContaining("cancelled");
    }

    @Test
    void readRefusesARepliesThatTheRunningSideCannotHaveSent() {
        // The agent is not trusted: a reply of other types is refused, not used.
        assertThatThrownBy(() -> TaskWire.read(Map.of(TaskWire.SUMMARY, "x", TaskWire.VALUES,
                Map.of("list", List.of())))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("list");
        assertThatThrownBy(() -> TaskWire.read(Map.of(TaskWire.FAILURE, "LAUNCH_MISSILES", TaskWire.MESSAGE, "m")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LAUNCH_MISSILES");
        assertThatThrownBy(() -> TaskWire.read(Map.of(TaskWire.VALUES, Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("summary");
    }

    private S3Access access(String bucket) {
        return new S3Access(S3Location.of(bucket, "ci"), S3Settings.builder().region("us-east-1")
                .endpoint(MotoServer.shared().endpoint().toString()).pathStyle(true).build(),
                AwsAuth.staticKeys(KEY_ID, SecretBytes.utf8(SECRET), null), null);
    }

    private static EncsyncException catchEncsync(AgentTask task) throws InterruptedException {
        try {
            task.run(TaskLog.silent(), CancellationSignal.THREAD_INTERRUPT);
        } catch (EncsyncException e) {
            return e;
        }
        throw new AssertionError("the task did not fail");
    }

    /** A task that fails with the exception it was given. */
    private static final class Failing implements AgentTask {
        @Serial
        private static final long serialVersionUID = 1L;
        private final RuntimeException failure;

        Failing(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public TaskResult run(TaskLog log, CancellationSignal cancel) {
            throw failure;
        }

        @Override
        public String describe() {
            return "failing";
        }
    }
}
