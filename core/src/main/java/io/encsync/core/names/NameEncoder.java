package io.encsync.core.names;

/** Writes the encrypted bytes of one name segment as text, and reads them back. */
interface NameEncoder {
    String encode(byte[] data);

    /**
     * Decodes {@code text}, rejecting characters and lengths no encoding could produce. It may
     * accept aliases of a canonical text (rclone's decoders do); {@link NameCipher} rejects those by
     * re-encrypting.
     */
    byte[] decode(String text) throws BadNameException;
}
