package io.encsync.core.sync;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.ManifestEntry;
import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/**
 * Uploads one file: a single pass reads the plaintext, hashes it (SHA-256) and encrypts it with a
 * fresh nonce into the store's atomic put (a store that reads the content again gets it encrypted
 * again under the same nonce, unhashed). The result is the file's manifest entry, which
 * describes exactly the bytes sent.
 *
 * <p>Changes while reading: a file that shrinks fails the put (the old object stays); one that
 * grows is cut at its scanned size; either way a later re-read for a store retry is refused once
 * the file changed, because re-encrypting other plaintext under the same nonce would reuse keystream.
 */
final class Upload {
    /** The manifest entry of what was sent, and whether the file changed while it was read. */
    record Result(ManifestEntry entry, boolean changedWhileRead) {
    }

    private Upload() {
    }

    static Result run(SourceFile f, Store dest, CryptContext ctx, LongConsumer progress) {
        ContentCipher cipher = ctx.contentCipher();
        String key = ctx.names().encryptFileName(f.path());
        byte[] nonce = cipher.newNonce();
        String shrunk = Names.quote(f.path()) + ": file changed during upload (it shrank below " + f.size()
                + " bytes) — the remote copy was left as it was; push again";
        // The first opening read to the end is hashed; later ones (S3 reads content over a part
        // size twice: a hash pass, then the upload pass, and again for a retry) only count bytes: the
        // store fails the put if a later opening yields other bytes (Store#put), so the first
        // opening's SHA-256 describes what was stored.
        Hashing.ExactHashingStream[] hashed = new Hashing.ExactHashingStream[1];
        Hashing.ExactHashingStream[] last = new Hashing.ExactHashingStream[1];
        ContentSource content = new ContentSource() {
            private int openings;
            // Progress counts each byte of the file once, however often it is read.
            private long reported;

            @Override
            public long length() {
                return ContentCipher.encryptedSize(f.size());
            }

            @Override
            public InputStream open() throws IOException {
                // A retrying store re-opens the content and must get the same bytes, so the nonce
                // stays; that is only safe for the same plaintext.
                if (openings++ > 0 && f.changedSinceScan()) {
                    throw new IOException(Names.quote(f.path())
                            + ": file changed during upload (before a retry) — push again");
                }
                long[] seen = {0};
                boolean hash = hashed[0] == null || !hashed[0].complete();
                Hashing.ExactHashingStream stream = new Hashing.ExactHashingStream(f.open(), f.size(), n -> {
                    seen[0] += n;
                    if (seen[0] > reported) {
                        progress.accept(seen[0] - reported);
                        reported = seen[0];
                    }
                }, shrunk, hash);
                if (hash) {
                    hashed[0] = stream;
                }
                last[0] = stream;
                return cipher.encryptingStream(stream, nonce);
            }
        };
        try {
            dest.put(key, content, Times.fromNanos(f.mtimeNanos()));
        } catch (EncsyncException e) {
            if (last[0] != null && last[0].endedEarly()) {
                throw new EncsyncException(ErrorCategory.LOCAL_IO, shrunk, e);
            }
            // Store messages name the encrypted key; say which file it was.
            throw new EncsyncException(e.category(), Names.quote(f.path()) + ": " + e.getMessage(), e);
        }
        Hashing.ExactHashingStream hashing = hashed[0];
        if (hashing == null || !hashing.complete() || !last[0].complete()) {
            throw new IntegrityException(Names.quote(f.path())
                    + ": the store did not read the whole file — push again");
        }
        ManifestEntry entry = ManifestEntry.of(f.path(), f.size(), f.mtimeNanos(), hashing.sha256(), nonce,
                f.mode());
        return new Result(entry, f.changedSinceScan());
    }
}
