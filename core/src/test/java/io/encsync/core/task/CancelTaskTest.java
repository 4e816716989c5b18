package io.encsync.core.task;

import static io.encsync.core.task.TaskFixtures.crypt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aborting a Jenkins build interrupts the thread running the task. The task must stop with an
 * {@link InterruptedException} and leave the target holding only whole objects.
 */
class CancelTaskTest {
    @TempDir
    Path ws;

    @Test
    void anInterruptAfterPlanningStopsThePushWithoutPartialObjects() throws Exception {
        Path src = ws.resolve("src");
        Files.createDirectories(src);
        byte[] content = new byte[300 * 1024];
        for (int i = 0; i < 40; i++) {
            content[0] = (byte) i;
            Files.write(src.resolve("file-" + i + ".bin"), content);
        }
        EncryptDirTask task = new EncryptDirTask(ws.toString(), "src", "vault", crypt());
        // Interrupt ourselves the moment the plan is printed: transfers have not started, and the
        // engine must notice before or between files.
        TaskLog interruptOnPlan = line -> {
            if (line.startsWith("Plan:")) {
                Thread.currentThread().interrupt();
            }
        };

        assertThatThrownBy(() -> task.run(interruptOnPlan, CancellationSignal.THREAD_INTERRUPT))
                .isInstanceOf(InterruptedException.class).hasMessageContaining("cancelled");
        Thread.interrupted();

        try (Stream<Path> files = Files.walk(ws.resolve("vault"))) {
            // The engine records what completed in a manifest; every other object left is a complete
            // encrypted file (header + 300 KiB + 5 block tags), and no temporary file remains.
            for (Path p : files.filter(Files::isRegularFile).filter(f -> !f.endsWith(".encsync-manifest")).toList()) {
                assertThat(Files.size(p)).as(p.toString()).isEqualTo(32 + 300 * 1024 + 5 * 16);
            }
        }
        // The next run completes normally.
        TaskResult again = task.run(TaskLog.silent(), CancellationSignal.THREAD_INTERRUPT);
        assertThat((long) again.toMap().get("transferred") + (long) again.toMap().get("unchanged")).isEqualTo(40);
    }

    @Test
    void aTaskCancelledBeforeItStartsTouchesNothing() {
        EncryptDirTask task = new EncryptDirTask(ws.toString(), "src", "vault", crypt());
        assertThatThrownBy(() -> task.run(TaskLog.silent(), () -> true)).isInstanceOf(InterruptedException.class);
        assertThat(ws.resolve("vault")).doesNotExist();
    }
}
