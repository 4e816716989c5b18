package io.encsync.core.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.keys.SecretBytes;
import io.encsync.core.manifest.CryptConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Shared helpers for the task tests: a small tree, tree snapshots, serialization round trips. */
public final class TaskFixtures {
    public static final String PASSWORD = "correct horse battery staple";
    public static final String PASSWORD2 = "pepper and salt";

    private TaskFixtures() {
    }

    public static CryptConfig crypt() {
        return CryptConfig.builder().password(SecretBytes.utf8(PASSWORD)).password2(SecretBytes.utf8(PASSWORD2)).build();
    }

    /** A workspace with {@code src/} holding a few files, one nested, one empty, one of 200 KiB. */
    public static void writeTree(Path src) throws IOException {
        Files.createDirectories(src.resolve("docs/deep"));
        Files.writeString(src.resolve("a.txt"), "alpha\n");
        Files.writeString(src.resolve("docs/b.md"), "# beta\n");
        Files.write(src.resolve("docs/deep/empty.bin"), new byte[0]);
        byte[] big = new byte[200 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        Files.write(src.resolve("docs/deep/big.bin"), big);
    }

    /** Relative path → content, for comparing two trees. */
    public static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.put(root.relativize(p).toString().replace('\\', '/'),
                        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(Files.readAllBytes(p))));
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    public static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static <T> T deserialize(byte[] data) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return (T) in.readObject();
        }
    }

    /** Asserts that none of {@code secrets} appears in {@code text}. */
    public static void assertNoSecret(String text, String... secrets) {
        for (String s : secrets) {
            assertThat(text).as("text must not contain a secret").doesNotContain(s);
        }
    }

    public static String utf8(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
