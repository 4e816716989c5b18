package io.encsync.core.artifacts;

import io.encsync.core.IntegrityException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The plaintext of one artifact, checked against its manifest entry: the stream ends after exactly
 * the recorded size, and at that end it compares the SHA-256 of everything it yielded. A short,
 * long or different plaintext fails the read that reaches the end with an
 * {@link IntegrityException} naming the artifact, so a consumer that copies until end-of-stream
 * never mistakes a tampered artifact for a complete one. (The bytes before the end have been
 * delivered by then; writers that must not keep them write to a temporary file first.)
 *
 * <p>Errors are sticky: after a failure every read throws the same exception.
 */
final class VerifiedInputStream extends InputStream {
    private final InputStream plaintext;
    private final MeasuredInputStream measured;
    private final String expectedSha256;
    private final String shown;
    private final String remedy;
    private RuntimeException failure;
    private boolean verified;

    /**
     * @param shown the artifact as messages name it
     * @param remedy what the user should do, appended to integrity messages
     */
    VerifiedInputStream(InputStream plaintext, long size, String expectedSha256, String shown, String remedy) {
        this.plaintext = plaintext;
        this.expectedSha256 = expectedSha256;
        this.shown = shown;
        this.remedy = remedy;
        this.measured = new MeasuredInputStream(plaintext, size,
                shown + ": truncated — it decrypts to fewer than the " + size + " bytes the manifest records; " + remedy);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        try {
            int n;
            try {
                n = measured.read(b, off, len);
            } catch (IOException e) {
                if (measured.endedEarly()) {
                    throw new IntegrityException(e.getMessage(), e);
                }
                throw e;
            }
            if (n < 0 && !verified) {
                verifyEnd();
            }
            return n;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }

    private void verifyEnd() throws IOException {
        if (plaintext.read() >= 0) {
            throw new IntegrityException(shown + ": longer than the " + measured.bytesRead()
                    + " bytes the manifest records — " + remedy);
        }
        String actual = HexFormat.of().formatHex(measured.sha256());
        if (!MessageDigest.isEqual(actual.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                expectedSha256.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new IntegrityException(shown + ": content does not match the manifest (swapped or modified): "
                    + "its SHA-256 differs from the one recorded — " + remedy);
        }
        verified = true;
    }

    /** Whether the end was reached and everything matched. */
    boolean verified() {
        return verified;
    }

    @Override
    public void close() throws IOException {
        plaintext.close();
    }
}
