package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.ContentSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One multipart upload, as rclone's S3 backend does it: the initiate request carries the mtime and
 * the MD5 of the whole content ({@code X-Amz-Meta-Md5chksum}), each part its own Content-MD5; the
 * caller computes both in a first pass ({@link Md5#ofParts}). The upload pass hashes nothing: a
 * part that reads differently from the hash pass is refused by S3 for its Content-MD5, or caught
 * by the ETag check where a server does not verify Content-MD5 (moto), and only then is the part
 * hashed again, to tell a changed source from bytes damaged on the way. Parts are read in order
 * from one stream into pooled buffers and uploaded in parallel by the store's executor. Any failure
 * aborts the upload, so the object never appears half-written; the parts of an upload aborted by a
 * killed process are removed later by {@link S3Store#cleanupAbandonedWrites()}.
 */
final class MultipartUpload {
    static final String MD5_METADATA_KEY = "md5chksum";

    private final S3Client s3;
    private final PartBufferPool pool;
    private final ExecutorService executor;
    private final String bucket;
    private final String objectKey;
    private final String where;
    /** Set on the first failure: parts not yet started skip their upload (but return their buffer). */
    private final AtomicBoolean failed = new AtomicBoolean();

    private final Set<String> inProgress;

    /** The storage class of the object, or null for the bucket's default. */
    private final String storageClass;

    MultipartUpload(S3Client s3, PartBufferPool pool, ExecutorService executor, String bucket, String objectKey, String where,
            Set<String> inProgress, String storageClass) {
        this.storageClass = storageClass;
        this.inProgress = inProgress;
        this.s3 = s3;
        this.pool = pool;
        this.executor = executor;
        this.bucket = bucket;
        this.objectKey = objectKey;
        this.where = where;
    }

    /** Uploads {@code content}, whose MD5s from the hash pass are {@code md5}; the upload pass must match them. */
    void run(ContentSource content, Instant modTime, Md5.Digests md5) {
        String md5Base64 = Base64.getEncoder().encodeToString(md5.whole());
        long length = content.length();
        long partSize = pool.bufferSize();
        long parts = Math.max(1, (length + partSize - 1) / partSize);
        if (parts > S3Settings.MAX_PARTS) {
            throw EncsyncException.usage(where + " is " + length + " bytes: more than " + S3Settings.MAX_PARTS
                    + " parts of " + partSize + " bytes — raise the part size");
        }
        if (md5.parts().size() != parts) {
            throw new IllegalArgumentException("the hash pass has " + md5.parts().size() + " part digests for " + parts
                    + " parts of " + partSize + " bytes");
        }
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(objectKey)
                    .contentType(S3Store.CONTENT_TYPE).storageClass(storageClass)
                    .metadata(Map.of(RcloneMtime.METADATA_KEY, RcloneMtime.format(modTime), MD5_METADATA_KEY, md5Base64)))
                    .uploadId();
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:PutObject (CreateMultipartUpload)", where);
        }
        inProgress.add(uploadId);
        try {
            List<CompletedPart> completed = uploadParts(content, (int) parts, uploadId, md5.parts());
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
        } catch (RuntimeException | Error e) {
            abortQuietly(uploadId, e);
            if (e instanceof SdkException sdk) {
                throw S3Errors.map(sdk, "s3:PutObject (CompleteMultipartUpload)", where);
            }
            throw e;
        } finally {
            inProgress.remove(uploadId);
        }
    }

    private List<CompletedPart> uploadParts(ContentSource content, int parts, String uploadId, List<byte[]> partMd5s) {
        List<Future<CompletedPart>> futures = new ArrayList<>(parts);
        // The metadata already promises the hash pass's MD5: a source that read differently now would
        // make rclone's md5chksum a lie. Each part is sent with its hash-pass MD5, which proves it.
        try (InputStream in = content.open()) {
            long remaining = content.length();
            for (int partNumber = 1; partNumber <= parts; partNumber++) {
                failFast(futures);
                byte[] buffer = pool.take();
                int length = (int) Math.min(pool.bufferSize(), remaining);
                int read;
                try {
                    read = in.readNBytes(buffer, 0, length);
                } catch (IOException | RuntimeException e) {
                    pool.release(buffer);
                    throw e;
                }
                if (read < length) {
                    pool.release(buffer);
                    throw changedWhileReading(content.length(), content.length() - remaining + read);
                }
                remaining -= length;
                int number = partNumber;
                byte[] expected = partMd5s.get(partNumber - 1);
                futures.add(executor.submit(() -> uploadPart(uploadId, number, buffer, length, expected)));
            }
            if (in.read() >= 0) {
                throw changedWhileReading(content.length(), content.length() + 1);
            }
        } catch (IOException e) {
            cancel(futures);
            throw EncsyncException.localIo("could not read the content for " + where + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(futures);
            throw new EncsyncException(ErrorCategory.REMOTE, "upload of " + where + " was interrupted", e);
        } catch (RuntimeException e) {
            cancel(futures);
            throw e;
        }
        List<CompletedPart> completed = new ArrayList<>(parts);
        for (Future<CompletedPart> f : futures) {
            completed.add(await(f, futures));
        }
        completed.sort(Comparator.comparing(CompletedPart::partNumber));
        return completed;
    }

    private CompletedPart uploadPart(String uploadId, int partNumber, byte[] buffer, int length, byte[] expectedMd5) {
        try {
            if (failed.get()) {
                return null;
            }
            String md5Hex = HexFormat.of().formatHex(expectedMd5);
            UploadPartResponse response;
            try {
                response = s3.uploadPart(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId)
                                .partNumber(partNumber).contentLength((long) length)
                                .contentMD5(Base64.getEncoder().encodeToString(expectedMd5)),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, S3Store.CONTENT_TYPE));
            } catch (SdkException e) {
                if (e instanceof S3Exception s && s.awsErrorDetails() != null
                        && "BadDigest".equals(s.awsErrorDetails().errorCode())
                        && sourceChanged(buffer, length, md5Hex)) {
                    throw readDifferently(partNumber);
                }
                throw S3Errors.map(e, "s3:PutObject (UploadPart " + partNumber + ")", where);
            }
            // S3 checks Content-MD5 itself; the ETag check also catches servers that do not (moto).
            if (response.serverSideEncryption() != ServerSideEncryption.AWS_KMS
                    && response.serverSideEncryption() != ServerSideEncryption.AWS_KMS_DSSE
                    && !md5Hex.equals(Md5.unquote(response.eTag()))) {
                if (sourceChanged(buffer, length, md5Hex)) {
                    throw readDifferently(partNumber);
                }
                throw new EncsyncException(ErrorCategory.REMOTE, "part " + partNumber + " of " + where
                        + " was stored with ETag " + response.eTag() + " but we sent MD5 " + md5Hex
                        + " — the upload was corrupted on the way; run again");
            }
            return CompletedPart.builder().partNumber(partNumber).eTag(response.eTag()).build();
        } finally {
            pool.release(buffer);
        }
    }

    /**
     * Whether the bytes sent are not what the hash pass read. Asked only after S3 or the ETag check
     * refused a part, so the upload pass hashes nothing when all goes well.
     */
    private static boolean sourceChanged(byte[] buffer, int length, String hashPassMd5Hex) {
        return !hashPassMd5Hex.equals(Md5.hex(buffer, 0, length));
    }

    /** Part {@code partNumber} of the upload pass is not what the hash pass read: the source changed. */
    private EncsyncException readDifferently(int partNumber) {
        return EncsyncException.localIo("the content for " + where + " read differently in the upload pass than in "
                + "the hash pass (part " + partNumber + ") — it changed while it was uploaded; run again", null);
    }

    private EncsyncException changedWhileReading(long expected, long got) {
        return EncsyncException.localIo("the content for " + where + " changed while it was uploaded: expected "
                + expected + " bytes, got " + (got > expected ? "more" : got) + " — run again", null);
    }

    private void failFast(List<Future<CompletedPart>> futures) {
        for (Future<CompletedPart> f : futures) {
            if (f.isDone()) {
                await(f, futures);
            }
        }
    }

    private CompletedPart await(Future<CompletedPart> f, List<Future<CompletedPart>> all) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            cancel(all);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new EncsyncException(ErrorCategory.REMOTE, "upload of " + where + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel(all);
            throw new EncsyncException(ErrorCategory.REMOTE, "upload of " + where + " was interrupted", e);
        }
    }

    /**
     * Makes queued parts skip their upload and waits for all, so every buffer is back in the pool
     * before the abort. (Future.cancel would drop queued tasks with their buffers: a pool leak.)
     */
    private void cancel(List<Future<CompletedPart>> futures) {
        failed.set(true);
        for (Future<CompletedPart> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception ignored) {
                // the first failure is the one reported
            }
        }
    }

    private void abortQuietly(String uploadId, Throwable failure) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (RuntimeException e) {
            // Best effort: the next push's cleanupAbandonedWrites() aborts it.
            failure.addSuppressed(e);
        }
    }
}
