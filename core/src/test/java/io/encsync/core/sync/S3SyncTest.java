package io.encsync.core.sync;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.testing.Rclone;
import static io.encsync.core.sync.Fixtures.T0;
import static io.encsync.core.sync.Fixtures.pattern;
import static io.encsync.core.sync.Fixtures.tree;
import static io.encsync.core.sync.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.ErrorCategory;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.rclone.RcloneConfig;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.store.s3.S3Store;
import io.encsync.core.testing.MotoServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The sync engine over the S3 store on a real moto server: round trip (multipart included),
 * a no-change push that writes nothing, tampering detected, and the manifest invisible to real
 * rclone reading the bucket through a crypt remote.
 */
class S3SyncTest {
    private static CryptContext ctx;

    @TempDir
    Path tmp;
    URI endpoint;
    S3Location location;
    S3Settings settings;
    S3Store store;

    @BeforeAll
    static void keys() {
        ctx = Fixtures.context();
    }

    @AfterAll
    static void close() {
        ctx.close();
    }

    @BeforeEach
    void bucket() {
        endpoint = MotoServer.shared().endpoint();
        location = new S3Location(MotoServer.newBucket(endpoint), "ci/backup");
        settings = MotoServer.settings(endpoint).build();
        store = S3Store.open(location, settings);
    }

    private S3Client admin() {
        return MotoServer.admin(endpoint);
    }

    private Path source() {
        Path src = tmp.resolve("src");
        write(src, "a.txt", "alpha");
        write(src, "name with spaces+plus.txt", "spaces");
        write(src, "dir/sub/deep.txt", "deep");
        write(src, "large.bin", pattern(7 * 1024 * 1024 + 3, 9), T0);
        return src;
    }

    @Test
    void roundTripNoChangePushAndTamperingOverS3() {
        Path src = source();
        SyncResult push = Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(push.errors()).isEmpty();
        assertThat(push.transferred()).isEqualTo(4);

        Path out = tmp.resolve("out");
        SyncResult pull = Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(pull.errors()).isEmpty();
        assertThat(pull.generation()).isEqualTo(1);
        assertThat(tree(out)).isEqualTo(tree(src));

        CountingStore counting = new CountingStore(store);
        SyncResult again = Push.run(src, counting, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(again.transferred()).isZero();
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(counting.puts).isZero();
        assertThat(counting.lists).isZero();

        // An outsider truncates one object at a block boundary, straight through the S3 API.
        String key = location.objectKey(ctx.names().encryptFileName("dir/sub/deep.txt"));
        String bigKey = location.objectKey(ctx.names().encryptFileName("large.bin"));
        try (S3Client s3 = admin()) {
            byte[] big = s3.getObjectAsBytes(r -> r.bucket(location.bucket()).key(bigKey)).asByteArray();
            s3.putObject(r -> r.bucket(location.bucket()).key(bigKey),
                    RequestBody.fromBytes(Arrays.copyOf(big, (int) ContentCipher.blockOffset(3))));
            s3.deleteObject(r -> r.bucket(location.bucket()).key(key));
        }
        Path out2 = tmp.resolve("out2");
        SyncResult tampered = Pull.run(store, out2, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(tampered.errors()).extracting(FileError::path).containsExactly("dir/sub/deep.txt", "large.bin");
        assertThat(tampered.worstCategory()).isEqualTo(ErrorCategory.INTEGRITY);
        assertThat(tree(out2)).containsOnlyKeys("a.txt", "name with spaces+plus.txt");
        CheckReport check = Check.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(check.differences()).extracting(Difference::kind)
                .containsExactly(Difference.Kind.MISSING_OBJECT, Difference.Kind.TAMPERED);
    }

    @Test
    void aByteFlippedOnS3IsRefusedByTheBlockCheck() {
        Path src = source();
        assertThat(Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE).errors()).isEmpty();
        // Rewritten through the S3 API, so its ETag is the MD5 of the damaged body: only the
        // block's Poly1305 tag can tell (pull reads without S3's MD5 check).
        String key = location.objectKey(ctx.names().encryptFileName("a.txt"));
        try (S3Client s3 = admin()) {
            byte[] sealed = s3.getObjectAsBytes(r -> r.bucket(location.bucket()).key(key)).asByteArray();
            sealed[sealed.length - 1] ^= 1;
            s3.putObject(r -> r.bucket(location.bucket()).key(key), RequestBody.fromBytes(sealed));
        }
        Path out = tmp.resolve("out");
        SyncResult pull = Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(pull.errors()).extracting(FileError::path).containsExactly("a.txt");
        assertThat(pull.worstCategory()).isEqualTo(ErrorCategory.INTEGRITY);
        assertThat(tree(out)).containsOnlyKeys("dir/sub/deep.txt", "large.bin", "name with spaces+plus.txt");
    }

    @Test
    void rcloneReadingTheBucketSeesOnlyTheUsersFiles() throws Exception {
        Path src = source();
        assertThat(Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE).errors()).isEmpty();
        Path conf = tmp.resolve("rclone.conf");
        RcloneConfig.builder().s3(location, settings).s3Keys("testing", SecretBytes.utf8("testing"))
                .password(SecretBytes.utf8(Fixtures.PASSWORD)).build().writeTo(conf);

        String[] ls = rclone(conf, "ls", "encsync:");
        assertThat(ls[1]).as("rclone ls stderr").isEmpty();
        List<String> listed = Arrays.stream(ls[0].split("\n")).filter(l -> !l.isBlank())
                .map(l -> l.trim().split(" ", 2)[1]).sorted().toList();
        assertThat(listed).containsExactlyElementsOf(tree(src).keySet().stream().sorted().toList());
        Path copy = tmp.resolve("copy");
        String[] cp = rclone(conf, "copy", "encsync:", copy.toString());
        assertThat(cp[1]).as("rclone copy stderr").isEmpty();
        assertThat(tree(copy)).isEqualTo(tree(src));
    }

    /** Runs rclone at its default log level, AWS_CA_BUNDLE removed; returns {stdout, stderr}. */
    private static String[] rclone(Path conf, String... args) {
        Rclone.Result r = Rclone.run(conf, args).assertOk();
        return new String[] {r.stdout(), r.stderr()};
    }

}
