package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as users run it: a real process, its exit code, stdout and stderr. */
class PushPullCliTest {
    private static final String PASSWORD = "cli-test-password-\u00e9\u00e8";

    @TempDir
    Path tmp;

    private Path sampleTree() {
        Path src = tmp.resolve("src");
        Trees.write(src, "report.txt", "quarterly numbers");
        Trees.write(src, "docs/read me.md", "# notes");
        Trees.write(src, "docs/Grüße ☃.txt", "unicode");
        Trees.write(src, "empty.dat", new byte[0]);
        Trees.write(src, "data/block.bin", Trees.bytes(65536 * 2 + 7, 1));
        return src;
    }

    @Test
    void pushThenPullRestoresTheTreeWithModificationTimes() {
        Path src = sampleTree();
        CliProcess cli = new CliProcess().password(PASSWORD);

        CliProcess.Result push = cli.run("push", src.toString(), tmp.resolve("vault").toString());
        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(push.stdout()).contains("push: 5 transferred, 0 unchanged, 0 deleted").contains("generation 1");

        CliProcess.Result pull = cli.run("pull", tmp.resolve("vault").toString(), tmp.resolve("out").toString());
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(Trees.snapshot(tmp.resolve("out"))).isEqualTo(Trees.snapshot(src));
    }

    @Test
    void aPushIntoARemoteLockedByAnotherPushExitsFiveUntilTheLockIsBroken() {
        Path src = sampleTree();
        Path vault = tmp.resolve("vault");
        io.encsync.core.sync.ForeignLocks.plant(vault, PASSWORD, "ci-agent-3", 77,
                java.time.Instant.parse("2026-05-06T07:08:09Z"));
        CliProcess cli = new CliProcess().password(PASSWORD);

        CliProcess.Result locked = cli.run("push", src.toString(), vault.toString());
        assertThat(locked.exitCode()).as(locked.toString()).isEqualTo(5);
        assertThat(locked.stderr()).contains("is locked by another push (host ci-agent-3, process 77, since "
                + "2026-05-06T07:08:09Z)", "push again with --break-lock").doesNotContain("Exception");

        CliProcess.Result broken = cli.run("push", "--break-lock", src.toString(), vault.toString());
        assertThat(broken.exitCode()).as(broken.toString()).isZero();
        assertThat(broken.stderr()).contains("removed the push lock", "host ci-agent-3, process 77");

        CliProcess.Result pull = cli.run("pull", vault.toString(), tmp.resolve("out").toString());
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(Trees.snapshot(tmp.resolve("out"))).isEqualTo(Trees.snapshot(src));
    }

    @Test
    void jsonSummaryIsOneObjectOnStdout() throws Exception {
        Path src = sampleTree();
        CliProcess cli = new CliProcess().password(PASSWORD);
        cli.run("push", src.toString(), tmp.resolve("vault").toString());

        CliProcess.Result again = cli.run("push", "--json", src.toString(), tmp.resolve("vault").toString());

        assertThat(again.exitCode()).as(again.toString()).isZero();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = new ObjectMapper().readValue(again.stdout(), Map.class);
        assertThat(json).containsKeys("transferred", "unchanged", "deleted", "bytes", "seconds", "errors", "generation");
        assertThat(json.get("transferred")).isEqualTo(0);
        assertThat(json.get("unchanged")).isEqualTo(5);
        assertThat(json.get("errors")).isEqualTo(List.of());
        assertThat(again.stdout().strip().lines()).hasSize(1);
    }

