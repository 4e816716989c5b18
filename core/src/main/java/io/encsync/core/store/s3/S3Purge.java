package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Deleting everything under a prefix, the one way core does it: a store's cleanup of abandoned
 * multipart uploads ({@link S3Store#cleanupAbandonedWrites()}), the deletion of artifact sets and
 * builds, and provisioning's forced destroy of a bucket's contents. Unfinished multipart uploads
 * are aborted first (their parts cost storage and are invisible to listings), then the objects go
 * in DeleteObjects batches of up to 1000 keys, one listing page at a time (pages and batches have
 * the same limit), so memory stays bounded however many objects there are.
 */
public final class S3Purge {
    /** DeleteObjects' limit, and the largest page a listing returns. */
    static final int BATCH = 1000;

    /** What a purge deletes besides the multipart uploads. */
    public enum Scope {
        /** The current object of every key: what a listing shows. On a versioned bucket, S3 keeps old versions. */
        OBJECTS,
        /** Every version and delete marker, for good: only when the user asked to destroy the data. */
        VERSIONS
    }

    /** How a caller words a failed request (core's {@link S3Errors#map}, or provisioning's own). */
    @FunctionalInterface
    public interface Errors {
        RuntimeException map(SdkException e, String operation, String target);
    }

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Errors errors;
    private final int batch;

    /**
     * @param prefix the full key prefix (with its trailing {@code /}), or empty for the whole bucket
     */
    public S3Purge(S3Client s3, String bucket, String prefix, Errors errors) {
        this(s3, bucket, prefix, errors, BATCH);
    }

    /** With batches (and listing pages) of {@code batch} keys: small ones let tests see several. */
    S3Purge(S3Client s3, String bucket, String prefix, Errors errors, int batch) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.errors = Objects.requireNonNull(errors, "errors");
        if (batch < 1 || batch > BATCH) {
            throw new IllegalArgumentException("batch must be between 1 and " + BATCH + ", was " + batch);
        }
        this.batch = batch;
    }

    /** A purge under {@code prefix} that reports failures as every S3 use in core does ({@link S3Errors}). */
    public static S3Purge under(S3Client s3, String bucket, String prefix) {
        return new S3Purge(s3, bucket, prefix, S3Errors::map);
    }

    /**
     * Aborts the unfinished multipart uploads under the prefix, except those whose upload ID
     * {@code spare} accepts (a store's own uploads in progress). An upload gone meanwhile (404)
     * counts as aborted.
     *
     * @return how many uploads were aborted
     */
    public int abortUploads(Predicate<String> spare) {
        int aborted = 0;
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(r -> r.bucket(bucket)
                    .prefix(emptyToNull(prefix))).uploads()) {
                if (spare.test(upload.uploadId())) {
                    continue;
                }
                try {
                    s3.abortMultipartUpload(r -> r.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                } catch (SdkException e) {
                    if (!S3Errors.hasStatus(e, 404)) {
                        throw errors.map(e, "s3:AbortMultipartUpload", "s3://" + bucket + "/" + upload.key());
                    }
                }
                aborted++;
            }
        } catch (SdkException e) {
            throw errors.map(e, "s3:ListBucketMultipartUploads", where());
        }
        return aborted;
    }

    /**
     * Aborts every multipart upload under the prefix, then deletes what {@code scope} names: one
     * listing page from the start, one DeleteObjects of that page, again until a listing comes back
     * empty (what was deleted is gone, so the first page is always the next batch; no listing
     * marker has to point at a key already deleted). A batch in which S3 refused some keys ends the
     * purge with an error naming how many and the first; the keys before it are gone.
     *
     * @param remedy what the user should do when some objects could not be deleted, e.g. "run the
     *     deletion again"
     * @return how many objects (for {@link Scope#VERSIONS}: versions and delete markers) were deleted
     */
    public long purge(Scope scope, String remedy) {
        abortUploads(id -> false);
        long deleted = 0;
        while (true) {
            List<ObjectIdentifier> ids = firstPage(scope);
            if (ids.isEmpty()) {
                return deleted;
            }
            List<String> failed = new ArrayList<>();
            try {
                s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(ids).quiet(true))).errors()
                        .forEach(err -> failed.add("'" + err.key() + "'" + (err.versionId() == null ? ""
                                : " (version " + err.versionId() + ")") + ": " + err.code()));
            } catch (SdkException e) {
                throw errors.map(e, "s3:DeleteObject", where());
            }
            if (!failed.isEmpty()) {
                throw new EncsyncException(ErrorCategory.REMOTE, failed.size() + " object(s) under " + where()
                        + " could not be deleted, first " + failed.get(0) + " — " + remedy);
            }
            deleted += ids.size();
        }
    }

    private List<ObjectIdentifier> firstPage(Scope scope) {
        List<ObjectIdentifier> ids = new ArrayList<>();
        try {
            if (scope == Scope.OBJECTS) {
                ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).prefix(emptyToNull(prefix)).maxKeys(batch));
                page.contents().forEach(o -> ids.add(ObjectIdentifier.builder().key(o.key()).build()));
            } else {
                ListObjectVersionsResponse page = s3.listObjectVersions(r -> r.bucket(bucket).prefix(emptyToNull(prefix))
                        .maxKeys(batch));
                page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
                page.deleteMarkers().forEach(m -> ids.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
            }
        } catch (SdkException e) {
            throw errors.map(e, scope == Scope.OBJECTS ? "s3:ListBucket" : "s3:ListBucketVersions", where());
        }
        // A server that answers more than asked must not make a batch DeleteObjects refuses.
        return ids.size() > batch ? ids.subList(0, batch) : ids;
    }

    private String where() {
        return "s3://" + bucket + "/" + prefix;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
