package io.encsync.core.provision;

import io.encsync.core.provision.DesiredState.LifecycleSpec;
import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyExistsException;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.OwnershipControlsRule;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionRule;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * The S3 calls that bring one bucket setting to its desired value. Each method is a single
 * idempotent Put (or Create/Delete), so re-running after a failure is always safe.
 */
final class BucketWriter {
    private final S3Client s3;
    private final DesiredState desired;
    private final String bucket;
    private final String on;

    BucketWriter(S3Client s3, DesiredState desired) {
        this.s3 = s3;
        this.desired = desired;
        this.bucket = desired.bucket();
        this.on = " on bucket '" + bucket + "'";
    }

    void create() {
        String region = desired.region();
        try {
            AwsCalls.run("CreateBucket '" + bucket + "' in " + region, () -> s3.createBucket(r -> {
                r.bucket(bucket);
                // us-east-1 is the one region that must be left out of the location constraint.
                if (!"us-east-1".equals(region)) {
                    r.createBucketConfiguration(c -> c.locationConstraint(region));
                }
            }));
        } catch (EncsyncException e) {
            // A concurrent run of ours got there first: the bucket is ours, carry on.
            if (e.getCause() instanceof BucketAlreadyOwnedByYouException) {
                return;
            }
            if (e.getCause() instanceof BucketAlreadyExistsException) {
                // Bucket names are global: created in another account between our read and this call.
                throw new EncsyncException(ErrorCategory.ACCESS, "bucket name '" + bucket + "' is taken by another "
                        + "AWS account: nothing else was created — choose another bucket name", e);
            }
            throw e;
        }
    }

    /** PutBucketTagging replaces the whole set, so tags set by others are merged in, not dropped. */
    void tag(Map<String, String> existing) {
        Map<String, String> merged = new LinkedHashMap<>(existing);
        merged.putAll(desired.bucketTags());
        List<Tag> tags = merged.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        AwsCalls.run("PutBucketTagging" + on, () -> s3.putBucketTagging(r -> r.bucket(bucket).tagging(t -> t.tagSet(tags))));
    }

    void blockPublicAccess() {
        AwsCalls.run("PutPublicAccessBlock" + on, () -> s3.putPublicAccessBlock(r -> r.bucket(bucket)
                .publicAccessBlockConfiguration(c -> c.blockPublicAcls(true).ignorePublicAcls(true)
                        .blockPublicPolicy(true).restrictPublicBuckets(true))));
    }

    void enforceOwnership() {
        AwsCalls.run("PutBucketOwnershipControls" + on, () -> s3.putBucketOwnershipControls(r -> r.bucket(bucket)
                .ownershipControls(c -> c.rules(OwnershipControlsRule.builder()
                        .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED).build()))));
    }

    void encrypt() {
        DesiredState.Encryption e = desired.encryption();
        ServerSideEncryptionRule rule = ServerSideEncryptionRule.builder()
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(e.algorithm()).kmsMasterKeyID(e.kmsKeyId()))
                // A bucket key cuts KMS requests (and cost) by orders of magnitude; meaningless for SSE-S3.
                .bucketKeyEnabled(e.kmsKeyId() != null ? Boolean.TRUE : null)
                .build();
        AwsCalls.run("PutBucketEncryption" + on, () -> s3.putBucketEncryption(r -> r.bucket(bucket)
                .serverSideEncryptionConfiguration(c -> c.rules(rule))));
    }

    void versioning() {
        BucketVersioningStatus status = desired.versioning() ? BucketVersioningStatus.ENABLED : BucketVersioningStatus.SUSPENDED;
        AwsCalls.run("PutBucketVersioning" + on, () -> s3.putBucketVersioning(r -> r.bucket(bucket)
                .versioningConfiguration(c -> c.status(status))));
    }

    /** The configuration is replaced as a whole: rules of others are kept, ours is replaced. */
    void lifecycle(List<LifecycleRule> otherRules) {
        LifecycleSpec spec = desired.lifecycle();
        LifecycleRule.Builder ours = LifecycleRule.builder().id(spec.id()).status(ExpirationStatus.ENABLED)
                .filter(f -> f.prefix(""))
                .abortIncompleteMultipartUpload(a -> a.daysAfterInitiation(spec.abortIncompleteDays()));
        if (spec.noncurrentDays() != null) {
            ours.noncurrentVersionExpiration(n -> n.noncurrentDays(spec.noncurrentDays()));
        }
        List<LifecycleRule> rules = new ArrayList<>(otherRules);
        rules.add(ours.build());
        AwsCalls.run("PutBucketLifecycleConfiguration" + on, () -> s3.putBucketLifecycleConfiguration(r -> r.bucket(bucket)
                .lifecycleConfiguration(c -> c.rules(rules))));
    }

    void putPolicy(String policy) {
        AwsCalls.run("PutBucketPolicy" + on, () -> s3.putBucketPolicy(r -> r.bucket(bucket).policy(policy)));
    }

    void deletePolicy() {
        AwsCalls.run("DeleteBucketPolicy" + on, () -> s3.deleteBucketPolicy(r -> r.bucket(bucket)));
    }

    void delete() {
        AwsCalls.run("DeleteBucket '" + bucket + "'", () -> s3.deleteBucket(r -> r.bucket(bucket)));
    }
}
