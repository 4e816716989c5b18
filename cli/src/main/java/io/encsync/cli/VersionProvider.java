package io.encsync.cli;

import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code encsync --version}: our version, the data format we write, and the Java runtime in use
 * (the first thing to know when a bug report comes in). The version comes from a resource that
 * Maven filters at build time, so it is the pom's and is written nowhere else.
 */
final class VersionProvider implements IVersionProvider {
    static final String RESOURCE = "version.properties";

    @Override
    public String[] getVersion() {
        // picocli passes each line through String.format: a '%' from the runtime must stay literal.
        return new String[] {
            "encsync " + projectVersion(),
            "data format: rclone crypt v1 (file header \"RCLONE\\0\\0\", XSalsa20-Poly1305 in "
                    + ContentCipher.BLOCK_DATA_SIZE / 1024 + " KiB blocks; verified against rclone 1.60.1), "
                    + "with encsync manifest v" + Manifest.FORMAT_VERSION,
            ("Java runtime: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ", "
                    + System.getProperty("java.vm.name") + ")").replace("%", "%%"),
        };
    }

    /** The project version the jar was built as, or a note saying it is unknown. */
    static String projectVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + RESOURCE + " from the encsync jar", e);
        }
        String version = p.getProperty("version", "");
        // Unfiltered (run from an IDE's own build of the sources): say so rather than print "${...}".
        return version.isEmpty() || version.contains("${") ? "(version unknown: built without Maven)" : version;
    }
}
