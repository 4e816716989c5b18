package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code encsync completion bash} loaded into a real bash, which is then asked for completions the
 * way bash asks when Tab is pressed: COMP_WORDS, COMP_CWORD and COMP_LINE set, the function that
 * {@code complete -p encsync} names called, COMPREPLY read back.
 */
class CompletionTest {
    @TempDir
    static Path dir;
    private static Path script;

    @BeforeAll
    static void writeScript() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"completion", "bash"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(exit).as(err.toString()).isZero();
        script = Files.writeString(dir.resolve("encsync.bash"), out.toString());
    }

    @Test
    void theScriptLoadsInBashAndRegistersEncsync() throws Exception {
        String registered = bash("source \"$1\" && complete -p encsync").trim();
        assertThat(registered).matches("complete .*-F \\S+ encsync");
    }

    @Test
    void completesCommandsSubcommandsOptionsAndOptionValues() throws Exception {
        Map<String, List<String>> cases = new LinkedHashMap<>();
        cases.put("encsync ''", List.of("push", "pull", "check", "ls", "rclone-config", "provision", "completion", "help"));
        cases.put("encsync pu", List.of("push", "pull"));
        cases.put("encsync provision ''", List.of("plan", "apply", "destroy"));
        cases.put("encsync push --filename-encryption ''", List.of("standard", "obfuscate", "off"));
        cases.put("encsync pull /srv/vault ~/restore --filename-encryption o", List.of("obfuscate", "off"));
        cases.put("encsync push --filename-enc", List.of("--filename-encryption", "--filename-encoding"));
        cases.put("encsync ls --filename-encoding ''", List.of("base32", "base64", "base32768"));
        cases.put("encsync provision apply --output-format ''", List.of("rclone", "env"));
        cases.put("encsync push --directory-name-encryption ''", List.of("true", "false"));
        cases.put("encsync provision destroy --fo", List.of("--force"));
        StringBuilder calls = new StringBuilder("source \"$1\"\n").append(COMPLETE_AT);
        for (String words : cases.keySet()) {
            calls.append("complete_at ").append(words).append('\n');
        }
        List<String> replies = bash(calls.toString()).lines().toList();

        assertThat(replies).as("one reply line per case").hasSize(cases.size());
        int i = 0;
        for (Map.Entry<String, List<String>> c : cases.entrySet()) {
            List<String> reply = Arrays.stream(replies.get(i++).split(" ")).filter(w -> !w.isEmpty()).toList();
            assertThat(reply).as("completions of '%s'", c.getKey()).containsExactlyInAnyOrderElementsOf(c.getValue());
        }
    }

    /**
     * Calls the completion function the way bash does for the words given (the last one being
     * completed) and prints COMPREPLY on one line. The function is the one registered for encsync.
     */
    private static final String COMPLETE_AT = """
            complete_at() {
              COMP_WORDS=("$@")
              COMP_CWORD=$(($# - 1))
              COMP_LINE="$*"
              COMP_POINT=${#COMP_LINE}
              COMPREPLY=()
              local fn
              fn=$(complete -p encsync | sed -n 's/.*-F \\([^ ]*\\).*/\\1/p')
              "$fn" encsync "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}" 2>/dev/null
              echo "${COMPREPLY[*]}"
            }
            """;

    /** Runs {@code commands} in a non-interactive bash with the script's path as $1; returns stdout. */
    private static String bash(String commands) throws Exception {
        Path errors = dir.resolve("bash-stderr.txt");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", commands, "bash", script.toString())
                .redirectError(errors.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("bash was not found: this test loads the completion script into real bash — "
                    + "install bash (e.g. apt-get install bash) and put it on PATH", e);
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("bash finished").isTrue();
        String err = Files.readString(errors);
        assertThat(p.exitValue()).as("bash exit code; stderr: %s", err).isZero();
        return out;
    }
}
