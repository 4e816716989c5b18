package io.encsync.core.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** NameCipher's own rules: limits, canonical decryption, paths, messages and thread safety. */
class NameCipherTest {
    private static final NameCipher BASE32 = cipher(FilenameEncryption.STANDARD, FilenameEncoding.BASE32, true);
    private static final NameCipher BASE64 = cipher(FilenameEncryption.STANDARD, FilenameEncoding.BASE64, true);
    private static final NameCipher BASE32768 = cipher(FilenameEncryption.STANDARD, FilenameEncoding.BASE32768, true);
    private static final NameCipher NODIR = cipher(FilenameEncryption.STANDARD, FilenameEncoding.BASE32, false);
    private static final NameCipher OBFUSCATE = cipher(FilenameEncryption.OBFUSCATE, FilenameEncoding.BASE32, true);
    private static final NameCipher OFF = cipher(FilenameEncryption.OFF, FilenameEncoding.BASE32, true);

    /** From names.tsv (config A_std32): the encryption of {@code a}, and of {@code Hello World.txt}. */
    private static final String A = "sl86vsu7smkjld71ekeuoik4a8";
    private static final String HELLO = "tv0dd11vgc0o1masvr9obo8qrk";

    private static NameCipher cipher(FilenameEncryption mode, FilenameEncoding encoding, boolean dirs) {
        return NameCipher.create(VectorKeys.defaultSalt(), mode, encoding, dirs);
    }

    // --- length limit -------------------------------------------------------------------------

    @Test
    void encrypts2047ByteSegments() {
        String longest = "x".repeat(2047);
        String encrypted = BASE32.encryptFileName(longest);
        assertThat(encrypted).hasSize(3277); // 2048 bytes of ciphertext in base32
        assertThat(BASE32.decryptFileName(encrypted)).isEqualTo(longest);
        assertThat(BASE32768.decryptFileName(BASE32768.encryptFileName("é".repeat(1023) + "x"))).isEqualTo("é".repeat(1023) + "x");
    }

    @Test
    void refuses2048ByteSegmentsWithTheFix() {
        String tooLong = "L2048_" + "y".repeat(2042);
        EncsyncException e = catchThrowableOfType(EncsyncException.class, () -> BASE32.encryptFileName("dir/" + tooLong));
        assertThat(e.category()).isEqualTo(ErrorCategory.USAGE);
        assertThat(e.getMessage())
                .startsWith("name `L2048_yyy")
                .contains("…` is 2048 bytes in UTF-8, over the 2047-byte limit")
                .contains("shorten the name")
                .contains("143 plaintext bytes")
                .hasSizeLessThan(400);
        // bytes count, not characters: 1024 two-byte characters are over the limit too
        assertThatThrownBy(() -> BASE64.encryptDirName("é".repeat(1024))).hasMessageContaining("2048 bytes");
    }

    @Test
    void theLimitAppliesAfterTheVersionSuffixIsRemoved() {
        String name = "x".repeat(2047) + "-v2023-01-02-030405-678";
        assertThat(BASE32.decryptFileName(BASE32.encryptFileName(name))).isEqualTo(name);
    }

    @Test
    void obfuscateAndOffHaveNoLengthLimit() {
        String name = "z".repeat(5000);
        assertThat(OBFUSCATE.decryptFileName(OBFUSCATE.encryptFileName(name))).isEqualTo(name);
        assertThat(OFF.decryptFileName(OFF.encryptFileName(name))).isEqualTo(name);
    }

    // --- canonical decryption -------------------------------------------------------------------

    @Test
    void refusesUpperCaseBase32ThatRcloneWouldAccept() {
        assertThat(BASE32.decryptFileName(A)).isEqualTo("a");
        assertThatThrownBy(() -> BASE32.decryptFileName(A.toUpperCase()))
                .isInstanceOf(NameDecryptionException.class)
                .hasMessageContaining("not the canonical form");
        assertThatThrownBy(() -> BASE32.decryptFileName("sl86vsu7SMKJLD71ekeuoik4a8"))
                .isInstanceOf(NameDecryptionException.class);
    }

    @Test
    void refusesNonZeroTrailingBits() {
        // 26 base32 characters carry 130 bits for 128: '9' differs from '8' only in the 2 spare bits
        assertThatThrownBy(() -> BASE32.decryptFileName(A.substring(0, 25) + "9"))
                .isInstanceOf(NameDecryptionException.class);
        // 22 base64 characters carry 132 bits for 128: the last character has 4 spare bits
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String b64 = BASE64.encryptFileName("a");
        int last = alphabet.indexOf(b64.charAt(21));
        assertThat(b64).hasSize(22);
        assertThat(last & 15).isZero();
        String alias = b64.substring(0, 21) + alphabet.charAt(last + 1);
        assertThatThrownBy(() -> BASE64.decryptFileName(alias))
                .isInstanceOf(NameDecryptionException.class)
                .hasMessageContaining("not the canonical form");
    }

