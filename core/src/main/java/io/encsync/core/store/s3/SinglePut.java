package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.ContentSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * One PutObject as rclone's S3 backend sends it: {@code Content-MD5} (so the ETag is the MD5 rclone
 * compares, and S3 refuses a body damaged on the way), {@code X-Amz-Meta-Mtime} and
 * {@code application/octet-stream}. Content up to 1 MiB is read once into memory, content up to a
 * part buffer's size once into a buffer of the store's part pool (so its memory stays within the
 * pool's bound); larger content is read twice (hash pass, then upload pass; the SDK may open it
 * again for a retry).
 */
final class SinglePut {
    /** Content up to this size is hashed and sent from memory: one read instead of two. */
    static final int IN_MEMORY_LIMIT = 1024 * 1024;

    private final S3Client s3;
    private final PartBufferPool pool;
    private final String bucket;
    private final String objectKey;
    private final String where;

    /** @param pool buffers for content up to their size, read once; null to read such content twice */
    /** The storage class sent with the object, or null for the bucket's default. */
    private final String storageClass;

    SinglePut(S3Client s3, PartBufferPool pool, String bucket, String objectKey, String where, String storageClass) {
        this.storageClass = storageClass;
        this.s3 = s3;
        this.pool = pool;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.where = where;
    }

    void run(ContentSource content, Instant modTime) {
        run(content, modTime, false);
    }

    /**
     * Uploads; with {@code ifAbsent}, only if no object is at the key ({@code If-None-Match: *}),
     * returning false when there is one (S3 answers 412, or 409 while another conditional write
     * to the key is in flight).
     */
    boolean run(ContentSource content, Instant modTime, boolean ifAbsent) {
        long length = content.length();
        byte[] pooled = null;
        try {
            RequestBody body;
            byte[] md5;
            if (length <= IN_MEMORY_LIMIT) {
                byte[] bytes = new byte[(int) length];
                readExactly(content, bytes);
                md5 = Md5.newDigest().digest(bytes);
                body = RequestBody.fromBytes(bytes);
            } else if (pool != null && length <= pool.bufferSize()) {
                pooled = take();
                byte[] buffer = pooled;
                int n = readExactly(content, buffer);
                MessageDigest digest = Md5.newDigest();
                digest.update(buffer, 0, n);
                md5 = digest.digest();
                body = RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, n), length,
                        S3Store.CONTENT_TYPE);
            } else {
                md5 = Md5.of(content, where);
                body = RequestBody.fromContentProvider(() -> {
                    try {
                        return content.open();
                    } catch (IOException e) {
                        throw EncsyncException.localIo("could not read the content for " + where + ": " + e.getMessage(), e);
                    }
                }, length, S3Store.CONTENT_TYPE);
            }
            return send(body, md5, length, modTime, ifAbsent);
        } finally {
            if (pooled != null) {
                pool.release(pooled);
            }
        }
    }

    private boolean send(RequestBody body, byte[] md5, long length, Instant modTime, boolean ifAbsent) {
        PutObjectResponse response;
        try {
            response = s3.putObject(r -> r.bucket(bucket).key(objectKey)
                    .contentType(S3Store.CONTENT_TYPE).contentLength(length).storageClass(storageClass)
                    .contentMD5(Base64.getEncoder().encodeToString(md5))
                    .ifNoneMatch(ifAbsent ? "*" : null)
                    .metadata(Map.of(RcloneMtime.METADATA_KEY, RcloneMtime.format(modTime))), body);
        } catch (SdkException e) {
            if (ifAbsent && (S3Errors.hasStatus(e, 412) || S3Errors.hasStatus(e, 409))) {
                return false;
            }
            // A local read failure inside the SDK's body stream is ours to report, not a remote error.
            EncsyncException local = localCause(e);
            throw local != null ? local : S3Errors.map(e, "s3:PutObject", where);
        }
        String sent = HexFormat.of().formatHex(md5);
        // S3 rejects a body that does not match Content-MD5; this also covers servers that do not check (moto).
        if (!S3Store.isKms(response.serverSideEncryption()) && !sent.equals(Md5.unquote(response.eTag()))) {
            throw new EncsyncException(ErrorCategory.REMOTE, where + " was stored with ETag " + response.eTag()
                    + " but we sent MD5 " + sent + " — the upload was corrupted on the way; run again");
        }
        return true;
    }

    /** Reads the whole content into {@code buffer} (at least its length), checking it has exactly that length. */
    private int readExactly(ContentSource content, byte[] buffer) {
        int length = (int) content.length();
        try (InputStream in = content.open()) {
            int n = in.readNBytes(buffer, 0, length);
            boolean longer = n == length && in.read() >= 0;
            if (n != length || longer) {
                throw EncsyncException.localIo("the content for " + where + " has "
                        + (longer ? "more than " + length : Integer.toString(n))
                        + " bytes, expected " + length + " — it changed while it was uploaded; run again", null);
            }
            return n;
        } catch (IOException e) {
            throw EncsyncException.localIo("could not read the content for " + where + ": " + e.getMessage(), e);
        }
    }

    private byte[] take() {
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncsyncException(ErrorCategory.REMOTE, "upload of " + where + " was interrupted", e);
        }
    }

    private static EncsyncException localCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EncsyncException e) {
                return e;
            }
        }
        return null;
    }
}
