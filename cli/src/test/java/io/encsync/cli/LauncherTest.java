package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./encsync} launcher as a newcomer meets it: right after a clone (no {@code cli/target}),
 * with output that is not a terminal, and on machines that lack Java 17 or Maven. The clone is a
 * copy of what the build reads (the poms, core and cli sources, the launcher) in a temporary
 * folder, so the working tree's own build is left alone. The first-run test runs a real Maven build
 * of core and cli.
 */
class LauncherTest {
    @TempDir
    Path tmp;

    /** Exit code and the two outputs of one run. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }

    /** Acceptance: {@code ./encsync --version 2>&1 | cat} after a fresh clone holds no ESC byte. */
    @Test
    void aFreshCloneBuildsOnFirstUseWithOneProgressLineAndNoEscapeBytes() throws IOException {
        String version = System.getProperty("encsync.expectedVersion");
        Path clone = freshClone(tmp.resolve("clone"));

        Result first = run(clone, env -> { }, "bash", "-c", "./encsync --version 2>&1 | cat");

        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.stdout()).as(first.toString()).doesNotContain("\u001b");
        List<String> lines = first.stdout().lines().toList();
        assertThat(lines).as(first.toString()).hasSize(4);
        assertThat(lines.get(0)).as("the one progress line").startsWith("encsync: building the CLI jar").contains("done in");
        assertThat(lines.get(1)).isEqualTo("encsync " + version);

        Result second = run(clone, env -> { }, "./encsync", "--version");
        assertThat(second.stderr()).as("built once, then used as is").isEmpty();
        assertThat(second.stdout()).startsWith("encsync " + version + "\n");

