package io.encsync.core.store;

import io.encsync.core.testing.Rclone;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.encsync.core.fs.SafeFiles;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local store is an rclone crypt remote's folder: real rclone (1.60.1) reads what the store
 * wrote (ignoring our temporary files) and the store lists what rclone wrote, with the same
 * names, sizes and modification times. Uses the test vectors' key and standard base32 names.
 */
class LocalStoreRcloneTest {
    private static final String VECTORS = "/vectors/rclone-crypt/";
    private static final String TREE = "standard-base32-dirs-defaultsalt";
    // The vectors' password, obscured as rclone.conf stores it (a public test secret).
    private static final String OBSCURED_PASSWORD = "JPgC26d3oY0TsZ-TKTyGDvmwZlFRYjHWI4-pNAVM4BdpWl85Mg";

    @TempDir
    Path tmp;

    @Test
    void rcloneReadsWhatTheStoreWroteAndSkipsLeftoverTemporaryFiles() throws Exception {
        Path folder = tmp.resolve("vault");
        LocalStore store = LocalStore.open(folder);
        Path encrypted = resource("encrypted/" + TREE);
        Map<String, Instant> modTimes = new HashMap<>();
        Instant t = Instant.parse("2022-05-06T07:08:09.123Z");
        for (Map.Entry<String, Path> e : filesUnder(encrypted).entrySet()) {
            byte[] bytes = Files.readAllBytes(e.getValue());
            store.put(e.getKey(), ContentSource.ofBytes(bytes), t);
            t = t.plusSeconds(61);
        }
        // What a killed put leaves: rclone must not show these as objects.
        SafeFiles.newTempFile(folder);
        SafeFiles.newTempFile(folder.resolve("cvoic2rgg4spqmuqdtcj5eerg4"));

        Path conf = rcloneConf(folder);
        String out = rclone(conf, "check", "--download", "--one-way", resource("plaintext").toString(), "enc:");
        assertThat(out).contains("0 differences found");

        Map<String, Instant> seen = new TreeMap<>();
        for (JsonNode n : new ObjectMapper().readTree(rclone(conf, "lsjson", "-R", "--files-only", "enc:"))) {
            seen.put(n.get("Path").asText(), Instant.parse(n.get("ModTime").asText()));
        }
        assertThat(seen.keySet()).containsExactlyElementsOf(filesUnder(resource("plaintext")).keySet());
        // Each object's recorded modification time is what rclone reports for the decrypted file.
        for (StoreObject o : store.list()) {
            modTimes.put(o.key(), o.modTime());
        }
        Map<String, String> plainToKey = manifestKeys();
        for (Map.Entry<String, Instant> e : seen.entrySet()) {
            assertThat(e.getValue().truncatedTo(ChronoUnit.MILLIS))
                    .as(e.getKey()).isEqualTo(modTimes.get(plainToKey.get(e.getKey())));
        }
    }

    @Test
    void theStoreListsWhatRcloneWrote() throws Exception {
        Path folder = tmp.resolve("written-by-rclone");
        Files.createDirectories(folder);
        Path conf = rcloneConf(folder);
        Path plaintext = resource("plaintext");
        rclone(conf, "copy", plaintext.toString(), "enc:");

        Map<String, String> plainToKey = manifestKeys();
        Map<String, Path> plainFiles = filesUnder(plaintext);
        List<StoreObject> listed = LocalStore.open(folder).list();
        assertThat(listed).extracting(StoreObject::key)
                .containsExactlyElementsOf(plainToKey.values().stream().sorted().toList());
        Map<String, StoreObject> byKey = new HashMap<>();
        listed.forEach(o -> byKey.put(o.key(), o));
        for (Map.Entry<String, Path> e : plainFiles.entrySet()) {
            long n = Files.size(e.getValue());
            StoreObject o = byKey.get(plainToKey.get(e.getKey()));
            assertThat(o.size()).as("32-byte header + data + 16 bytes per 64 KiB block").isEqualTo(32 + n + 16 * ((n + 65535) / 65536));
            assertThat(o.modTime().truncatedTo(ChronoUnit.MILLIS))
                    .isEqualTo(Files.getLastModifiedTime(e.getValue()).toInstant().truncatedTo(ChronoUnit.MILLIS));
        }
    }

    private Path rcloneConf(Path folder) throws IOException {
        return Files.writeString(tmp.resolve("rclone-" + folder.getFileName() + ".conf"), String.join("\n",
                "[enc]",
                "type = crypt",
                "remote = " + folder.toAbsolutePath(),
                "filename_encryption = standard",
                "directory_name_encryption = true",
                "filename_encoding = base32",
                "password = " + OBSCURED_PASSWORD,
                ""));
    }

    /** Runs rclone, failing the test with its output when it exits non-zero. */
    private static String rclone(Path conf, String... args) {
        Rclone.Result r = Rclone.run(conf, args).assertOk();
        return r.stdout() + r.stderr();
    }

    private static Map<String, String> manifestKeys() throws IOException {
        List<String> lines = Files.readAllLines(resource("manifest.tsv"), UTF_8);
        List<String> header = List.of(lines.get(0).split("\t"));
        int column = header.indexOf("encrypted_path[" + TREE + "]");
        Map<String, String> map = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] f = line.split("\t");
                map.put(f[0], f[column]);
            }
        }
        return map;
    }

    private static Map<String, Path> filesUnder(Path dir) throws IOException {
        Map<String, Path> map = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> map.put(dir.relativize(p).toString().replace('\\', '/'), p));
        }
        return map;
    }

    private static Path resource(String name) {
        try {
            return Path.of(LocalStoreRcloneTest.class.getResource(VECTORS + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test vector " + name + " is missing from the test resources", e);
        }
    }
}
