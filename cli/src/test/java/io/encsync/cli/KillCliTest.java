package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a transfer, with real processes: no partial file ever sits
 * under a final name, and running the command again converges to the identical tree.
 */
class KillCliTest {
    private static final String PASSWORD = "kill-test-password";
    private static final int BIG = 384 * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void pullKilledMidFileLeavesNoPartialFileAndARerunConverges() throws Exception {
        Path src = tmp.resolve("src");
        Trees.write(src, "small.txt", "small");
        Trees.write(src, "big.bin", Trees.bytes(BIG, 7));
        Path vault = tmp.resolve("vault");
        CliProcess cli = new CliProcess().password(PASSWORD);
        assertThat(cli.run("push", src.toString(), vault.toString()).exitCode()).isZero();

        Path target = tmp.resolve("target");
        Process pull = cli.start(tmp.resolve("out.txt"), tmp.resolve("err.txt"), "pull", "--transfers", "1", vault.toString(), target.toString());
        Path temp = awaitGrowingTempFile(target, pull);
        pull.destroyForcibly();                                    // SIGKILL: no shutdown hooks, no cleanup
        assertThat(pull.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(Files.exists(temp)).as("the killed pull's temporary file is still there").isTrue();
        Path big = target.resolve("big.bin");
        assertThat(!Files.exists(big) || Files.size(big) == BIG).as("no partial big.bin under its final name").isTrue();

        CliProcess.Result rerun = cli.run("pull", vault.toString(), target.toString());
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(Trees.snapshot(target)).isEqualTo(Trees.snapshot(src));
        assertThat(Trees.allPaths(target)).noneMatch(p -> p.contains("encsync-tmp"));
    }

    @Test
    void pushKilledMidFileLeavesNoPartialObjectAndARerunConverges() throws Exception {
        Path src = tmp.resolve("src");
        Trees.write(src, "small.txt", "small");
        Trees.write(src, "big.bin", Trees.bytes(BIG, 8));
        Path vault = tmp.resolve("vault");
        CliProcess cli = new CliProcess().password(PASSWORD);

        Process push = cli.start(tmp.resolve("out.txt"), tmp.resolve("err.txt"), "push", "--transfers", "1", src.toString(), vault.toString());
        awaitGrowingTempFile(vault, push);
        push.destroyForcibly();
        assertThat(push.waitFor(30, TimeUnit.SECONDS)).isTrue();

        long bigObjectSize = io.encsync.core.cipher.ContentCipher.encryptedSize(BIG);
        try (Stream<Path> files = Files.walk(vault)) {
            assertThat(files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith("encsync-tmp")))
                    .as("every object under a final name is complete")
                    .allSatisfy(p -> assertThat(Files.size(p)).isIn(bigObjectSize, 32L + 16 + 5, sizeOfOurs(p)));
        }
        assertThat(vault.resolve(".encsync-lock")).as("the killed push could not release its lock").exists();

        CliProcess.Result rerun = cli.run("push", src.toString(), vault.toString());
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        assertThat(rerun.stderr()).as("the dead push's lock is removed, and said so").contains("removed a stale push lock");
        assertThat(Trees.allPaths(vault)).noneMatch(p -> p.contains("encsync-tmp") || p.contains("encsync-lock"));
        Path restored = tmp.resolve("restored");
        assertThat(cli.run("pull", vault.toString(), restored.toString()).exitCode()).isZero();
        assertThat(Trees.snapshot(restored)).isEqualTo(Trees.snapshot(src));
    }

    /** The size of the manifest or the push lock (complete by construction), else -1. */
    private static long sizeOfOurs(Path p) throws IOException {
        String name = p.getFileName().toString();
        return name.equals(".encsync-manifest") || name.equals(".encsync-lock") ? Files.size(p) : -1;
    }

    /** Waits until a temporary file under root has some data in it, while the process runs. */
    private static Path awaitGrowingTempFile(Path root, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the process ended before it could be killed mid-file").isTrue();
            Optional<Path> temp = findTemp(root);
            if (temp.isPresent() && sizeOrZero(temp.get()) > 8 * 1024 * 1024) {
                return temp.get();
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no temporary file appeared under " + root);
    }

    private static Optional<Path> findTemp(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith("encsync-tmp")).findFirst();
        } catch (java.io.UncheckedIOException | IOException raced) {
            return Optional.empty();
        }
    }

    private static long sizeOrZero(Path p) {
        try {
            return Files.size(p);
        } catch (IOException gone) {
            return 0;
        }
    }
}
