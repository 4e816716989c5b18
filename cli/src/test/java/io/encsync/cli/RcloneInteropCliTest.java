package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.keys.SecretBytes;
import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.rclone.RcloneConfig;
import io.encsync.core.testing.Rclone;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Interoperability with the real rclone binary, both ways, for every filename mode and encoding,
 * directory name encryption on and off, with and without password2: what {@code encsync push}
 * writes, {@code rclone copy} restores byte-identical; what {@code rclone copy} writes to a crypt
 * remote, {@code encsync pull} restores byte-identical.
 */
class RcloneInteropCliTest {
    private static final String PASSWORD = "interop password ✓";
    private static final String PASSWORD2 = "interop salt";

    @TempDir
    static Path shared;
    static Path tree;

    @TempDir
    Path tmp;

    /** One crypt configuration of the matrix. */
    record Settings(FilenameEncryption mode, FilenameEncoding encoding, boolean dirs, boolean salt) {
        @Override
        public String toString() {
            return mode.configValue() + "/" + encoding.configValue() + (dirs ? "/dirs" : "/nodirs") + (salt ? "/password2" : "/defaultsalt");
        }

        List<String> cliOptions() {
            return List.of("--filename-encryption", mode.configValue(), "--filename-encoding", encoding.configValue(),
                    "--directory-name-encryption", Boolean.toString(dirs));
        }

        CliProcess cli() {
            CliProcess cli = new CliProcess().password(PASSWORD);
            return salt ? cli.env("ENCSYNC_PASSWORD2", PASSWORD2) : cli;
        }

        Path rcloneConfig(Path dir, Path vault) {
            RcloneConfig.Builder b = RcloneConfig.builder().cryptRemoteName("crypt").localFolder(vault.toAbsolutePath())
                    .filenameEncryption(mode).filenameEncoding(encoding).directoryNameEncryption(dirs)
                    .password(SecretBytes.utf8(PASSWORD));
            if (salt) {
                b.password2(SecretBytes.utf8(PASSWORD2));
            }
            Path conf = dir.resolve("rclone-" + vault.getFileName() + "-" + toString().replace('/', '-') + ".conf");
            b.build().writeTo(conf);
            return conf;
        }
    }

    static Stream<Settings> matrix() {
        List<Settings> all = new ArrayList<>();
        for (boolean salt : new boolean[] {false, true}) {
            for (boolean dirs : new boolean[] {true, false}) {
                for (FilenameEncoding e : FilenameEncoding.values()) {
                    all.add(new Settings(FilenameEncryption.STANDARD, e, dirs, salt));
                }
                all.add(new Settings(FilenameEncryption.OBFUSCATE, FilenameEncoding.BASE32, dirs, salt));
            }
            all.add(new Settings(FilenameEncryption.OFF, FilenameEncoding.BASE32, true, salt));
        }
        return all.stream();
    }

    @BeforeAll
    static void writeTree() {
        tree = shared.resolve("tree");
        for (int size : new int[] {0, 1, 65535, 65536, 65537}) {
            Trees.write(tree, String.format(Locale.ROOT, "sizes/size_%06d.bin", size), Trees.bytes(size, size));
        }
        Trees.write(tree, "sizes/three MiB.bin", Trees.bytes(3 * 1024 * 1024 + 5, 3));
        Trees.write(tree, "name with  spaces .txt", "spaces");
        Trees.write(tree, "Grüße – 日本語 ☃/emoji 😀.txt", "unicode");
        String long140 = "l".repeat(136) + ".txt";
        Trees.write(tree, long140, "140 characters");
        Trees.write(tree, "deep/er/still/" + long140, "deep and long");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void rcloneRestoresWhatEncsyncPushed(Settings s) {
        Path vault = tmp.resolve("vault");
        CliProcess.Result push = s.cli().run(args("push", s, tree, vault));
        assertThat(push.exitCode()).as(push.toString()).isZero();

        Path out = tmp.resolve("out");
        Rclone.Result copy = Rclone.run(s.rcloneConfig(tmp, vault), "copy", "crypt:", out.toString()).assertOk();

        assertThat(Trees.snapshot(out)).isEqualTo(Trees.snapshot(tree));
        assertThat(copy.stderr()).as("rclone logs nothing at the default level (the manifest is invisible)").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matrix")
    void encsyncPullsWhatRcloneWrote(Settings s) {
        Path vault = tmp.resolve("vault");
        Rclone.run(s.rcloneConfig(tmp, vault), "copy", tree.toString(), "crypt:").assertOk();

        Path out = tmp.resolve("out");
        CliProcess.Result pull = s.cli().run(args("pull", s, vault, out));

        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(pull.stderr()).contains("cannot be verified");
        assertThat(Trees.snapshot(out)).isEqualTo(Trees.snapshot(tree));
    }

    @Test
    void aQuarterGibibyteFileCrossesBothWays() {
        Settings s = new Settings(FilenameEncryption.STANDARD, FilenameEncoding.BASE32, true, false);
        Path big = tmp.resolve("big");
        Trees.write(big, "big.bin", Trees.bytes(256 * 1024 * 1024 + 17, 256));

        Path vault = tmp.resolve("vault");
        assertThat(s.cli().run(args("push", s, big, vault)).exitCode()).isZero();
        Path byRclone = tmp.resolve("by-rclone");
        Rclone.run(s.rcloneConfig(tmp, vault), "copy", "crypt:", byRclone.toString()).assertOk();
        assertThat(Trees.snapshot(byRclone)).isEqualTo(Trees.snapshot(big));

        Path vault2 = tmp.resolve("vault2");
        Rclone.run(s.rcloneConfig(tmp, vault2), "copy", big.toString(), "crypt:").assertOk();
        Path byEncsync = tmp.resolve("by-encsync");
        CliProcess.Result pull = s.cli().run(args("pull", s, vault2, byEncsync));
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(Trees.snapshot(byEncsync)).isEqualTo(Trees.snapshot(big));
    }

    private static String[] args(String verb, Settings s, Path from, Path to) {
        List<String> a = new ArrayList<>();
        a.add(verb);
        a.addAll(s.cliOptions());
        a.add(from.toString());
        a.add(to.toString());
        return a.toArray(String[]::new);
    }
}
