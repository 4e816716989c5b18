package io.encsync.core.names;

import io.encsync.core.EncsyncException;
import java.util.Locale;

/**
 * rclone crypt's {@code filename_encoding} setting: how {@code standard} mode writes the encrypted
 * bytes of a name segment as text. Ignored by {@code obfuscate} and {@code off}.
 */
public enum FilenameEncoding {
    /** base32hex, lower case, no padding (the default; safe on case-insensitive stores). */
    BASE32("base32", Base32Hex.INSTANCE),
    /** URL-safe base64 without padding; shorter names, case-sensitive stores only. */
    BASE64("base64", Base64Url.INSTANCE),
    /** 15 bits per character; shortest in characters, case-sensitive stores only (rclone ≥ 1.58). */
    BASE32768("base32768", Base32768.INSTANCE);

    private final String configValue;
    private final NameEncoder encoder;

    FilenameEncoding(String configValue, NameEncoder encoder) {
        this.configValue = configValue;
        this.encoder = encoder;
    }

    /** The value as rclone spells it in {@code rclone.conf}. */
    public String configValue() {
        return configValue;
    }

    NameEncoder encoder() {
        return encoder;
    }

    /** Parses rclone's spelling, ignoring case (as rclone does). */
    public static FilenameEncoding parse(String value) {
        if (value != null) {
            String wanted = value.toLowerCase(Locale.ROOT);
            for (FilenameEncoding encoding : values()) {
                if (encoding.configValue.equals(wanted)) {
                    return encoding;
                }
            }
        }
        throw EncsyncException.usage("filename encoding must be base32, base64 or base32768, was '"
                + NameText.forMessage(String.valueOf(value)) + "'");
    }
}