        // Through a symlink on PATH, as the README installs it, and with completion loaded (acceptance 4).
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("encsync"), clone.resolve("encsync"));
        Result linked = run(tmp, env -> env.put("PATH", bin + File.pathSeparator + env.get("PATH")),
                "bash", "-c", "source <(encsync completion bash) && complete -p encsync && encsync --version");
        assertThat(linked.exitCode()).as(linked.toString()).isZero();
        assertThat(linked.stdout()).as(linked.toString()).containsPattern("complete .*-F \\S+ encsync")
                .contains("encsync " + version);
    }

    @Test
    void withoutJavaItSaysWhatIsMissingAndHowToGetIt() throws IOException {
        assertRefused(tools(tmp.resolve("no-java/bin")), "needs Java 17 or later", "no java was found", "install a JDK 17");
    }

    @Test
    void withAnOldJavaItNamesItsVersionAndTheFix() throws IOException {
        Path bin = tools(tmp.resolve("old-java/bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho 'openjdk version \"11.0.21\" 2023-10-17' >&2\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        assertRefused(bin, "needs Java 17 or later", "is Java 11", "install a JDK 17");
    }

    @Test
    void withoutMavenAndNoJarItSaysWhatIsMissingAndHowToGetIt() throws IOException {
        Path bin = tools(tmp.resolve("no-maven/bin"));
        Files.createSymbolicLink(bin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        assertRefused(bin, "cli/target/encsync.jar is missing", "Maven was not found", "install Maven");
    }

    /**
     * JDK 25+: the first push, pull or check records a training run and the cache is built from it; later runs use
     * the cache; other commands, {@code ENCSYNC_AOT=off} and JDK 17 run without. The JVM is a stand-in script that
     * logs its arguments and writes what a real JDK 25 would (the configuration, the cache), so this runs anywhere.
     */
    @Test
    void onJdk25TheFirstTransferTrainsAnAotCacheThatLaterRunsUse() throws IOException {
        Path launcher = bareLauncher();
        Path jar = Files.createDirectories(launcher.getParent().resolve("cli/target")).resolve("encsync.jar");
        Files.writeString(jar, "not a jar: the stand-in JVM does not read it");
        Path jdk = Files.createDirectories(tmp.resolve("jdk25/bin")).getParent();
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        Path log = tmp.resolve("java-args.log");
        Path java = Files.writeString(jdk.resolve("bin/java"), String.join("\n",
                "#!/bin/bash",
                "echo \"$*\" >> '" + log + "'",
                "for a in \"$@\"; do",
                "  case $a in -XX:AOTConfiguration=*) conf=${a#*=} ;; -XX:AOTCache=*) cache=${a#*=} ;; esac",
                "done",
                "case \" $* \" in",
                "  *' -XX:AOTMode=record '*) case \" $* \" in *' broken '*) : > \"$conf\" ;; *) echo recorded > \"$conf\" ;; esac ;;",
                "  *' -XX:AOTMode=create '*) [ -s \"$conf\" ] || exit 1; echo cache > \"$cache\"; exit 0 ;;",
                "esac",
                "echo \"ran $*\"",
                "case \" $* \" in *' fail '*) exit 4 ;; esac",
                ""));
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Consumer<Map<String, String>> jdk25 = env -> {
            env.put("JAVA_HOME", jdk.toString());
            env.put("HOME", home.toString());
            env.remove("XDG_CACHE_HOME");
        };
        Path cacheDir = home.resolve(".cache/encsync");

        Result version = run(tmp, jdk25, launcher.toString(), "--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.stdout()).as("not a training command: a plain run").contains("-jar " + jar + " --version")
                .doesNotContain("AOT");

        Result train = run(tmp, env -> {
            jdk25.accept(env);
            env.put("ENCSYNC_AOT", "train");
        }, launcher.toString(), "pull", "fail");
        assertThat(train.exitCode()).as("the command's exit code is kept: " + train).isEqualTo(4);
        assertThat(train.stdout()).as(train.toString()).contains("-XX:-DisplayVMOutput -XX:AOTMode=record")
                .contains("-jar " + jar + " pull fail");
        List<Path> caches;
        try (Stream<Path> files = Files.list(cacheDir)) {
            caches = files.toList();
        }
        assertThat(caches).as("one cache, built before the launcher returned, and no lock left").hasSize(1);
        Path cache = caches.get(0);
        assertThat(cache.getFileName().toString()).matches("aot-[0-9]+\\.aot");

        // While another run records (its lock is fresh), a run neither records nor waits; a lock left by a killed
        // recording, with its half-written configuration, is taken over after 10 minutes.
        Files.delete(cache);
        Path lock = Files.createDirectories(Path.of(cache + ".lock"));
        Files.writeString(lock.resolve("record.aotconf"), "half");
        Result busy = run(tmp, jdk25, launcher.toString(), "push", "a", "b");
        assertThat(busy.exitCode()).as(busy.toString()).isZero();
        assertThat(busy.stdout()).as(busy.toString()).contains("-jar " + jar + " push a b").doesNotContain("AOT");
        Files.setLastModifiedTime(lock, FileTime.fromMillis(System.currentTimeMillis() - 11 * 60_000));
        Result retrain = run(tmp, env -> {
            jdk25.accept(env);
            env.put("ENCSYNC_AOT", "train");
        }, launcher.toString(), "pull", "x");
        assertThat(retrain.stdout()).as(retrain.toString()).contains("-XX:AOTMode=record");
        assertThat(cache).as(retrain.toString()).exists();
        assertThat(lock).doesNotExist();

        Result cached = run(tmp, jdk25, launcher.toString(), "push", "a", "b");
        assertThat(cached.exitCode()).as(cached.toString()).isZero();
        assertThat(cached.stdout()).as(cached.toString()).contains("-XX:AOTCache=" + cache + " -jar " + jar + " push a b")
                .doesNotContain("AOTMode");

        Result off = run(tmp, env -> {
            jdk25.accept(env);
            env.put("ENCSYNC_AOT", "off");
        }, launcher.toString(), "push", "a", "b");
        assertThat(off.stdout()).as(off.toString()).contains("-jar " + jar + " push a b").doesNotContain("AOT");

        Result bad = run(tmp, env -> {
            jdk25.accept(env);
            env.put("ENCSYNC_AOT", "yes");
        }, launcher.toString(), "push", "a", "b");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("ENCSYNC_AOT must be auto, train or off, was 'yes'");

        // A new jar (rebuilt) gets a cache of its own: the first transfer records again, in the background.
        assertThat(jar.toFile().setLastModified(jar.toFile().lastModified() + 5_000)).isTrue();
        Result rebuilt = run(tmp, jdk25, launcher.toString(), "check", "a");
        assertThat(rebuilt.stdout()).as(rebuilt.toString()).contains("-XX:AOTMode=record").doesNotContain("AOTCache=");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Path> after;
        do {
            try (Stream<Path> files = Files.list(cacheDir)) {
                after = files.toList();
            }
        } while (!(after.size() == 1 && !after.contains(cache)) && System.nanoTime() < deadline && pause());
        assertThat(after).as("the old jar's cache replaced by the new one's, the lock gone").hasSize(1).doesNotContain(cache);

        // A JDK that makes no cache of a jar is not asked again: later transfers run without recording.
        assertThat(jar.toFile().setLastModified(jar.toFile().lastModified() + 5_000)).isTrue();
        Result broken = run(tmp, env -> {
            jdk25.accept(env);
            env.put("ENCSYNC_AOT", "train");
        }, launcher.toString(), "pull", "broken");
        assertThat(broken.stdout()).as(broken.toString()).contains("-XX:AOTMode=record");
        Result afterBroken = run(tmp, jdk25, launcher.toString(), "pull", "x");
        assertThat(afterBroken.exitCode()).as(afterBroken.toString()).isZero();
        assertThat(afterBroken.stdout()).as(afterBroken.toString()).contains("-jar " + jar + " pull x").doesNotContain("AOT");
    }

    private static boolean pause() {
        try {
            Thread.sleep(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The launcher, alone in a folder and with only {@code bin} on PATH, exits 2 with a message saying all of {@code expected}. */
    private void assertRefused(Path bin, String... expected) throws IOException {
        Result r = run(tmp, only(bin), bareLauncher().toString(), "--version");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stderr()).as(r.toString()).contains(expected);
    }

    /** An environment whose PATH is {@code bin} alone and without JAVA_HOME. */
    private static Consumer<Map<String, String>> only(Path bin) {
        return env -> {
            env.put("PATH", bin.toString());
            env.remove("JAVA_HOME");
        };
    }

    /** The launcher alone in a folder: there is no jar beside it, so it would have to build one. */
    private Path bareLauncher() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bare"));
        return Files.copy(repositoryRoot().resolve("encsync"), dir.resolve("encsync"), StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** A PATH folder with the few tools the launcher uses besides Java and Maven, linked from this machine's. */
    private static Path tools(Path bin) throws IOException {
        Files.createDirectories(bin);
        for (String tool : List.of("bash", "dirname", "readlink", "sed", "find", "grep", "tail", "mktemp", "rm")) {
            Files.createSymbolicLink(bin.resolve(tool), onPath(tool));
        }
        return bin;
    }

    private static Path onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new AssertionError(tool + " was not found on PATH: the launcher test runs the launcher with it — "
                + "install it (Debian/Ubuntu: coreutils, sed, grep, findutils, bash)");
    }

    /** Copies what a build of the CLI reads, as a clone has it: no target folders. */
    private static Path freshClone(Path clone) throws IOException {
        Path root = repositoryRoot();
        for (String file : List.of("encsync", "pom.xml", "core/pom.xml", "cli/pom.xml", "bench/pom.xml")) {
            Files.createDirectories(clone.resolve(file).getParent());
            Files.copy(root.resolve(file), clone.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
        for (String tree : List.of("core/src", "cli/src")) {
            try (Stream<Path> files = Files.walk(root.resolve(tree))) {
                files.filter(Files::isRegularFile).forEach(f -> {
                    Path target = clone.resolve(root.relativize(f).toString());
                    try {
                        Files.createDirectories(target.getParent());
                        Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        return clone;
    }

    /** The repository's root: where the launcher is (surefire runs in cli/). */
    private static Path repositoryRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("encsync")) && Files.isDirectory(d.resolve("cli"))) {
                return d;
            }
        }
        throw new IllegalStateException("the launcher 'encsync' was not found in " + Path.of("").toAbsolutePath()
                + " or above it: run this test from the repository (mvn -pl cli test)");
    }

    /**
     * Runs a command in {@code dir} with output to files (not a terminal, as in CI or a log), the
     * environment of this test minus passwords and what would leak the outer Maven build into a nested one.
     */
    private Result run(Path dir, Consumer<Map<String, String>> environment, String... command) {
        try {
            Path out = Files.createTempFile(tmp, "out", ".txt");
            Path err = Files.createTempFile(tmp, "err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            pb.environment().keySet().removeAll(List.of("MAVEN_PROJECTBASEDIR", "MAVEN_BASEDIR", "MAVEN_CMD_LINE_ARGS"));
            pb.environment().keySet().removeIf(k -> k.startsWith("ENCSYNC_"));
            environment.accept(pb.environment());
            Process p = pb.start();
            if (!p.waitFor(20, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within 20 minutes");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
