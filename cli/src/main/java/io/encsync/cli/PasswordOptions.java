package io.encsync.cli;

import io.encsync.core.EncsyncException;
import io.encsync.core.keys.SecretBytes;
import java.io.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the password and password2 come from: the environment ({@code ENCSYNC_PASSWORD},
 * {@code ENCSYNC_PASSWORD2}), a file, or a hidden prompt on a terminal. Never from the command
 * line, where every user of the machine can read it in the process list.
 */
final class PasswordOptions {
    static final String ENV_PASSWORD = "ENCSYNC_PASSWORD";
    static final String ENV_PASSWORD2 = "ENCSYNC_PASSWORD2";

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from the first line of FILE. Default: $" + ENV_PASSWORD + ", else a prompt on a terminal.")
    Path passwordFile;

    @Option(names = "--password2-file", paramLabel = "FILE",
            description = "Read password2 (rclone's salt) from the first line of FILE. Default: $" + ENV_PASSWORD2 + ", else none.")
    Path password2File;

    /** Environment, injectable for tests. */
    Map<String, String> environment = System.getenv();

    /** Terminal, injectable for tests; null when not interactive. */
    Console console = System.console();

    SecretBytes password() {
        if (passwordFile != null) {
            return readFile(passwordFile, "--password-file");
        }
        String env = environment.get(ENV_PASSWORD);
        if (env != null && !env.isEmpty()) {
            return SecretBytes.utf8(env);
        }
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            if (typed != null && typed.length > 0) {
                try {
                    return SecretBytes.utf8(typed);
                } finally {
                    Arrays.fill(typed, '\0');
                }
            }
        }
        throw EncsyncException.usage("no password given: set " + ENV_PASSWORD + ", pass --password-file FILE, "
                + "or run on a terminal to be prompted (passwords are never taken from the command line)");
    }

    /** password2, or null when none is configured (rclone's default salt then applies). */
    SecretBytes password2() {
        if (password2File != null) {
            return readFile(password2File, "--password2-file");
        }
        String env = environment.get(ENV_PASSWORD2);
        return env == null || env.isEmpty() ? null : SecretBytes.utf8(env);
    }

    /** The first line of {@code file}, without its line ending; the rest of the file is ignored. */
    private static SecretBytes readFile(Path file, String option) {
        byte[] bytes = null;
        try {
            bytes = Files.readAllBytes(file);
            int end = 0;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            if (end == 0) {
                throw EncsyncException.usage(option + " " + file + ": the file is empty or its first line is empty — put the password on its first line");
            }
            byte[] line = Arrays.copyOf(bytes, end);
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(line));
                return SecretBytes.copyOf(line);
            } catch (CharacterCodingException e) {
                throw EncsyncException.usage(option + " " + file + ": the password is not UTF-8 text — save the file as UTF-8");
            } finally {
                Arrays.fill(line, (byte) 0);
            }
        } catch (NoSuchFileException e) {
            throw EncsyncException.usage(option + " " + file + ": no such file — check the path");
        } catch (IOException e) {
            throw EncsyncException.usage(option + " " + file + ": cannot read it (" + e.getClass().getSimpleName() + ") — check its permissions");
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
    }
}