    @Test
    void missingPasswordIsAUsageErrorThatSaysHowToGiveOne() {
        CliProcess.Result r = new CliProcess().run("push", sampleTree().toString(), tmp.resolve("vault").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("ENCSYNC_PASSWORD").contains("--password-file").doesNotContain("Exception");
        assertThat(tmp.resolve("vault")).doesNotExist();
    }

    @Test
    void passwordFileWorksAndThePasswordIsNeverPrinted() throws Exception {
        Path src = sampleTree();
        Path pwFile = Files.writeString(tmp.resolve("pw.txt"), PASSWORD + "\n");
        CliProcess cli = new CliProcess();
        CliProcess.Result push = cli.run("push", "--verbose", "--password-file", pwFile.toString(), src.toString(), tmp.resolve("vault").toString());
        CliProcess.Result pull = new CliProcess().password(PASSWORD).run("pull", "--verbose", tmp.resolve("vault").toString(), tmp.resolve("out").toString());

        assertThat(push.exitCode()).as(push.toString()).isZero();
        assertThat(pull.exitCode()).as(pull.toString()).isZero();
        assertThat(push.all() + pull.all()).doesNotContain(PASSWORD).doesNotContain("cli-test-password");
    }

    @Test
    void wrongPasswordExits7AndWritesNothing() {
        Path src = sampleTree();
        new CliProcess().password(PASSWORD).run("push", src.toString(), tmp.resolve("vault").toString());

        Path out = tmp.resolve("out");
        CliProcess.Result r = new CliProcess().password("not-the-password").run("pull", tmp.resolve("vault").toString(), out.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(7);
        assertThat(r.stderr()).containsIgnoringCase("password").contains("wrong").doesNotContain("Exception");
        assertThat(out).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void wrongPassword2Exits7AndSaysSo() {
        Path src = sampleTree();
        new CliProcess().password(PASSWORD).env("ENCSYNC_PASSWORD2", "salt-one").run("push", src.toString(), tmp.resolve("vault").toString());

        CliProcess.Result r = new CliProcess().password(PASSWORD).env("ENCSYNC_PASSWORD2", "salt-two")
                .run("pull", tmp.resolve("vault").toString(), tmp.resolve("out").toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(7);
        assertThat(r.stderr()).contains("password2");
    }

    @Test
    void flippedByteExits4NamingThatFileAndRestoresTheOthers() throws Exception {
        Path src = sampleTree();
        Path vault = tmp.resolve("vault");
        new CliProcess().password(PASSWORD).run("push", src.toString(), vault.toString());
        Path victim = largestObject(vault);
        byte[] bytes = Files.readAllBytes(victim);
        bytes[100_000] ^= 0x01;          // inside block 1 of data/block.bin
        Files.write(victim, bytes);

        Path out = tmp.resolve("out");
        CliProcess.Result r = new CliProcess().password(PASSWORD).run("pull", vault.toString(), out.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.stderr()).contains("data/block.bin").doesNotContain("Exception");
        Map<String, Trees.Entry> restored = Trees.snapshot(out);
        assertThat(restored).doesNotContainKey("data/block.bin");
        Map<String, Trees.Entry> expected = new java.util.TreeMap<>(Trees.snapshot(src));
        expected.remove("data/block.bin");
        assertThat(restored).isEqualTo(expected);
        // no temporary file holding part of its plaintext survives either
        assertThat(Trees.allPaths(out)).noneMatch(p -> p.contains("encsync-tmp"));
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() {
        Path src = sampleTree();
        Path vault = tmp.resolve("vault");
        CliProcess cli = new CliProcess().password(PASSWORD);
        CliProcess.Result r = cli.run("push", "--dry-run", src.toString(), vault.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).contains("would upload report.txt");
        assertThat(vault).satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliProcess.Result r = new CliProcess().run("push", "--frobnicate", "a", "b");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--frobnicate").contains("--help");
    }

    @Test
    void checkExits0WhenIdenticalAnd1ListingEveryDifference() throws Exception {
        Path src = sampleTree();
        Path vault = tmp.resolve("vault");
        CliProcess cli = new CliProcess().password(PASSWORD);
        cli.run("push", src.toString(), vault.toString());
        assertThat(cli.run("check", src.toString(), vault.toString()).exitCode()).isZero();

        Trees.write(src, "report.txt", "changed numbers!!");
        Trees.write(src, "new.txt", "new");
        Files.delete(src.resolve("empty.dat"));
        CliProcess.Result r = cli.run("check", src.toString(), vault.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).contains("report.txt").contains("new.txt").contains("empty.dat");
    }

    private static Path largestObject(Path vault) throws Exception {
        try (var s = Files.walk(vault)) {
            return s.filter(Files::isRegularFile).max(java.util.Comparator.comparingLong(p -> p.toFile().length())).orElseThrow();
        }
    }
}
