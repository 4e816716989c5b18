package io.encsync.core.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real rclone binary for interoperability tests. rclone 1.60's S3 backend fails every
 * request when {@code AWS_CA_BUNDLE} is set ("unsupported transport"), so the variable is removed
 * from its environment; so is any {@code RCLONE_*} setting of the machine, so only the given
 * config counts. Never skipped: a missing rclone fails with install advice.
 */
public final class Rclone {
    private Rclone() {
    }

    /** What a run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Fails with everything rclone said unless it exited 0. */
        public Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError("rclone exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
            }
            return this;
        }
    }

    public static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "rclone");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("rclone was not found on PATH. The interoperability tests need the real rclone: "
                + "install it with  apt-get install rclone  (Debian/Ubuntu; tested with 1.60.1)");
    }

    /** Runs {@code rclone --config CONFIG ARGS...} with extra environment variables. */
    public static Result run(Path config, Map<String, String> extraEnv, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable());
        command.add("--config");
        command.add(config.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("AWS_CA_BUNDLE");
        pb.environment().keySet().removeIf(k -> k.startsWith("RCLONE_"));
        pb.environment().putAll(extraEnv);
        try {
            Path out = Files.createTempFile("rclone-out", ".txt");
            Path err = Files.createTempFile("rclone-err", ".txt");
            try {
                pb.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process p = pb.start();
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("rclone did not finish within 10 minutes: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run rclone: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running rclone", e);
        }
    }

    public static Result run(Path config, String... args) {
        return run(config, Map.of(), args);
    }
}
