package io.encsync.core.rclone;

import io.encsync.core.EncsyncException;
import io.encsync.core.keys.Obscure;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.store.s3.S3Clients;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An {@code rclone.conf} with two sections: a storage remote (type {@code s3} or {@code local})
 * and a crypt remote over it, so that {@code rclone copy encsync: ~/restore} works where our tool
 * is not installed. Immutable; built and checked by {@link Builder#build()}.
 *
 * <p>The rendered text is sensitive: the passwords are only obscured (anyone can reveal them) and
 * explicitly given S3 keys appear in plain text, as rclone requires. Write it with
 * {@link #writeTo(Path)} (owner-only permissions). {@link #toString()} shows no secret.
 */
public final class RcloneConfig {

    /**
     * Remote names rclone 1.60.1 accepts and that cannot be mistaken for a flag or a path:
     * ASCII letters, digits, {@code _ . -}, not starting with {@code -}. (rclone also allows inner
     * spaces; we do not, so the name can be pasted into a shell unquoted.)
     */
    private static final Pattern REMOTE_NAME = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,63}");

    private final String cryptName;
    private final String storageName;
    private final S3Location s3Location;
    private final S3Settings s3Settings;
    /** Resolved once, as our client resolves it: rclone must not fall back to us-east-1 on its own. */
    private final String region;
    private final String accessKeyId;
    private final SecretBytes secretAccessKey;
    private final Path localFolder;
    private final FilenameEncryption filenameEncryption;
    private final boolean directoryNameEncryption;
    private final FilenameEncoding filenameEncoding;
    private final String obscuredPassword;
    private final String obscuredPassword2;

    private RcloneConfig(Builder b) {
        cryptName = b.cryptName;
        storageName = b.storageName != null ? b.storageName : b.cryptName + (b.s3Location != null ? "-s3" : "-local");
        s3Location = b.s3Location;
        s3Settings = b.s3Settings;
        region = b.s3Settings == null ? null : S3Clients.region(b.s3Settings).id();
        accessKeyId = b.accessKeyId;
        secretAccessKey = b.secretAccessKey == null ? null : SecretBytes.copyOf(b.secretAccessKey.reveal());
        localFolder = b.localFolder;
        filenameEncryption = b.filenameEncryption;
        directoryNameEncryption = b.directoryNameEncryption;
        filenameEncoding = b.filenameEncoding;
        SecureRandom random = b.random != null ? b.random : new SecureRandom();
        obscuredPassword = Obscure.obscure(b.password, random);
        obscuredPassword2 = b.password2 == null || b.password2.isEmpty() ? null : Obscure.obscure(b.password2, random);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The crypt remote's name: {@code rclone lsf <name>:} lists the decrypted tree. */
    public String cryptRemoteName() {
        return cryptName;
    }

    /** The storage remote's name: {@code rclone lsf <name>:<bucket/prefix or folder>} lists what is stored. */
    public String storageRemoteName() {
        return storageName;
    }

    /** Where the crypt remote points: {@code name-s3:bucket/prefix} or {@code name-local:/folder}. */
    public String storagePath() {
        if (s3Location != null) {
            return storageName + ":" + s3Location.bucket() + (s3Location.prefix().isEmpty() ? "" : "/" + s3Location.prefix());
        }
        return storageName + ":" + localFolder;
    }

    /** The text of the file. Contains obscured passwords and any explicit keys: handle as a secret. */
    public String render() {
        return render(true);
    }

    /**
     * The same file without the passwords and keys, for showing on a screen or in a log: the
     * secret lines are replaced by comments saying how to add them.
     */
    public String renderWithoutSecrets() {
        return render(false);
    }

    private String render(boolean secrets) {
        StringBuilder out = new StringBuilder();
        out.append("# Written by encsync. Restore without encsync:  rclone --config <this file> copy ")
                .append(cryptName).append(": <folder>\n");
        out.append(secrets ? "# The passwords below are obscured, not encrypted: keep this file private.\n\n"
                : "# Secrets left out: add them with 'rclone config', or print this with --show-secrets.\n\n");
        if (s3Location != null) {
            renderS3(out, secrets);
        } else {
            out.append('[').append(storageName).append("]\n");
            line(out, "type", "local");
        }
        out.append('\n');
        out.append('[').append(cryptName).append("]\n");
        line(out, "type", "crypt");
        line(out, "remote", storagePath());
        line(out, "filename_encryption", filenameEncryption.configValue());
        line(out, "directory_name_encryption", Boolean.toString(directoryNameEncryption));
        line(out, "filename_encoding", filenameEncoding.configValue());
        if (secrets) {
            line(out, "password", obscuredPassword);
            if (obscuredPassword2 != null) {
                line(out, "password2", obscuredPassword2);
            }
        } else {
            out.append("# password = (obscured password: rclone obscure '<your password>')\n");
            if (obscuredPassword2 != null) {
                out.append("# password2 = (obscured password2: rclone obscure '<your password2>')\n");
            }
        }
        return out.toString();
    }

    private void renderS3(StringBuilder out, boolean secrets) {
        out.append('[').append(storageName).append("]\n");
        line(out, "type", "s3");
        // "AWS" selects AWS's own endpoints and quirks; "Other" is any S3-compatible server.
        line(out, "provider", s3Settings.endpoint().isPresent() ? "Other" : "AWS");
        if (accessKeyId != null) {
            line(out, "env_auth", "false");
            line(out, "access_key_id", accessKeyId);
            if (secrets) {
                line(out, "secret_access_key", secretAccessKey.revealUtf8());
            } else {
                out.append("# secret_access_key = (the secret key of ").append(accessKeyId).append(")\n");
            }
        } else {
            // Same sources as our SDK chain: environment, shared profile, container or instance role.
            line(out, "env_auth", "true");
            s3Settings.profile().ifPresent(p -> line(out, "profile", p));
        }
        line(out, "region", region);
        s3Settings.endpoint().ifPresent(e -> line(out, "endpoint", e.toString()));
        // rclone writes every object in this class (it has no manifest of its own to keep readable).
        s3Settings.storageClass().ifPresent(c -> line(out, "storage_class", c));
        // rclone's default is true; write ours explicitly so both tools address the bucket alike.
        line(out, "force_path_style", Boolean.toString(s3Settings.pathStyle()));
        // Empty: send no X-Amz-Acl. Buckets with ObjectOwnership=BucketOwnerEnforced (the default
        // since 2023) refuse ACL headers other than bucket-owner-full-control.
        line(out, "acl", "");
        line(out, "bucket_acl", "");
        // A least-privilege key may not create or even check buckets: don't try.
        line(out, "no_check_bucket", "true");
    }

    private static void line(StringBuilder out, String key, String value) {
        out.append(key).append(" = ").append(value).append('\n');
    }

    /** Writes {@link #render()} to a new file readable only by its owner (where POSIX permissions exist). */
    public void writeTo(Path file) {
        try {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file.toString());
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING)) {
                w.write(render());
            }
        } catch (FileAlreadyExistsException e) {
            throw EncsyncException.usage(file + " already exists — choose another file or remove it first");
        } catch (IOException e) {
            throw EncsyncException.localIo("could not write the rclone config " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RcloneConfig{" + cryptName + " -> " + storagePath() + ", filename_encryption="
                + filenameEncryption.configValue() + ", keys=" + (accessKeyId != null ? "explicit" : "env_auth") + "}";
    }

    /** Collects the parts; {@link #build()} checks them. Password is required. */
    public static final class Builder {
        private String cryptName = "encsync";
        private String storageName;
        private S3Location s3Location;
        private S3Settings s3Settings;
        private String accessKeyId;
        private SecretBytes secretAccessKey;
        private Path localFolder;
        private FilenameEncryption filenameEncryption = FilenameEncryption.STANDARD;
        private boolean directoryNameEncryption = true;
        private FilenameEncoding filenameEncoding = FilenameEncoding.BASE32;
        private SecretBytes password;
        private SecretBytes password2;
        private SecureRandom random;

        private Builder() {
        }

        /** Name of the crypt remote (default {@code encsync}). */
        public Builder cryptRemoteName(String name) {
            this.cryptName = name;
            return this;
        }

        /** Name of the storage remote (default: crypt name + {@code -s3} or {@code -local}). */
        public Builder storageRemoteName(String name) {
            this.storageName = name;
            return this;
        }

        /** Store in S3: region, endpoint, path style and profile are taken from {@code settings}. */
        public Builder s3(S3Location location, S3Settings settings) {
            this.s3Location = Objects.requireNonNull(location, "location");
            this.s3Settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Writes these keys into the file (env_auth off). Only when explicitly wanted: by default
         * rclone finds credentials where the SDK does (env_auth).
         */
        public Builder s3Keys(String accessKeyId, SecretBytes secretAccessKey) {
            this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
            this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey");
            return this;
        }

        /** Store in a local folder (an absolute path). */
        public Builder localFolder(Path folder) {
            this.localFolder = Objects.requireNonNull(folder, "folder");
            return this;
        }

        public Builder filenameEncryption(FilenameEncryption value) {
            this.filenameEncryption = Objects.requireNonNull(value, "filenameEncryption");
            return this;
        }

        public Builder directoryNameEncryption(boolean value) {
            this.directoryNameEncryption = value;
            return this;
        }

        public Builder filenameEncoding(FilenameEncoding value) {
            this.filenameEncoding = Objects.requireNonNull(value, "filenameEncoding");
            return this;
        }

        public Builder password(SecretBytes password) {
            this.password = password;
            return this;
        }

        /** The salt password ({@code password2}); empty or null means rclone's default salt. */
        public Builder password2(SecretBytes password2) {
            this.password2 = password2;
            return this;
        }

        /** Randomness for the obscuring IVs (tests); default a new {@link SecureRandom}. */
        public Builder random(SecureRandom random) {
            this.random = random;
            return this;
        }

        public RcloneConfig build() {
            checkName("crypt remote name", cryptName);
            if (storageName != null) {
                checkName("storage remote name", storageName);
            }
            String storage = storageName != null ? storageName : cryptName + (s3Location != null ? "-s3" : "-local");
            if (storage.equals(cryptName)) {
                throw EncsyncException.usage("storage remote name must differ from the crypt remote name, was '" + storage + "' for both");
            }
            if ((s3Location == null) == (localFolder == null)) {
                throw EncsyncException.usage("rclone config needs exactly one storage: s3(...) or localFolder(...), was "
                        + (s3Location == null ? "none" : "both"));
            }
            if (localFolder != null) {
                String folder = localFolder.toString();
                if (!localFolder.isAbsolute() || folder.contains("\n") || folder.contains("\r") || !folder.strip().equals(folder)) {
                    throw EncsyncException.usage("local folder must be an absolute path without line breaks or surrounding spaces, was '"
                            + folder + "'");
                }
            }
            if (accessKeyId != null) {
                if (s3Location == null) {
                    throw EncsyncException.usage("S3 keys were given for a local-folder rclone config — drop them or use s3(...)");
                }
                if (!accessKeyId.matches("[A-Za-z0-9]{1,128}")) {
                    throw EncsyncException.usage("access key ID must be letters and digits, was " + accessKeyId.length() + " characters of something else");
                }
                String secret = secretAccessKey.revealUtf8();
                if (secret.isEmpty() || !secret.strip().equals(secret) || secret.contains("\n") || secret.contains("\r")) {
                    throw EncsyncException.usage("secret access key must be non-empty without spaces around it or line breaks");
                }
            }
            if (password == null || password.isEmpty()) {
                throw EncsyncException.usage("password must be given for the crypt remote, was empty");
            }
            return new RcloneConfig(this);
        }

        private static void checkName(String what, String name) {
            if (name == null || !REMOTE_NAME.matcher(name).matches()) {
                throw EncsyncException.usage(what + " must be 1-64 ASCII letters, digits, '_', '.' or '-' (not first), was '" + name + "'");
            }
        }
    }
}
