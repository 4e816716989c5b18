package io.encsync.core.task;

import static io.encsync.core.task.TaskFixtures.crypt;
import static io.encsync.core.task.TaskFixtures.snapshot;
import static io.encsync.core.task.TaskFixtures.writeTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.ProxySettings;
import io.encsync.core.aws.S3Access;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.sync.SyncOptions;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payload a Jenkins controller sends to an agent is plain Java serialization. Here a task is
 * serialized to a file, run in a separate JVM ({@link TaskMain}), and must give the same result
 * and the same files as the same task run in this JVM.
 */
class SeparateJvmTaskTest {
    @TempDir
    Path ws;

    @Test
    void encryptDirTaskGivesTheSameResultInASeparateJvm() throws Exception {
        writeTree(ws.resolve("src"));
        EncryptDirTask task = new EncryptDirTask(ws.toString(), "src", "vault", crypt());

        TaskResult remote = runInSeparateJvm(task);
        Map<String, String> remoteVaultNames = names(ws.resolve("vault"));
        deleteTree(ws.resolve("vault"));

        TaskResult local = task.run(TaskLog.silent(), CancellationSignal.THREAD_INTERRUPT);

        assertThat(remote).isEqualTo(local);
        assertThat(local.toMap()).containsEntry("transferred", 4L).containsEntry("unchanged", 0L)
                .containsEntry("deleted", 0L).containsEntry("generation", 1L).containsEntry("bytes", 200L * 1024 + 13);
        // Same names (deterministic name encryption); contents differ only by their random nonces.
        assertThat(names(ws.resolve("vault"))).isEqualTo(remoteVaultNames);

        // And the folder written by the other JVM's twin decrypts back to the source.
        TaskResult back = runInSeparateJvm(new DecryptDirTask(ws.toString(), "vault", "restored", crypt()));
        assertThat(back.toMap()).containsEntry("transferred", 4L);
        assertThat(snapshot(ws.resolve("restored"))).isEqualTo(snapshot(ws.resolve("src")));
    }

    @Test
    void aFailureInTheSeparateJvmComesBackAsTheSameOneLineError() throws Exception {
        writeTree(ws.resolve("src"));
        new EncryptDirTask(ws.toString(), "src", "vault", crypt()).run(TaskLog.silent(), CancellationSignal.THREAD_INTERRUPT);
        DecryptDirTask wrongPassword = new DecryptDirTask(ws.toString(), "vault", "out",
                CryptConfig.builder().password(io.encsync.core.keys.SecretBytes.utf8("not the password")).build());

        Map<String, ?> remote = runInSeparateJvmRaw(wrongPassword);

        assertThatThrownBy(() -> TaskWire.read(remote)).isInstanceOf(io.encsync.core.EncsyncException.class)
                .satisfies(e -> assertThat(((io.encsync.core.EncsyncException) e).category())
                        .isEqualTo(io.encsync.core.ErrorCategory.WRONG_PASSWORD))
                .hasMessageNotContaining("not the password").hasMessageNotContaining("\n");
    }

    @Test
    void aPushTaskWithRoleCredentialsAndProxySettingsRunsTheSameInASeparateJvm() throws Exception {
        writeTree(ws.resolve("src"));
        String endpoint = io.encsync.core.testing.MotoServer.shared().endpoint().toString();
        // Everything the controller would send: keys to assume a role with, a proxy that exempts moto.
        AwsAuth auth = AwsAuth.staticKeys("AKIAIOSFODNN7EXAMPLE", io.encsync.core.keys.SecretBytes.utf8("secret-key-value"),
                null).assumingRole("arn:aws:iam::123456789012:role/ci", null, null, 900);
        ProxySettings proxy = ProxySettings.of("proxy.invalid", 3128, "u", io.encsync.core.keys.SecretBytes.utf8("proxy-pw"),
                List.of("127\\.0\\.0\\.1"));
        TaskResult[] results = new TaskResult[2];
        for (int i = 0; i < 2; i++) {
            String bucket = "sep-jvm-" + i + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            try (var s3 = software.amazon.awssdk.services.s3.S3Client.builder()
                    .endpointOverride(java.net.URI.create(endpoint)).forcePathStyle(true)
                    .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "x")))
                    .build()) {
                s3.createBucket(b -> b.bucket(bucket));
            }
            S3Access access = new S3Access(S3Location.of(bucket, "ci"), S3Settings.builder().region("us-east-1")
                    .endpoint(endpoint).pathStyle(true).build(), auth, proxy);
            PushTask task = new PushTask(ws.toString(), "src", access, crypt(), SyncOptions.builder().build());
            results[i] = i == 0 ? runInSeparateJvm(task) : task.run(TaskLog.silent(), CancellationSignal.THREAD_INTERRUPT);
        }
        assertThat(results[0].toMap()).isEqualTo(results[1].toMap()).containsEntry("transferred", 4L);
        assertThat(results[0].summary()).startsWith("Pushed to s3://sep-jvm-0-");
    }

    private static Map<String, String> names(Path root) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        snapshot(root).keySet().forEach(k -> out.put(k, ""));
        return out;
    }

    private TaskResult runInSeparateJvm(AgentTask task) throws Exception {
        return TaskWire.read(runInSeparateJvmRaw(task));
    }

    /** The separate JVM's reply, as {@link TaskWire#run} made it. */
    @SuppressWarnings("unchecked")
    private Map<String, ?> runInSeparateJvmRaw(AgentTask task) throws Exception {
        Path payload = Files.createTempFile(ws.getParent(), "task-", ".ser");
        Path result = Files.createTempFile(ws.getParent(), "result-", ".ser");
        try (ObjectOutputStream out = new ObjectOutputStream(Files.newOutputStream(payload))) {
            out.writeObject(task);
        }
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                TaskMain.class.getName(), payload.toString(), result.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        assertThat(exit).as("separate JVM exit code; its output:%n%s", output).isZero();
        assertThat(output).doesNotContain(TaskFixtures.PASSWORD).doesNotContain(TaskFixtures.PASSWORD2);
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(result))) {
            return (Map<String, ?>) in.readObject();
        } finally {
            Files.deleteIfExists(payload);
            Files.deleteIfExists(result);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
