package io.encsync.core.names;

import io.encsync.core.IntegrityException;

/**
 * A stored name that does not decrypt under the configured password and name settings: bad
 * characters or length for the encoding, bad padding, not the canonical form of any name, or (in
 * {@code off} mode) no {@code .bin} suffix. The message names the object, escaped for printing.
 */
public class NameDecryptionException extends IntegrityException {
    private static final long serialVersionUID = 1L;

    private final String encryptedName;

    /** {@code reason}: what is wrong, in a few words, already safe to print. */
    public NameDecryptionException(String encryptedName, String reason) {
        super("`" + NameText.forMessage(encryptedName) + "`: cannot decrypt name (" + reason
                + "): it was not written with this password and name settings, or it was tampered with");
        this.encryptedName = encryptedName;
    }

    /** The name exactly as stored (unescaped; escape it before printing). */
    public String encryptedName() {
        return encryptedName;
    }
}
