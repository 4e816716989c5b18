package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The body of a (ranged) GET that survives connection resets: when the connection breaks or ends
 * early, it asks for the rest with a new ranged GET pinned to the first response's ETag
 * ({@code If-Match}), so a resumed read can never splice two versions of the object (S3 answers
 * 412, reported as REMOTE). Bounded: after {@code maxResumes} resumes the read fails.
 *
 * <p>When the whole object is read and its MD5 is known (plain ETag or {@code md5chksum}), the
 * bytes are checked against it at the end: a mismatch is an {@link IntegrityException} from
 * {@code read}, never a silent success. Errors after the retries are unchecked
 * {@link EncsyncException}s with their category, as the {@code Store} contract says.
 */
final class ResumingInputStream extends InputStream {

    /** Issues {@code GET} of bytes {@code [from, toInclusive]} with {@code If-Match: etag}; maps its errors. */
    @FunctionalInterface
    interface RangeGetter {
        ResponseInputStream<GetObjectResponse> get(long from, long toInclusive, String etag);
    }

    private final RangeGetter getter;
    private final String where;
    private final long end;
    private final String etag;
    private final MessageDigest digest;
    private final String expectedMd5Hex;
    private final RetryCounter counter;
    private ResponseInputStream<GetObjectResponse> current;
    private long position;
    private int resumesLeft;
    private boolean verified;
    private boolean closed;

    /**
     * @param first          the response of the first GET, positioned at {@code start}
     * @param expectedMd5Hex MD5 of the whole object when {@code first} is the whole object, else null
     */
    ResumingInputStream(ResponseInputStream<GetObjectResponse> first, long start, RangeGetter getter, String where,
            String expectedMd5Hex, int maxResumes, RetryCounter counter) {
        this.current = first;
        this.position = start;
        this.end = start + first.response().contentLength();
        this.etag = first.response().eTag();
        this.getter = getter;
        this.where = where;
        this.expectedMd5Hex = expectedMd5Hex;
        this.digest = expectedMd5Hex == null ? null : Md5.newDigest();
        this.resumesLeft = maxResumes;
        this.counter = counter;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (closed) {
            throw new IOException("stream of " + where + " is closed");
        }
        if (position >= end) {
            verify();
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        int want = (int) Math.min(len, end - position);
        while (true) {
            int n;
            try {
                n = current.read(b, off, want);
            } catch (IOException e) {
                resume(e);
                continue;
            }
            if (n < 0) {
                resume(new EOFException("the body ended at byte " + position + " of " + end));
                continue;
            }
            if (digest != null) {
                digest.update(b, off, n);
            }
            position += n;
            return n;
        }
    }

    @Override
    public int available() throws IOException {
        return closed ? 0 : Math.min(current.available(), (int) Math.min(Integer.MAX_VALUE, end - position));
    }

    private void resume(IOException cause) {
        if (resumesLeft-- <= 0) {
            throw new EncsyncException(ErrorCategory.REMOTE, "download of " + where + " broke off at byte " + position
                    + " of " + end + " and could not be resumed: " + cause.getMessage()
                    + " — check the network and run again", cause);
        }
        current.abort();
        counter.recordResume(where, position, cause);
        current = getter.get(position, end - 1, etag);
    }

    private void verify() {
        if (digest == null || verified) {
            return;
        }
        verified = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expectedMd5Hex)) {
            throw new IntegrityException(where + ": the downloaded bytes have MD5 " + actual + " but S3 stored "
                    + expectedMd5Hex + " — the object was corrupted in transit or in storage; run again, "
                    + "and restore it from another copy if it persists");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Closing early would drain the rest of the body into the void; abort drops the connection.
        if (position < end) {
            current.abort();
        } else {
            try {
                current.close();
            } catch (IOException ignored) {
                // everything was read
            }
        }
    }
}
