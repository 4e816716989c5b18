package io.encsync.core.provision;

import io.encsync.core.store.s3.S3Purge;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Empties a bucket completely for a forced destroy: every object version, every delete marker and
 * every unfinished multipart upload ({@link S3Purge} with {@link S3Purge.Scope#VERSIONS}, failures
 * worded as every provisioning call's). Deleting by version id is permanent — only called when the
 * user asked for it.
 */
final class BucketPurger {
    private BucketPurger() {
    }

    /** @return how many versions and delete markers were deleted */
    static long purge(S3Client s3, String bucket) {
        return new S3Purge(s3, bucket, "", (e, operation, target) -> AwsCalls.translate(operation + " on bucket '"
                + bucket + "'", e))
                .purge(S3Purge.Scope.VERSIONS, "check Object Lock retention or permissions, then run destroy again");
    }
}
