package io.encsync.core.rclone;

import io.encsync.core.testing.Rclone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.StoreObject;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.store.s3.S3Store;
import io.encsync.core.testing.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real rclone 1.60.1 against what {@link S3Store} wrote to moto, through a config written by
 * {@link RcloneConfig}: rclone sees our mtimes and MD5s (single-part and multipart), copies our
 * objects back byte for byte, considers an identical local tree already in sync, and its crypt
 * remote over the same S3 section writes objects our store reads with rclone's mtime.
 */
class RcloneS3InteropTest {
    private static final Instant T_SMALL = Instant.parse("2023-01-02T03:04:05.678901234Z");
    private static final Instant T_BIG = Instant.parse("2022-06-07T08:09:10Z");
    private static final Instant T_NESTED = Instant.parse("2021-02-03T04:05:06.5Z");
    private static final SecretBytes PASSWORD = SecretBytes.utf8("interop password");

    @TempDir
    Path tmp;

    private URI endpoint;
    private String bucket;
    private S3Settings settings;
    private Path conf;
    private Map<String, byte[]> written;

    @BeforeEach
    void writeObjectsWithOurStore() throws IOException {
        endpoint = MotoServer.shared().endpoint();
        bucket = MotoServer.newBucket(endpoint);
        settings = MotoServer.settings(endpoint).build();
        written = new HashMap<>();
        written.put("small.bin", random(70_000, 1));
        written.put("big.bin", random(12 * 1024 * 1024 + 3, 2));
        written.put("dir/nested.txt", "nested\n".getBytes(StandardCharsets.UTF_8));
        try (S3Store store = S3Store.open(new S3Location(bucket, "vault"), settings)) {
            store.put("small.bin", ContentSource.ofBytes(written.get("small.bin")), T_SMALL);
            store.put("big.bin", ContentSource.ofBytes(written.get("big.bin")), T_BIG);
            store.put("dir/nested.txt", ContentSource.ofBytes(written.get("dir/nested.txt")), T_NESTED);
        }
        conf = tmp.resolve("rclone.conf");
        RcloneConfig.builder()
                .s3(new S3Location(bucket, "crypt"), settings)
                .s3Keys("testing", SecretBytes.utf8("testing"))
                .password(PASSWORD)
                .build().writeTo(conf);
    }

    @Test
    void rcloneListsOurObjectsWithOurMtimesAndMd5s() throws Exception {
        String plain = "encsync-s3:" + bucket + "/vault";
        assertThat(rclone("lsf", "-R", "--files-only", plain).lines().sorted().toList())
                .containsExactly("big.bin", "dir/nested.txt", "small.bin");

        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode n : new ObjectMapper().readTree(rclone("lsjson", "-R", "--files-only", plain))) {
            listed.put(n.get("Path").asText(), n);
        }
        // lsjson prints rclone's ModTime for each object: read from X-Amz-Meta-Mtime via a HEAD.
        assertThat(Instant.parse(listed.get("small.bin").get("ModTime").asText())).isEqualTo(T_SMALL);
        assertThat(Instant.parse(listed.get("big.bin").get("ModTime").asText())).isEqualTo(T_BIG);
        assertThat(Instant.parse(listed.get("dir/nested.txt").get("ModTime").asText())).isEqualTo(T_NESTED);
        assertThat(rclone("lsl", plain + "/small.bin")).contains("2023-01-02 03:04:05.678901234");

