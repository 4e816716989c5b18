package io.encsync.core.task;

import static io.encsync.core.task.TaskFixtures.crypt;
import static io.encsync.core.task.TaskFixtures.snapshot;
import static io.encsync.core.task.TaskFixtures.writeTree;
import static org.assertj.core.api.Assertions.assertThat;

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
                CryptOptions.builder().password(io.encsync.core.keys.SecretBytes.utf8("not the password")).build());

        Object remote = runInSeparateJvmRaw(wrongPassword);

        assertThat(remote).isInstanceOf(io.encsync.core.EncsyncException.class);
        io.encsync.core.EncsyncException e = (io.encsync.core.EncsyncException) remote;
        assertThat(e.category()).isEqualTo(io.encsync.core.ErrorCategory.WRONG_PASSWORD);
        assertThat(e.getMessage()).doesNotContain("not the password").doesNotContain("\n");
    }

    private static Map<String, String> names(Path root) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        snapshot(root).keySet().forEach(k -> out.put(k, ""));
        return out;
    }

    private TaskResult runInSeparateJvm(AgentTask task) throws Exception {
        Object outcome = runInSeparateJvmRaw(task);
        if (outcome instanceof Exception e) {
            throw new AssertionError("task failed in the separate JVM", e);
        }
        return (TaskResult) outcome;
    }

    private Object runInSeparateJvmRaw(AgentTask task) throws Exception {
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
            return in.readObject();
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
