package io.encsync.core.manifest;

import io.encsync.core.EncsyncException;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * How a remote is encrypted: the settings of an rclone crypt remote. Immutable, built with
 * {@link #builder()}. Serializable so an agent-side task can carry it; the serialized form holds
 * the passwords (see {@link SecretBytes}), {@link #toString()} never does.
 */
public final class CryptConfig implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** rclone's defaults, as written in {@code rclone.conf}. */
    public static final String DEFAULT_FILENAME_ENCRYPTION = "standard";
    public static final String DEFAULT_FILENAME_ENCODING = "base32";

    private final SecretBytes password;
    private final SecretBytes password2;
    private final FilenameEncryption filenameEncryption;
    private final FilenameEncoding filenameEncoding;
    private final boolean directoryNameEncryption;

    private CryptConfig(Builder b) {
        this.password = b.password;
        this.password2 = b.password2;
        this.filenameEncryption = b.filenameEncryption;
        this.filenameEncoding = b.filenameEncoding;
        this.directoryNameEncryption = b.directoryNameEncryption;
    }

    public static Builder builder() {
        return new Builder();
    }

    public SecretBytes password() {
        return password;
    }

    /** The salt secret, or null for rclone's default salt. */
    public SecretBytes password2() {
        return password2;
    }

    public FilenameEncryption filenameEncryption() {
        return filenameEncryption;
    }

    public FilenameEncoding filenameEncoding() {
        return filenameEncoding;
    }

    public boolean directoryNameEncryption() {
        return directoryNameEncryption;
    }

    /** The message {@link Builder#filenameEncryption(String)} gives for {@code value}, or empty. */
    public static Optional<String> checkFilenameEncryption(String value) {
        return EncsyncException.usageProblem(() -> builder().filenameEncryption(value));
    }

    /** The message {@link Builder#filenameEncoding(String)} gives for {@code value}, or empty. */
    public static Optional<String> checkFilenameEncoding(String value) {
        return EncsyncException.usageProblem(() -> builder().filenameEncoding(value));
    }

    @Override
    public String toString() {
        return "CryptConfig[filenameEncryption=" + filenameEncryption.configValue()
                + ", filenameEncoding=" + filenameEncoding.configValue()
                + ", directoryNameEncryption=" + directoryNameEncryption
                + ", password2=" + (password2 == null ? "none" : "set") + "]";
    }

    /** Builds a {@link CryptConfig}; defaults are rclone's (standard, base32, directory names encrypted). */
    public static final class Builder {
        private SecretBytes password;
        private SecretBytes password2;
        private FilenameEncryption filenameEncryption = FilenameEncryption.STANDARD;
        private FilenameEncoding filenameEncoding = FilenameEncoding.BASE32;
        private boolean directoryNameEncryption = true;

        private Builder() {
        }

        public Builder password(SecretBytes value) {
            this.password = value;
            return this;
        }

        /** The optional salt secret; null or empty means rclone's default salt. */
        public Builder password2(SecretBytes value) {
            this.password2 = value;
            return this;
        }

        public Builder filenameEncryption(FilenameEncryption value) {
            this.filenameEncryption = Objects.requireNonNull(value, "filenameEncryption");
            return this;
        }

        public Builder filenameEncoding(FilenameEncoding value) {
            this.filenameEncoding = Objects.requireNonNull(value, "filenameEncoding");
            return this;
        }

        /** As in {@code rclone.conf} ({@code standard}, {@code obfuscate}, {@code off}); null or blank means standard. */
        public Builder filenameEncryption(String value) {
            return filenameEncryption(FilenameEncryption.parse(
                    value == null || value.isBlank() ? DEFAULT_FILENAME_ENCRYPTION : value.strip()));
        }

        /** As in {@code rclone.conf} ({@code base32}, {@code base64}, {@code base32768}); null or blank means base32. */
        public Builder filenameEncoding(String value) {
            return filenameEncoding(FilenameEncoding.parse(
                    value == null || value.isBlank() ? DEFAULT_FILENAME_ENCODING : value.strip()));
        }

        public Builder directoryNameEncryption(boolean value) {
            this.directoryNameEncryption = value;
            return this;
        }

        /** @throws EncsyncException (usage) when the password is missing or empty */
        public CryptConfig build() {
            if (password == null || password.isEmpty()) {
                throw EncsyncException.usage("password must be set and not empty, was "
                        + (password == null ? "missing" : "empty"));
            }
            if (password2 != null && password2.isEmpty()) {
                password2 = null;
            }
            return new CryptConfig(this);
        }
    }
}
