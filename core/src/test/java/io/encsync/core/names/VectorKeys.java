package io.encsync.core.names;

import io.encsync.core.keys.CryptKeys;
import io.encsync.core.keys.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys and data files of the rclone test vectors ({@code vectors/rclone-crypt}). Keys are
 * derived once per JVM: scrypt costs about 50 ms each.
 */
final class VectorKeys {
    static final String PASSWORD = "testvector-A-password";
    static final String PASSWORD2 = "testvector-A-salt";

    private static CryptKeys defaultSalt;
    private static CryptKeys salt;

    private VectorKeys() {
    }

    /** Password A with rclone's default salt. */
    static synchronized CryptKeys defaultSalt() {
        if (defaultSalt == null) {
            defaultSalt = CryptKeys.derive(SecretBytes.utf8(PASSWORD), null);
        }
        return defaultSalt;
    }

    /** Password A with password2 {@code testvector-A-salt}. */
    static synchronized CryptKeys salt() {
        if (salt == null) {
            salt = CryptKeys.derive(SecretBytes.utf8(PASSWORD), SecretBytes.utf8(PASSWORD2));
        }
        return salt;
    }

    /** A TSV vector file: its header and rows, split on tabs only and never trimmed (names may start or end with spaces). */
    record Table(List<String> header, List<String[]> rows) {
        int column(String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw new IllegalStateException("no column " + name + " in " + header);
            }
            return i;
        }
    }

    static Table tsv(String file) {
        String resource = "/vectors/rclone-crypt/" + file;
        try (InputStream in = VectorKeys.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + resource + " is missing");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String[]> rows = new ArrayList<>();
            for (String line : text.split("\n", -1)) {
                if (!line.isEmpty()) {
                    rows.add(line.split("\t", -1));
                }
            }
            return new Table(List.of(rows.get(0)), List.copyOf(rows.subList(1, rows.size())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
