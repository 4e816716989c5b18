package io.encsync.core.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.keys.CryptKeys;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every name vector rclone 1.60.1 made ({@code names.tsv}: {@code rclone backend encode}, which
 * treats each argument as a file path, checked back with {@code backend decode}) and every path of
 * the four encrypted trees ({@code manifest.tsv}, whose files exist under {@code encrypted/}).
 */
class NameVectorsTest {
    private static final VectorKeys.Table NAMES = VectorKeys.tsv("names.tsv");
    private static final VectorKeys.Table MANIFEST = VectorKeys.tsv("manifest.tsv");

    static Stream<Arguments> nameRows() {
        return IntStream.range(0, NAMES.rows().size())
                .mapToObj(i -> Arguments.of(i + 2, NAMES.rows().get(i))); // i + 2: line number in the file
    }

    @Test
    void allNameVectorsAreThere() {
        assertThat(NAMES.rows()).hasSize(460);
        assertThat(NAMES.rows().stream().map(r -> r[0]).distinct()).hasSize(10);
        assertThat(NAMES.rows()).allSatisfy(row -> assertThat(row).hasSize(8));
    }

    @ParameterizedTest(name = "names.tsv line {0}")
    @MethodSource("nameRows")
    void encryptsAsRclone(int line, String[] row) {
        NameCipher cipher = cipherFor(row);
        String plaintext = row[NAMES.column("plaintext")];
        String encrypted = row[NAMES.column("encrypted")];
        assertThat(cipher.encryptFileName(plaintext)).isEqualTo(encrypted);
        // rclone's EncryptDirName is the same function whenever it encrypts directory names at all
        if (cipher.mode() != FilenameEncryption.OFF && cipher.directoryNameEncryption()) {
            assertThat(cipher.encryptDirName(plaintext)).isEqualTo(encrypted);
        }
    }

    @ParameterizedTest(name = "names.tsv line {0}")
    @MethodSource("nameRows")
    void decryptsAsRclone(int line, String[] row) {
        NameCipher cipher = cipherFor(row);
        String encrypted = row[NAMES.column("encrypted")];
        String expected = row[NAMES.column("decrypted_by_rclone")];
        if (expected.startsWith("<error:")) {
            assertThatThrownBy(() -> cipher.decryptFileName(encrypted))
                    .isInstanceOf(NameDecryptionException.class)
                    .satisfies(e -> assertThat(((NameDecryptionException) e).encryptedName()).isEqualTo(encrypted));
        } else {
            assertThat(cipher.decryptFileName(encrypted)).isEqualTo(expected);
        }
    }

    private static NameCipher cipherFor(String[] row) {
        FilenameEncryption mode = FilenameEncryption.parse(row[NAMES.column("filename_encryption")]);
        String encoding = row[NAMES.column("filename_encoding")];
        boolean dirs = Boolean.parseBoolean(row[NAMES.column("directory_name_encryption")]);
        CryptKeys keys = switch (row[NAMES.column("password2")]) {
            case "yes" -> VectorKeys.salt();
            case "no(default salt)" -> VectorKeys.defaultSalt();
            default -> throw new IllegalStateException("unknown password2 column " + row[4]);
        };
        return NameCipher.create(keys, mode, encoding.equals("-") ? FilenameEncoding.BASE32 : FilenameEncoding.parse(encoding), dirs);
    }

    /** The four trees of the test vectors and the settings rclone.conf gives them. */
    private static final Map<String, NameCipher> TREES = Map.of(
            "standard-base32-dirs-defaultsalt",
            NameCipher.create(VectorKeys.defaultSalt(), FilenameEncryption.STANDARD, FilenameEncoding.BASE32, true),
            "standard-base64-dirs-salt",
            NameCipher.create(VectorKeys.salt(), FilenameEncryption.STANDARD, FilenameEncoding.BASE64, true),
            "obfuscate-dirs-defaultsalt",
            NameCipher.create(VectorKeys.defaultSalt(), FilenameEncryption.OBFUSCATE, FilenameEncoding.BASE32, true),
            "off-defaultsalt",
            NameCipher.create(VectorKeys.defaultSalt(), FilenameEncryption.OFF, FilenameEncoding.BASE32, true));

    static Stream<Arguments> manifestPaths() {
        return MANIFEST.rows().stream().flatMap(row -> TREES.keySet().stream().sorted().map(tree -> Arguments.of(
                tree, row[MANIFEST.column("plaintext_path")], row[MANIFEST.column("encrypted_path[" + tree + "]")])));
    }

    @Test
    void manifestCoversTwelveFilesInFourTrees() {
        assertThat(MANIFEST.rows()).hasSize(12);
        assertThat(manifestPaths()).hasSize(48);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("manifestPaths")
    void treePathsMapBothWays(String tree, String plaintext, String encrypted) {
        NameCipher cipher = TREES.get(tree);
        assertThat(cipher.encryptFileName(plaintext)).isEqualTo(encrypted);
        assertThat(cipher.decryptFileName(encrypted)).isEqualTo(plaintext);
        assertThat(NameVectorsTest.class.getResource("/vectors/rclone-crypt/encrypted/" + tree + "/" + encrypted))
                .as("rclone's file for %s", plaintext)
                .isNotNull();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("manifestPaths")
    void treeDirectoriesMapBothWays(String tree, String plaintext, String encrypted) {
        NameCipher cipher = TREES.get(tree);
        List<String> plainParts = List.of(plaintext.split("/"));
        List<String> encParts = List.of(encrypted.split("/"));
        for (int depth = 1; depth < plainParts.size(); depth++) {
            String plainDir = String.join("/", plainParts.subList(0, depth));
            String encDir = String.join("/", encParts.subList(0, depth));
            assertThat(cipher.encryptDirName(plainDir)).isEqualTo(encDir);
            assertThat(cipher.decryptDirName(encDir)).isEqualTo(plainDir);
            assertThat(NameVectorsTest.class.getResource("/vectors/rclone-crypt/encrypted/" + tree + "/" + encDir))
                    .isNotNull();
        }
    }
}