    @Test
    void refusesBase32768WithZeroPaddingBits() {
        String encrypted = BASE32768.encryptFileName("a");
        char last = encrypted.charAt(encrypted.length() - 1);
        assertThat(last & 1).isEqualTo(1); // 16 bytes: 9 characters, the last padded with seven 1 bits
        String alias = encrypted.substring(0, encrypted.length() - 1) + (char) (last - 1);
        assertThatThrownBy(() -> BASE32768.decryptFileName(alias))
                .isInstanceOf(NameDecryptionException.class)
                .hasMessageContaining("not the canonical form");
    }

    @Test
    void refusesObfuscatePrefixesWithLeadingZeros() {
        assertThat(OBFUSCATE.decryptFileName("170.Nkrru cuxrj.zDz")).isEqualTo("Hello World.txt");
        assertThatThrownBy(() -> OBFUSCATE.decryptFileName("0170.Nkrru cuxrj.zDz"))
                .isInstanceOf(NameDecryptionException.class);
        assertThatThrownBy(() -> OBFUSCATE.decryptFileName("171.Nkrru cuxrj.zDz")) // checksum does not match
                .isInstanceOf(NameDecryptionException.class);
    }

    @Test
    void noSingleCharacterChangeDecryptsToTheSameName() {
        String alphabet = "0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVwxyz=";
        int refused = 0;
        int tries = 0;
        for (int i = 0; i < HELLO.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == HELLO.charAt(i)) {
                    continue;
                }
                String tampered = HELLO.substring(0, i) + c + HELLO.substring(i + 1);
                tries++;
                try {
                    assertThat(BASE32.decryptFileName(tampered)).isNotEqualTo("Hello World.txt");
                } catch (NameDecryptionException e) {
                    refused++;
                }
            }
        }
        // EME spreads any change over the whole block, so the padding check catches nearly all
        assertThat(refused).isGreaterThan(tries * 9 / 10);
    }

    @Test
    void refusesATamperedCharacter() {
        String tampered = HELLO.substring(0, 5) + "0" + HELLO.substring(6);
        assertThatThrownBy(() -> BASE32.decryptFileName(tampered))
                .isInstanceOf(NameDecryptionException.class)
                .hasMessage("`" + tampered + "`: cannot decrypt name (bad PKCS#7 padding): it was not written with"
                        + " this password and name settings, or it was tampered with");
    }

    @Test
    void refusesAPaddingOnlyBlockThatWouldDecryptToAnEmptyName() {
        String paddingOnly = encodeRaw(Pkcs7.pad(new byte[0]));
        assertThatThrownBy(() -> BASE32.decryptFileName(A + "/" + paddingOnly))
                .isInstanceOf(NameDecryptionException.class)
                .hasMessageContaining("segment 2 of 2");
    }

    @Test
    void refusesASegmentThatDecryptsToTextWithASlash() {
        String slashed = encodeRaw(Pkcs7.pad("../x".getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> BASE32.decryptFileName(slashed))
                .isInstanceOf(NameDecryptionException.class)
                .hasMessageContaining("containing '/'");
    }

    @Test
    void returnsUnsafeNamesAsTheyDecrypt() {
        // safety rules belong to the sync layer; this layer returns what decrypts
        assertThat(BASE32.decryptFileName(BASE32.encryptFileName("../..\u001b[2J/x"))).isEqualTo("../..\u001b[2J/x");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        String invalid = encodeRaw(Pkcs7.pad(new byte[] {(byte) 0xC3, (byte) 0x28}));
        assertThatThrownBy(() -> BASE32.decryptFileName(invalid)).hasMessageContaining("not UTF-8");
    }

    @Test
    void refusesNamesOfAnotherPassword() {
        NameCipher other = NameCipher.create(VectorKeys.salt(), FilenameEncryption.STANDARD, FilenameEncoding.BASE32, true);
        assertThatThrownBy(() -> other.decryptFileName(HELLO)).isInstanceOf(NameDecryptionException.class);
    }

    @Test
    void refusesWhatNoEncodingProduces() {
        assertThatThrownBy(() -> BASE32.decryptFileName("abc")).hasMessageContaining("not a possible length");
        assertThatThrownBy(() -> BASE32.decryptFileName("ab")).hasMessageContaining("decodes to 1 bytes");
        assertThatThrownBy(() -> BASE32.decryptFileName("0".repeat(3290))).hasMessageContaining("not 16 to 2048");
        assertThatThrownBy(() -> BASE64.decryptFileName("not base64!")).hasMessageContaining("not URL-safe base64");
        assertThatThrownBy(() -> BASE32768.decryptFileName("plain.txt")).hasMessageContaining("not base32768");
        assertThatThrownBy(() -> OBFUSCATE.decryptFileName("plain.txt")).hasMessageContaining("'plain' is not a number");
        assertThatThrownBy(() -> OFF.decryptFileName("plain.txt")).hasMessageContaining("does not end in `.bin`");
        assertThatThrownBy(() -> OFF.decryptFileName(".bin")).isInstanceOf(NameDecryptionException.class);
        // rclone refuses only a whole path that is a bare version string
        assertThat(OFF.decryptFileName("d/-v2023-01-02-030405-678.bin")).isEqualTo("d/-v2023-01-02-030405-678");
    }

    private static String encodeRaw(byte[] padded) {
        byte[] key = VectorKeys.defaultSalt().nameKey().reveal();
        byte[] tweak = VectorKeys.defaultSalt().nameTweak().reveal();
        return Base32Hex.INSTANCE.encode(new Eme(key, tweak).encrypt(padded));
    }

    // --- messages ---------------------------------------------------------------------------------

    @Test
    void messagesEscapeControlCharactersAndKeepTheRawName() {
        String evil = "ok\u001b[31m\nFinished: SUCCESS\r\u202e\u200b\u2028\u0085";
        NameDecryptionException e = catchThrowableOfType(NameDecryptionException.class, () -> BASE32.decryptFileName(evil));
        assertThat(e.encryptedName()).isEqualTo(evil);
        assertThat(e.getMessage())
                .startsWith("`ok\\u001b[31m\\nFinished: SUCCESS\\r\\u202e\\u200b\\u2028\\u0085`: cannot decrypt name (")
                .doesNotContain("\u001b", "\n", "\r", "\u202e", "\u200b", "\u2028", "\u0085");
        assertThat(e.category()).isEqualTo(ErrorCategory.INTEGRITY);
    }

    @Test
    void messagesShortenLongNames() {
        String name = "0".repeat(3000) + "w";
        NameDecryptionException e = catchThrowableOfType(NameDecryptionException.class, () -> BASE32.decryptFileName(name));
        assertThat(e.getMessage()).hasSizeLessThan(300).contains("0".repeat(60) + "…`");
    }

    // --- paths --------------------------------------------------------------------------------------

    @Test
    void encryptsEverySegmentWithTheSameKeyAndKeepsEmptySegments() {
        assertThat(BASE32.encryptFileName("a/a")).isEqualTo(A + "/" + A);
        assertThat(BASE32.encryptFileName("")).isEmpty();
        assertThat(BASE32.encryptFileName("a//a/")).isEqualTo(A + "//" + A + "/");
        assertThat(BASE32.decryptFileName(A + "//" + A + "/")).isEqualTo("a//a/");
        // made by rclone 1.60.1: rclone backend encode A_std32: -- top/middle/bottom/
        assertThat(BASE32.encryptFileName("top/middle/bottom/"))
                .isEqualTo("0670qmjo42rugtk1ajrmkjstsc/pl7nlaok3fi96jvq86r0ih6h2g/gg6db33qgldcpmm7gjcbcr01c8/");
    }

    @Test
    void directoryNamesFollowTheDirectorySetting() {
        assertThat(BASE32.encryptDirName("a/a")).isEqualTo(A + "/" + A);
        assertThat(BASE32.decryptDirName(A + "/" + A)).isEqualTo("a/a");
        assertThat(NODIR.encryptDirName("a/a")).isEqualTo("a/a");
        assertThat(NODIR.decryptDirName("a/" + A)).isEqualTo("a/" + A);
        assertThat(NODIR.encryptFileName("a/a")).isEqualTo("a/" + A);
        assertThat(NODIR.decryptFileName("a/" + A)).isEqualTo("a/a");
        assertThat(OFF.encryptDirName("a/a")).isEqualTo("a/a");
        assertThat(OFF.decryptDirName("a/a")).isEqualTo("a/a");
        assertThat(OFF.encryptFileName("a/a")).isEqualTo("a/a.bin");
    }

    @Test
    void versionSuffixAppliesToTheLastSegmentOfFileAndDirectoryPathsAlike() {
        // rclone's own inconsistency, reproduced: a versioned directory is stripped only when it is last
        String dir = "dir-v2023-01-02-030405-678";
        String asMiddle = BASE32.encryptFileName(dir + "/f").split("/")[0];
        String asLast = BASE32.encryptDirName(dir);
        assertThat(asMiddle).doesNotContain("-v2023");
        assertThat(asLast).endsWith("-v2023-01-02-030405-678").isNotEqualTo(asMiddle);
        assertThat(BASE32.decryptDirName(asLast)).isEqualTo(dir);
        assertThat(BASE32.decryptFileName(asMiddle + "/" + BASE32.encryptFileName("f"))).isEqualTo(dir + "/f");
    }

    @Test
    void refusesUnpairedSurrogates() {
        EncsyncException e = catchThrowableOfType(EncsyncException.class, () -> BASE32.encryptFileName("a\uD800b"));
        assertThat(e.category()).isEqualTo(ErrorCategory.USAGE);
        assertThat(e.getMessage()).contains("`a\\ud800b`").contains("unpaired");
        assertThatThrownBy(() -> OFF.encryptFileName("\uDC00")).hasMessageContaining("unpaired");
        assertThatThrownBy(() -> OBFUSCATE.decryptFileName("33.\uDC00")).isInstanceOf(NameDecryptionException.class);
    }

    // --- the object ---------------------------------------------------------------------------------

    @Test
    void reportsItsSettingsAndNeverItsKey() {
        assertThat(BASE64.mode()).isEqualTo(FilenameEncryption.STANDARD);
        assertThat(BASE64.encoding()).isEqualTo(FilenameEncoding.BASE64);
        assertThat(NODIR.directoryNameEncryption()).isFalse();
        assertThat(BASE64.toString()).isEqualTo("NameCipher[standard, base64, directory names encrypted]");
        assertThat(OFF.toString()).isEqualTo("NameCipher[off, directory names in clear]");
    }

    @Test
    void keepsWorkingAfterTheKeysAreClosed() {
        try (var keys = io.encsync.core.keys.CryptKeys.derive(
                io.encsync.core.keys.SecretBytes.utf8(VectorKeys.PASSWORD), null)) {
            NameCipher cipher = NameCipher.create(keys, FilenameEncryption.STANDARD, FilenameEncoding.BASE32, true);
            keys.close();
            assertThat(cipher.encryptFileName("a")).isEqualTo(A);
        }
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            names.add("dir " + (i % 7) + "/file-" + i + "-" + "é".repeat(i % 40) + ".txt");
        }
        List<String> expected = names.stream().map(BASE32::encryptFileName).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 2; round++) {
                        for (int i = 0; i < names.size(); i++) {
                            if (!BASE32.encryptFileName(names.get(i)).equals(expected.get(i))
                                    || !BASE32.decryptFileName(expected.get(i)).equals(names.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // --- settings -----------------------------------------------------------------------------------

    @Test
    void parsesRcloneSpellingsIgnoringCase() {
        assertThat(FilenameEncryption.parse("Standard")).isEqualTo(FilenameEncryption.STANDARD);
        assertThat(FilenameEncryption.parse("OBFUSCATE")).isEqualTo(FilenameEncryption.OBFUSCATE);
        assertThat(FilenameEncryption.parse("off")).isEqualTo(FilenameEncryption.OFF);
        assertThat(FilenameEncoding.parse("base32768")).isEqualTo(FilenameEncoding.BASE32768);
        assertThat(FilenameEncoding.parse("Base64")).isEqualTo(FilenameEncoding.BASE64);
        for (FilenameEncryption mode : FilenameEncryption.values()) {
            assertThat(FilenameEncryption.parse(mode.configValue())).isEqualTo(mode);
        }
        for (FilenameEncoding encoding : FilenameEncoding.values()) {
            assertThat(FilenameEncoding.parse(encoding.configValue())).isEqualTo(encoding);
        }
    }

    @Test
    void refusesUnknownSettingsAsUsageErrors() {
        EncsyncException e = catchThrowableOfType(EncsyncException.class, () -> FilenameEncryption.parse("x"));
        assertThat(e.category()).isEqualTo(ErrorCategory.USAGE);
        assertThat(e.getMessage()).isEqualTo("filename encryption must be standard, obfuscate or off, was 'x'");
        assertThatThrownBy(() -> FilenameEncoding.parse("base16"))
                .hasMessage("filename encoding must be base32, base64 or base32768, was 'base16'");
        assertThatThrownBy(() -> FilenameEncoding.parse(null)).hasMessageContaining("was 'null'");
        assertThatThrownBy(() -> FilenameEncryption.parse("off\n")).hasMessageContaining("was 'off\\n'");
    }
}
