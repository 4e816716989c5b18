package io.encsync.core.names;

import io.encsync.core.EncsyncException;
import java.util.Locale;

/** rclone crypt's {@code filename_encryption} setting. */
public enum FilenameEncryption {
    /** AES-256 EME over each path segment, then encoded (the default). */
    STANDARD("standard"),
    /** A key-dependent character rotation; hides little. */
    OBFUSCATE("obfuscate"),
    /** Names stay in plaintext; file names get the suffix {@code .bin}. */
    OFF("off");

    private final String configValue;

    FilenameEncryption(String configValue) {
        this.configValue = configValue;
    }

    /** The value as rclone spells it in {@code rclone.conf}. */
    public String configValue() {
        return configValue;
    }

    /** Parses rclone's spelling, ignoring case (as rclone does). */
    public static FilenameEncryption parse(String value) {
        if (value != null) {
            String wanted = value.toLowerCase(Locale.ROOT);
            for (FilenameEncryption mode : values()) {
                if (mode.configValue.equals(wanted)) {
                    return mode;
                }
            }
        }
        throw EncsyncException.usage("filename encryption must be standard, obfuscate or off, was '"
                + NameText.forMessage(String.valueOf(value)) + "'");
    }
}