        Map<String, String> md5s = new HashMap<>();
        for (String line : rclone("md5sum", plain).lines().toList()) {
            String[] parts = line.split("  ", 2);
            md5s.put(parts[1], parts[0]);
        }
        assertThat(md5s).containsEntry("small.bin", md5(written.get("small.bin")))
                .as("multipart: from X-Amz-Meta-Md5chksum").containsEntry("big.bin", md5(written.get("big.bin")))
                .containsEntry("dir/nested.txt", md5(written.get("dir/nested.txt")));
    }

    @Test
    void rcloneCopiesOurObjectsBackAndSeesAnIdenticalTreeAsInSync() throws Exception {
        String plain = "encsync-s3:" + bucket + "/vault";
        Path restored = tmp.resolve("restored");
        rclone("copy", plain, restored.toString());
        for (var e : written.entrySet()) {
            assertThat(Files.readAllBytes(restored.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(Files.getLastModifiedTime(restored.resolve("small.bin")).toInstant()).isEqualTo(T_SMALL);

        // A local tree with the same bytes and mtimes: rclone must find nothing to do in either direction.
        String check = rclone("check", restored.toString(), plain);
        assertThat(check).contains("0 differences found");
        String dryRun = rclone("sync", "--dry-run", "-v", restored.toString(), plain);
        assertThat(dryRun).doesNotContain("Skipped copy").doesNotContain("Skipped update modification time")
                .doesNotContain("Skipped delete");
        // ...and the same command does see a real difference (the assertion above can fail).
        Files.setLastModifiedTime(restored.resolve("small.bin"), FileTime.from(T_SMALL.plusSeconds(60)));
        assertThat(rclone("sync", "--dry-run", "-v", restored.toString(), plain)).contains("small.bin: Skipped");
    }

    @Test
    void rcloneCryptRemoteWritesWhatOurStoreReads() throws Exception {
        Path source = tmp.resolve("source");
        Files.createDirectories(source.resolve("docs"));
        Path file = Files.writeString(source.resolve("docs/report.txt"), "quarterly numbers\n");
        Instant mtime = Instant.parse("2020-05-06T07:08:09.123456789Z");
        Files.setLastModifiedTime(file, FileTime.from(mtime));

        rclone("copy", source.toString(), "encsync:");

        assertThat(rclone("lsf", "-R", "--files-only", "encsync:").strip()).isEqualTo("docs/report.txt");
        try (S3Store store = S3Store.open(new S3Location(bucket, "crypt"), settings)) {
            List<StoreObject> objects = store.list();
            assertThat(objects).hasSize(1);
            StoreObject o = objects.get(0);
            // Encrypted name (base32, two segments), rclone crypt size, rclone's mtime through our stat.
            assertThat(o.key()).matches("[0-9a-v]+/[0-9a-v]+");
            assertThat(o.size()).isEqualTo(32 + 18 + 16);
            assertThat(o.modTime()).isEqualTo(mtime);
            try (InputStream in = store.open(o.key(), 0, 8)) {
                assertThat(in.readAllBytes()).isEqualTo("RCLONE\0\0".getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        Path back = tmp.resolve("back");
        rclone("copy", "encsync:", back.toString());
        assertThat(Files.readString(back.resolve("docs/report.txt"))).isEqualTo("quarterly numbers\n");
    }

    @Test
    void localFolderVariantWorksWithRclone() throws Exception {
        Path vault = Files.createDirectories(tmp.resolve("vault"));
        Path localConf = tmp.resolve("local.conf");
        RcloneConfig.builder().localFolder(vault).password(PASSWORD).build().writeTo(localConf);
        Path source = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(source.resolve("a.txt"), "a");

        rclone(localConf, "copy", source.toString(), "encsync:");

        try (var files = Files.list(vault)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).singleElement()
                    .satisfies(name -> assertThat(name).isNotEqualTo("a.txt").matches("[0-9a-v]+"));
        }
        assertThat(rclone(localConf, "cat", "encsync:a.txt")).isEqualTo("a");
    }

    private String rclone(String... args) throws IOException, InterruptedException {
        return rclone(conf, args);
    }

    /** Runs rclone, failing the test with its output when it exits non-zero. */
    private static String rclone(Path config, String... args) {
        Rclone.Result r = Rclone.run(config, java.util.Map.of("TZ", "UTC"), args).assertOk();
        return r.stdout() + r.stderr();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}
