package io.encsync.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code encsync} as a real process (a fresh JVM on the test class path), the way users and
 * CI run it: exit code, stdout and stderr are what a shell would see. The environment is the
 * test's, minus any ENCSYNC_* and AWS_* credentials, plus what the test passes.
 */
final class CliProcess {
    /** What one run printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    private final Map<String, String> env = new HashMap<>();

    CliProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliProcess password(String password) {
        return env("ENCSYNC_PASSWORD", password);
    }

    static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Starts the process without waiting (kill tests). Output goes to the given files. */
    Process start(Path stdout, Path stderr, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(javaCommand(args));
        pb.environment().keySet().removeIf(k -> k.startsWith("ENCSYNC_") || k.startsWith("AWS_ACCESS") || k.startsWith("AWS_SECRET")
                || k.equals("AWS_SESSION_TOKEN") || k.equals("AWS_PROFILE"));
        pb.environment().putAll(env);
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        return pb.start();
    }

    Result run(String... args) {
        try {
            Path out = Files.createTempFile("encsync-out", ".txt");
            Path err = Files.createTempFile("encsync-err", ".txt");
            try {
                Process p = start(out, err, args);
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new AssertionError("encsync did not finish within 10 minutes");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run encsync: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
