package io.encsync.core.cipher;

import io.encsync.core.IntegrityException;

/** The one-line messages of the content format's integrity failures, in one place. */
final class CipherErrors {
    private CipherErrors() {
    }

    static IntegrityException tooShort(String name, int length) {
        return new IntegrityException("`" + name + "`: too short to be an rclone crypt file (" + length
                + " bytes, the header alone is " + ContentCipher.HEADER_SIZE
                + ") — the file is truncated or was not written by rclone crypt; restore it from another copy");
    }

    static IntegrityException badMagic(String name) {
        return new IntegrityException("`" + name + "`: not an rclone crypt file (bad magic) — it was not written by"
                + " rclone crypt or encsync; check that the remote points at an encrypted folder");
    }

    static IntegrityException truncatedBlock(String name, long blockIndex, int length) {
        return new IntegrityException("`" + name + "`: truncated block " + blockIndex + " (" + length
                + " bytes, a block needs at least " + (ContentCipher.BLOCK_HEADER_SIZE + 1)
                + ") — the file was cut short; restore it from another copy");
    }
}
