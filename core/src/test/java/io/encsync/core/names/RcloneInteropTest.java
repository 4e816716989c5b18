package io.encsync.core.names;

import io.encsync.core.testing.Rclone;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.keys.Obscure;
import io.encsync.core.keys.SecretBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the real rclone ({@code rclone backend encode} / {@code decode}, which call crypt's
 * {@code EncryptFileName} / {@code DecryptFileName}) on tricky and random names under every name
 * setting, and requires our cipher to give the same answers. Complements the fixed vectors with
 * names nobody thought to put there.
 */
class RcloneInteropTest {
    private static final int RANDOM_NAMES = 250;

    @TempDir
    static Path dir;
    private static Path config;

    /** One rclone.conf section and the settings it gives crypt. */
    record Section(String name, FilenameEncryption mode, FilenameEncoding encoding, boolean dirs, boolean salted) {
        NameCipher cipher() {
            return NameCipher.create(salted ? VectorKeys.salt() : VectorKeys.defaultSalt(), mode, encoding, dirs);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Section> SECTIONS = List.of(
            new Section("std32", FilenameEncryption.STANDARD, FilenameEncoding.BASE32, true, false),
            new Section("std64s", FilenameEncryption.STANDARD, FilenameEncoding.BASE64, true, true),
            new Section("std32768", FilenameEncryption.STANDARD, FilenameEncoding.BASE32768, true, false),
            new Section("std32nodir", FilenameEncryption.STANDARD, FilenameEncoding.BASE32, false, false),
            new Section("obf", FilenameEncryption.OBFUSCATE, FilenameEncoding.BASE32, true, false),
            new Section("obfnodirs", FilenameEncryption.OBFUSCATE, FilenameEncoding.BASE32, false, true),
            new Section("off", FilenameEncryption.OFF, FilenameEncoding.BASE32, true, false));

    @BeforeAll
    static void writeConfig() throws IOException {
        requireRclone();
        SecureRandom random = new SecureRandom();
        StringBuilder conf = new StringBuilder();
        for (Section s : SECTIONS) {
            conf.append('[').append(s.name()).append("]\n")
                    .append("type = crypt\n")
                    .append("remote = ").append(dir.resolve("nowhere")).append('\n')
                    .append("filename_encryption = ").append(s.mode().configValue()).append('\n')
                    .append("filename_encoding = ").append(s.encoding().configValue()).append('\n')
                    .append("directory_name_encryption = ").append(s.dirs()).append('\n')
                    .append("password = ").append(Obscure.obscure(SecretBytes.utf8(VectorKeys.PASSWORD), random)).append('\n');
            if (s.salted()) {
                conf.append("password2 = ").append(Obscure.obscure(SecretBytes.utf8(VectorKeys.PASSWORD2), random)).append('\n');
            }
            conf.append('\n');
        }
        config = dir.resolve("rclone.conf");
        Files.writeString(config, conf);
    }

    static Stream<Section> sections() {
        return SECTIONS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sections")
    void encryptsAndDecryptsLikeRclone(Section section) throws Exception {
        NameCipher cipher = section.cipher();
        List<String> names = names(section.name().hashCode());

        List<String> byRclone = rclone("encode", section.name(), names);
        assertThat(byRclone).hasSameSizeAs(names);
        for (int i = 0; i < names.size(); i++) {
            assertThat(cipher.encryptFileName(names.get(i))).as("encryption of %s", names.get(i)).isEqualTo(byRclone.get(i));
        }

        // rclone's decode stops at its first failure; in off mode a bare version string is one (as in names.tsv)
        List<String> decodable = byRclone.stream()
                .filter(e -> !(section.mode() == FilenameEncryption.OFF && VersionSuffix.isVersion(e.substring(0, e.length() - 4))))
                .toList();
        List<String> decodedByRclone = rclone("decode", section.name(), decodable);
        for (int i = 0; i < decodable.size(); i++) {
            assertThat(cipher.decryptFileName(decodable.get(i))).as("decryption of %s", decodable.get(i))
                    .isEqualTo(decodedByRclone.get(i));
        }
    }

    @Test
    void rcloneAcceptsAliasesThatWeRefuse() throws Exception {
        NameCipher cipher = NameCipher.create(VectorKeys.defaultSalt(), FilenameEncryption.STANDARD, FilenameEncoding.BASE32, true);
        String upper = cipher.encryptFileName("report.txt").toUpperCase();
        // a bucket writer without the key can add this alias next to the real object; rclone lists both
        assertThat(rclone("decode", "std32", List.of(upper))).containsExactly("report.txt");
        assertThatThrownBy(() -> cipher.decryptFileName(upper)).isInstanceOf(NameDecryptionException.class);
    }

    /** Hand-picked edge cases, then random names from many character classes (seeded: reproducible). */
    private static List<String> names(long seed) {
        List<String> names = new ArrayList<>(List.of(
                "a", "top/middle/bottom/", "a//b", ".bashrc", "..", ".", "a.", "!", "!.", "0", "x.y.z",
                ".x-v2023-01-02-030405-678", "a-v2023-02-29-030405-678", "a-v2024-02-29-030405-678",
                "a-v2024-02-29-240405-678", "-v2023-01-02-030405-678", "-v2022-05-06-070809-010.pdf",
                "d-v2023-01-02-030405-678/-v2023-01-02-030405-678", "d/-v2023-01-02-030405-678",
                "tab\there", "esc\u001b[0m", "nbsp\u00a0", "\u0085nel", "\uffff\ufffd", "\ud83d\ude00\ud83d\ude00",
                "\ud7ff\ue000", "\u0100\u01ff\u0200", "\udbff\udfff", "x".repeat(2047), "é".repeat(1023)));
        Random random = new Random(seed);
        int[][] classes = {
            {'a', 26}, {'A', 26}, {'0', 10}, {' ', 16}, {':', 7}, {'[', 6}, {'{', 4}, {0x01, 8}, {0x80, 32},
            {0xa0, 96}, {0x100, 256}, {0x391, 40}, {0x4e00, 500}, {0xd7f0, 16}, {0xe000, 16}, {0xfff0, 14},
            {0x1f600, 80}, {0x10fff0, 16},
        };
        while (names.size() < RANDOM_NAMES + 30) {
            StringBuilder name = new StringBuilder();
            int segments = 1 + random.nextInt(3);
            for (int s = 0; s < segments; s++) {
                if (s > 0) {
                    name.append('/');
                }
                int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 300 : 24);
                for (int i = 0; i < length; i++) {
                    int[] c = classes[random.nextInt(classes.length)];
                    int cp = c[0] + random.nextInt(c[1]);
                    if (cp == '/' || cp == '\n' || cp == '\r') {
                        cp = '_';
                    }
                    name.appendCodePoint(cp);
                }
                if (random.nextInt(4) == 0) {
                    // a version string, sometimes with an impossible date, sometimes before an extension
                    String version = String.format("-v%04d-%02d-%02d-%02d%02d%02d-%03d", random.nextInt(10000),
                            random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(61),
                            random.nextInt(61), random.nextInt(1000));
                    int dot = name.lastIndexOf(".");
                    if (dot > 0 && random.nextBoolean()) {
                        name.insert(dot, version);
                    } else {
                        name.append(version).append(random.nextBoolean() ? ".txt" : "");
                    }
                }
            }
            names.add(name.toString());
        }
        return names;
    }

    private static List<String> rclone(String command, String section, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("backend", command, section + ":", "--"));
        argv.addAll(args);
        String text = Rclone.run(config, argv.toArray(String[]::new)).assertOk().stdout();
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        lines.remove(lines.size() - 1); // after the final newline
        return lines;
    }

    private static void requireRclone() {
        assertThat(Rclone.run(Path.of("/dev/null"), "version").assertOk().stdout()).as("rclone version").contains("rclone v1.");
    }
}
