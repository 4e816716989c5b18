package io.encsync.core.task;

import io.encsync.core.EncsyncException;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.manifest.CryptConfig;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * The rclone crypt remote a task reads or writes: the password, the optional password2 (rclone's
 * salt) and the three name settings, spelled as in {@code rclone.conf}. Immutable; the builder
 * validates, and {@link #toString()} shows the settings but never the passwords.
 */
public final class CryptOptions implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_FILENAME_ENCRYPTION = FilenameEncryption.STANDARD.configValue();
    public static final String DEFAULT_FILENAME_ENCODING = FilenameEncoding.BASE32.configValue();

    private final CryptConfig config;

    private CryptOptions(Builder b) {
        if (b.password == null || b.password.isEmpty()) {
            throw EncsyncException.usage("password must be set (a Secret text credential holding the crypt"
                    + " remote's password), was empty");
        }
        this.config = CryptConfig.builder().password(b.password)
                .password2(b.password2 == null || b.password2.isEmpty() ? null : b.password2)
                .filenameEncryption(FilenameEncryption.parse(orDefault(b.filenameEncryption, DEFAULT_FILENAME_ENCRYPTION)))
                .filenameEncoding(FilenameEncoding.parse(orDefault(b.filenameEncoding, DEFAULT_FILENAME_ENCODING)))
                .directoryNameEncryption(b.directoryNameEncryption)
                .build();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The sync engine's view of the same settings. */
    public CryptConfig config() {
        return config;
    }

    public SecretBytes password() {
        return config.password();
    }

    /** rclone's {@code password2}; empty means rclone's built-in default salt. */
    public Optional<SecretBytes> password2() {
        return Optional.ofNullable(config.password2());
    }

    /** {@code standard}, {@code obfuscate} or {@code off}. */
    public String filenameEncryption() {
        return config.filenameEncryption().configValue();
    }

    /** {@code base32}, {@code base64} or {@code base32768}; only used by {@code standard}. */
    public String filenameEncoding() {
        return config.filenameEncoding().configValue();
    }

    public boolean directoryNameEncryption() {
        return config.directoryNameEncryption();
    }

    /** Checks one name setting the way {@link Builder#build()} does; for form validation. */
    public static Optional<String> checkFilenameEncryption(String value) {
        return problem(() -> builder().password(SecretBytes.utf8("x")).filenameEncryption(value).build());
    }

    /** Checks one name setting the way {@link Builder#build()} does; for form validation. */
    public static Optional<String> checkFilenameEncoding(String value) {
        return problem(() -> builder().password(SecretBytes.utf8("x")).filenameEncoding(value).build());
    }

    static Optional<String> problem(Runnable build) {
        try {
            build.run();
            return Optional.empty();
        } catch (EncsyncException e) {
            return Optional.of(e.getMessage());
        }
    }

    @Override
    public String toString() {
        return config.toString();
    }
    /** Collects inputs; {@code null} or blank text means the rclone default. */
    public static final class Builder {
        private SecretBytes password;
        private SecretBytes password2;
        private String filenameEncryption;
        private String filenameEncoding;
        private boolean directoryNameEncryption = true;

        private Builder() {
        }

        public Builder password(SecretBytes password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        public Builder password2(SecretBytes password2) {
            this.password2 = password2;
            return this;
        }

        public Builder filenameEncryption(String value) {
            this.filenameEncryption = value;
            return this;
        }

        public Builder filenameEncoding(String value) {
            this.filenameEncoding = value;
            return this;
        }

        public Builder directoryNameEncryption(boolean value) {
            this.directoryNameEncryption = value;
            return this;
        }

        /** @throws EncsyncException (usage) naming the first invalid input */
        public CryptOptions build() {
            return new CryptOptions(this);
        }
    }
}
