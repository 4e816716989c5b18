package io.encsync.core.artifacts;

import io.encsync.core.IntegrityException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.manifest.ManifestEntry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.security.MessageDigest;

/**
 * Decrypts one stored artifact and checks it against its manifest entry, the same way on the
 * agent (unstash, copy) and on the controller (a download from the UI). Three checks, each
 * naming the artifact:
 * <ol>
 *   <li>the object's 32-byte header carries the nonce the manifest recorded — another object under
 *       this name (an older build's, a swapped one) carries another nonce and is refused before a
 *       byte of it is decrypted;</li>
 *   <li>every 64 KiB block authenticates (the cipher's check: a flipped byte fails its block);</li>
 *   <li>the plaintext has exactly the recorded size and SHA-256, checked at its end
 *       ({@link VerifiedInputStream}): the format cannot itself see a cut at a block boundary.</li>
 * </ol>
 */
final class ArtifactContent {
    private ArtifactContent() {
    }

    /**
     * The verified plaintext of {@code ciphertext}, which must be the whole object. Reads the
     * header at once; the caller closes the result (which closes {@code ciphertext}).
     *
     * @throws IntegrityException if the header is missing, not rclone crypt, or has another nonce
     */
    static InputStream open(ContentCipher cipher, InputStream ciphertext, ManifestEntry entry, String shown,
                            String remedy) throws IOException {
        byte[] header = ciphertext.readNBytes(ContentCipher.HEADER_SIZE);
        byte[] nonce = ContentCipher.readNonce(header, shown);
        if (!MessageDigest.isEqual(nonce, entry.nonceBytes())) {
            throw new IntegrityException(shown + ": content does not match the manifest (swapped or stale): its header "
                    + "nonce is not the one recorded, so it is another upload than the one archived — " + remedy);
        }
        InputStream plain = cipher.decryptingStream(
                new SequenceInputStream(new ByteArrayInputStream(header), ciphertext), shown);
        return new VerifiedInputStream(plain, entry.size(), entry.sha256(), shown, remedy);
    }

    /** "artifact 'a/b.txt' of artifacts of job #3": how messages name one artifact. */
    static String shown(String path, String setLabel) {
        return "'" + io.encsync.core.fs.PathRules.escape(path) + "' of " + setLabel;
    }
}
