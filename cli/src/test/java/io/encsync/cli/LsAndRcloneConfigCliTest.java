package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.testing.Rclone;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LsAndRcloneConfigCliTest {
    private static final String PASSWORD = "ls-test-password";

    @TempDir
    Path tmp;

    @Test
    void lsShowsDecryptedPathsSizesAndTimes() {
        Path src = tmp.resolve("src");
        Trees.write(src, "a/one.txt", "12345");
        Trees.write(src, "two words.bin", Trees.bytes(70_000, 2));
        CliProcess cli = new CliProcess().password(PASSWORD);
        cli.run("push", src.toString(), tmp.resolve("vault").toString());

        CliProcess.Result ls = cli.run("ls", tmp.resolve("vault").toString());

        assertThat(ls.exitCode()).as(ls.toString()).isZero();
        assertThat(ls.stdout().lines().toList()).containsExactly(
                "           5 2024-01-02 03:04:05.123 a/one.txt",
                "       70000 2024-01-02 03:04:05.123 two words.bin");
    }

    @Test
    void rcloneConfigWithSecretsRestoresWithStockRcloneAndWithoutThemHoldsNone() throws Exception {
        Path src = tmp.resolve("src");
        Trees.write(src, "docs/report.txt", "restore me with rclone");
        Path vault = tmp.resolve("vault");
        CliProcess cli = new CliProcess().password(PASSWORD).env("ENCSYNC_PASSWORD2", "ls-salt");
        assertThat(cli.run("push", "--filename-encoding", "base64", src.toString(), vault.toString()).exitCode()).isZero();

        CliProcess.Result shown = cli.run("rclone-config", "--filename-encoding", "base64", vault.toString());
        assertThat(shown.exitCode()).isZero();
        assertThat(shown.stdout()).doesNotContainPattern("(?m)^password2? =").contains("filename_encoding = base64");

        CliProcess.Result full = cli.run("rclone-config", "--show-secrets", "--filename-encoding", "base64", vault.toString());
        assertThat(full.stdout()).containsPattern("(?m)^password = ").containsPattern("(?m)^password2 = ").doesNotContain(PASSWORD);
        Path conf = Files.writeString(tmp.resolve("rclone.conf"), full.stdout());
        Path out = tmp.resolve("out");
        Rclone.run(conf, "copy", "encsync:", out.toString()).assertOk();
        assertThat(Trees.snapshot(out)).isEqualTo(Trees.snapshot(src));
    }
}
