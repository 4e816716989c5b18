package io.encsync.core.names;

/**
 * Why one segment does not decrypt. Internal: {@link NameCipher} turns it into a
 * {@link NameDecryptionException} that names the whole encrypted path.
 */
final class BadNameException extends Exception {
    private static final long serialVersionUID = 1L;

    BadNameException(String reason) {
        super(reason, null, false, false); // a plain reason: no stack trace needed
    }

    String reason() {
        return getMessage();
    }
}
