package io.encsync.core.sync;

import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.testing.Rclone;
import static io.encsync.core.sync.Fixtures.T0;
import static io.encsync.core.sync.Fixtures.pattern;
import static io.encsync.core.sync.Fixtures.tree;
import static io.encsync.core.sync.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.keys.Obscure;
import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.store.LocalStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With real rclone (1.60.1): what a push writes is exactly the user's tree to rclone — the manifest
 * is invisible to {@code rclone ls} and {@code rclone copy}, which log nothing at the default level —
 * and a tree written by rclone alone pulls (unverified, with a warning).
 */
class RcloneCompatTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of(FilenameEncryption.STANDARD, FilenameEncoding.BASE32, true),
                Arguments.of(FilenameEncryption.STANDARD, FilenameEncoding.BASE32, false),
                Arguments.of(FilenameEncryption.STANDARD, FilenameEncoding.BASE64, true),
                Arguments.of(FilenameEncryption.STANDARD, FilenameEncoding.BASE32768, true),
                Arguments.of(FilenameEncryption.OBFUSCATE, FilenameEncoding.BASE32, true),
                Arguments.of(FilenameEncryption.OBFUSCATE, FilenameEncoding.BASE32, false),
                Arguments.of(FilenameEncryption.OFF, FilenameEncoding.BASE32, true));
    }

    private Path source() {
        Path src = tmp.resolve("src");
        write(src, "a.txt", "alpha");
        write(src, "empty.dat", new byte[0], T0);
        write(src, "dir/sub/deep.txt", "deep");
        write(src, "Grüße ☃.txt", "unicode");
        write(src, "big.bin", pattern(140_000, 5), T0);
        return src;
    }

    @ParameterizedTest
    @MethodSource("modes")
    void rcloneSeesExactlyTheUsersFilesAndNoManifestOrLock(FilenameEncryption mode, FilenameEncoding encoding,
                                                           boolean dirs) throws Exception {
        Path src = source();
        Path remote = tmp.resolve("remote");
        CryptConfig config = Fixtures.config(mode, encoding, dirs);
        try (CryptContext ctx = CryptContext.open(config, 1)) {
            SyncResult r = Push.run(src, LocalStore.open(remote), ctx, SyncOptions.defaults(), SyncListener.NONE);
            assertThat(r.errors()).isEmpty();
            // As a push in progress holds it while rclone runs.
            PushLock.acquire(LocalStore.open(remote), ctx, false, SyncListener.NONE, java.time.Clock.systemUTC());
        }
        assertThat(remote.resolve(Manifest.KEY)).exists();
        assertThat(remote.resolve(PushLock.KEY)).exists();
        Path conf = conf(remote, config);

        Result ls = rclone(conf, "ls", "enc:");
        assertThat(ls.stderr).as("rclone ls stderr").isEmpty();
        List<String> listed = Arrays.stream(ls.stdout.split("\n")).filter(l -> !l.isBlank())
                .map(l -> l.trim().split(" ", 2)[1]).sorted().toList();
        assertThat(listed).containsExactlyElementsOf(tree(src).keySet().stream().sorted().toList());

        Path copy = tmp.resolve("copy");
        Result cp = rclone(conf, "copy", "enc:", copy.toString());
        assertThat(cp.stderr).as("rclone copy stderr").isEmpty();
        assertThat(tree(copy)).isEqualTo(tree(src));
    }

    @Test
    void aTreeWrittenByRcloneAlonePullsWithAWarning() throws Exception {
        Path src = source();
        Path remote = Files.createDirectories(tmp.resolve("remote"));
        CryptConfig config = Fixtures.config();
        Path conf = conf(remote, config);
        Result cp = rclone(conf, "copy", src.toString(), "enc:");
        assertThat(cp.stderr).isEmpty();

        Fixtures.Recorder rec = new Fixtures.Recorder();
        Path out = tmp.resolve("out");
        try (CryptContext ctx = CryptContext.open(config, 1)) {
            SyncResult r = Pull.run(LocalStore.open(remote), out, ctx, SyncOptions.defaults(), rec);
            assertThat(r.errors()).isEmpty();
            assertThat(r.generation()).isZero();
            assertThat(r.transferred()).isEqualTo(5);
        }
        assertThat(rec.warnings).anyMatch(w -> w.contains("cannot be verified: no encsync manifest (written by rclone?)"));
        assertThat(tree(out)).isEqualTo(tree(src));
        assertThat(Files.getLastModifiedTime(out.resolve("a.txt")).toInstant()).isEqualTo(
                Files.getLastModifiedTime(src.resolve("a.txt")).toInstant());
    }

    private Path conf(Path remote, CryptConfig config) throws IOException {
        String password = Obscure.obscure(config.password(), new SecureRandom());
        return Files.writeString(tmp.resolve("rclone.conf"), String.join("\n",
                "[enc]",
                "type = crypt",
                "remote = " + remote.toAbsolutePath(),
                "filename_encryption = " + config.filenameEncryption().configValue(),
                "directory_name_encryption = " + config.directoryNameEncryption(),
                "filename_encoding = " + config.filenameEncoding().configValue(),
                "password = " + password,
                ""));
    }

    private record Result(String stdout, String stderr) {
    }

    /** Runs rclone at its default log level; fails the test with its output when it exits non-zero. */
    private static Result rclone(Path conf, String... args) {
        Rclone.Result r = Rclone.run(conf, args).assertOk();
        return new Result(r.stdout(), r.stderr());
    }


}
