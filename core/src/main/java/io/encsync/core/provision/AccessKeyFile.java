package io.encsync.core.provision;

import io.encsync.core.EncsyncException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Writes a new access key to a file only its owner can read (0600), atomically (temporary file
 * in the same folder, then rename), so no reader ever sees a half-written secret and no other
 * user ever sees it at all.
 */
public final class AccessKeyFile {
    /** The file layout. */
    public enum Format {
        /** An rclone.conf section for an S3 remote, with {@code acl} empty (buckets refuse ACLs). */
        RCLONE,
        /** {@code export AWS_ACCESS_KEY_ID=…} lines for a POSIX shell. */
        ENV;

        public static Format parse(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw EncsyncException.usage("output format '" + name + "' is unknown: use 'rclone' or 'env'");
            }
        }
    }

    private AccessKeyFile() {
    }

    /** The file's text. {@code remoteName} names the rclone section. */
    public static String render(Format format, String remoteName, AccessKey key, ProvisionRequest request) {
        String secret = key.secretAccessKey().revealUtf8();
        StringBuilder out = new StringBuilder();
        if (format == Format.RCLONE) {
            out.append('[').append(remoteName).append("]\n")
                    .append("type = s3\n")
                    .append("provider = ").append(request.endpoint().isPresent() ? "Other" : "AWS").append('\n')
                    .append("access_key_id = ").append(key.accessKeyId()).append('\n')
                    .append("secret_access_key = ").append(secret).append('\n')
                    .append("region = ").append(request.region()).append('\n');
            request.endpoint().ifPresent(e -> out.append("endpoint = ").append(e).append('\n'));
            // Buckets with BucketOwnerEnforced reject any ACL header: rclone must send none.
            out.append("acl =\n");
            // The sync key may not create buckets; without this rclone tries CreateBucket first.
            out.append("no_check_bucket = true\n");
        } else {
            out.append("export AWS_ACCESS_KEY_ID=").append(key.accessKeyId()).append('\n')
                    .append("export AWS_SECRET_ACCESS_KEY='").append(secret).append("'\n")
                    .append("export AWS_REGION=").append(request.region()).append('\n');
            request.endpoint().ifPresent(e -> out.append("export AWS_ENDPOINT_URL='").append(e).append("'\n"));
        }
        return out.toString();
    }

    /** Writes {@link #render} to {@code file} with mode 0600, replacing any file there. */
    public static void write(Path file, Format format, String remoteName, AccessKey key, ProvisionRequest request) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = null;
        try {
            temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(dir, ".encsync-key-", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".encsync-key-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                out.write(render(format, remoteName, key, request).getBytes(StandardCharsets.UTF_8));
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw EncsyncException.localIo("could not write the new access key to '" + file + "': " + e.getMessage()
                    + " — the key " + key.accessKeyId() + " exists but its secret is lost; fix the path and run "
                    + "apply again with --rotate-key", e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort; the temp file is 0600
                }
            }
        }
    }
}
