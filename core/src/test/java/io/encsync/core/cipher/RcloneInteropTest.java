package io.encsync.core.cipher;

import io.encsync.core.testing.Rclone;
import static io.encsync.core.cipher.StreamHarness.assertSameBytes;
import static io.encsync.core.cipher.StreamHarness.plaintext;
import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.keys.CryptKeys;
import io.encsync.core.keys.Obscure;
import io.encsync.core.keys.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real rclone reads what we write and we read what rclone writes, for multi-block files larger than
 * the vectors. Uses filename_encryption = off so that only the content format is involved.
 */
class RcloneInteropTest {
    private static final String PASSWORD = "interop-password";
    private static final String PASSWORD2 = "interop-salt";

    @TempDir
    static Path dir;
    private static Path config;
    private static CryptKeys keys;

    @BeforeAll
    static void setUp() throws IOException {
        Files.createDirectories(dir.resolve("store"));
        config = dir.resolve("rclone.conf");
        SecureRandom random = new SecureRandom();
        Files.writeString(config, String.join("\n",
                "[enc]",
                "type = crypt",
                "remote = " + dir.resolve("store"),
                "filename_encryption = off",
                "password = " + Obscure.obscure(SecretBytes.utf8(PASSWORD), random),
                "password2 = " + Obscure.obscure(SecretBytes.utf8(PASSWORD2), random),
                ""), StandardCharsets.UTF_8);
        keys = CryptKeys.derive(SecretBytes.utf8(PASSWORD), SecretBytes.utf8(PASSWORD2));
    }

    @AfterAll
    static void tearDown() {
        keys.close();
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 65536, 3 * 65536 + 17, 5 * 1024 * 1024 + 1})
    void rcloneDecryptsWhatWeEncrypt(int length) throws Exception {
        byte[] plain = plaintext(length);
        ContentCipher cipher = ContentCipher.create(keys.dataKey(), new SecureRandom(), 4);
        Path object = dir.resolve("store").resolve("ours-" + length + ".dat.bin");
        try (OutputStream out = cipher.encryptingStream(Files.newOutputStream(object), cipher.newNonce())) {
            out.write(plain);
        }
        Path copy = dir.resolve("rclone-out-" + length);
        rclone("copyto", "enc:ours-" + length + ".dat", copy.toString());
        assertSameBytes(Files.readAllBytes(copy), plain, "rclone's decryption");
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 65537, 5 * 1024 * 1024 - 1})
    void weDecryptWhatRcloneEncrypts(int length) throws Exception {
        byte[] plain = plaintext(length);
        Path source = dir.resolve("plain-" + length + ".dat");
        Files.write(source, plain);
        rclone("copyto", source.toString(), "enc:theirs-" + length + ".dat");
        Path object = dir.resolve("store").resolve("theirs-" + length + ".dat.bin");
        byte[] encrypted = Files.readAllBytes(object);
        assertThat((long) encrypted.length).isEqualTo(ContentCipher.encryptedSize(length));
        for (int parallelism : new int[] {1, 4}) {
            ContentCipher cipher = ContentCipher.create(keys.dataKey(), new SecureRandom(), parallelism);
            try (InputStream in = cipher.decryptingStream(new ByteArrayInputStream(encrypted), object.toString())) {
                assertSameBytes(in.readAllBytes(), plain, "our decryption, parallelism " + parallelism);
            }
            // and re-encrypting with rclone's nonce rebuilds rclone's file (what cryptcheck relies on)
            byte[] nonce = ContentCipher.readNonce(encrypted, object.toString());
            try (InputStream in = cipher.encryptingStream(new ByteArrayInputStream(plain), nonce)) {
                assertSameBytes(in.readAllBytes(), encrypted, "re-encryption, parallelism " + parallelism);
            }
        }
    }

    private static void rclone(String... args) {
        Rclone.run(config, args).assertOk();
    }
}
