package io.encsync.core.provision;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * Empties a bucket completely for a forced destroy: every object version, every delete marker and
 * every unfinished multipart upload. Deleting by version id is permanent — only called when the
 * user asked for it.
 */
final class BucketPurger {
    private static final int BATCH = 1000; // DeleteObjects' limit

    private BucketPurger() {
    }

    /** @return how many versions and delete markers were deleted */
    static long purge(S3Client s3, String bucket) {
        String on = " on bucket '" + bucket + "'";
        AwsCalls.call("ListMultipartUploads" + on, () -> s3.listMultipartUploadsPaginator(r -> r.bucket(bucket)).uploads()
                .stream().toList()).forEach(u -> AwsCalls.run("AbortMultipartUpload of '" + u.key() + "'" + on,
                () -> s3.abortMultipartUpload(r -> r.bucket(bucket).key(u.key()).uploadId(u.uploadId()))));
        long deleted = 0;
        while (true) {
            // Always list from the start: what was deleted is gone, so the first page is the next batch.
            ListObjectVersionsResponse page = AwsCalls.call("ListObjectVersions" + on,
                    () -> s3.listObjectVersions(r -> r.bucket(bucket).maxKeys(BATCH)));
            List<ObjectIdentifier> ids = new ArrayList<>();
            page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
            page.deleteMarkers().forEach(m -> ids.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
            if (ids.isEmpty()) {
                return deleted;
            }
            DeleteObjectsResponse response = AwsCalls.call("DeleteObjects" + on,
                    () -> s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(ids).quiet(true))));
            if (response.hasErrors() && !response.errors().isEmpty()) {
                var first = response.errors().get(0);
                throw new io.encsync.core.EncsyncException(io.encsync.core.ErrorCategory.REMOTE,
                        "could not delete '" + first.key() + "' (version " + first.versionId() + ")" + on + ": "
                                + first.code() + " — check Object Lock retention or permissions, then run destroy again");
            }
            deleted += ids.size();
        }
    }
}
