package io.encsync.core.artifacts;

import io.encsync.core.cipher.ContentCipher;
import java.io.InputStream;

/**
 * What an artifact's object holds for a file: the planner sizes the object with it, the agent's
 * upload produces its bytes. Main code has exactly one, {@link #CRYPT}: rclone's crypt stream.
 * The seam exists for the archive benchmark, whose baseline (in the test tree) plans and uploads
 * the plaintext through the same planner and uploader to measure what encryption costs.
 */
interface ObjectBody {
    /** rclone's crypt format: a header, then the sealed blocks. */
    ObjectBody CRYPT = new ObjectBody() {
        @Override
        public long size(long plaintextSize) {
            return ContentCipher.encryptedSize(plaintextSize);
        }

        @Override
        public InputStream open(ContentCipher cipher, InputStream plaintext, byte[] nonce) {
            return cipher.encryptingStream(plaintext, nonce);
        }

        @Override
        public String toString() {
            return "crypt";
        }
    };

    /** The object's size for a file of {@code plaintextSize} bytes. */
    long size(long plaintextSize);

    /** The object's bytes for {@code plaintext}, with {@code nonce} as the file nonce. */
    InputStream open(ContentCipher cipher, InputStream plaintext, byte[] nonce);
}
