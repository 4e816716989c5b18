package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import java.nio.charset.StandardCharsets;

/**
 * S3's limit on an object key: at most {@value #MAX_KEY_BYTES} bytes of UTF-8. Encrypted names are
 * longer than the plaintext ones (base32 about 1.6 times, plus padding to 16 bytes per segment),
 * so a deep path below a long prefix (a multibranch job's name, say) can pass the limit where the
 * plaintext path does not. Checked before anything is uploaded, so S3 never answers with a bare
 * {@code KeyTooLongError} halfway through a transfer.
 */
public final class S3Keys {
    /** The longest object key S3 accepts, in bytes of UTF-8. */
    public static final int MAX_KEY_BYTES = 1024;

    private S3Keys() {
    }

    /**
     * Refuses {@code objectKey} when it is longer than S3 accepts.
     *
     * @param what names the file in the user's words, e.g. {@code "file 'a/b.txt'"}
     * @throws EncsyncException (usage) naming {@code what}, the key's length and the fixes
     */
    public static void requireFits(String objectKey, String what) {
        int bytes = objectKey.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_KEY_BYTES) {
            throw EncsyncException.usage(what + ": its encrypted S3 object key would be " + bytes
                    + " bytes, and S3 accepts at most " + MAX_KEY_BYTES + " — use a shorter prefix or shorter "
                    + "folder and file names, or filename encoding base32768, whose encrypted names are about "
                    + "half as long");
        }
    }
}
