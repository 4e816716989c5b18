package io.encsync.core.provision;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.provision.DesiredState.Encryption;
import io.encsync.core.provision.DesiredState.LifecycleSpec;
import io.encsync.core.provision.ObservedState.AccessKeyInfo;
import io.encsync.core.provision.ObservedState.Bucket;
import io.encsync.core.provision.ObservedState.PublicAccessBlock;
import io.encsync.core.provision.ObservedState.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.Tag;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ExpirationStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.LifecycleRuleFilter;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ServerSideEncryptionByDefault;

/**
 * Reads the bucket's and the user's current settings. Read-only: it never changes anything, so
 * {@code plan} is always safe to run. A setting that is not configured comes back as null.
 */
final class StateReader {
    private final S3Client s3;
    private final IamClient iam;

    StateReader(ProvisionClients clients) {
        this.s3 = clients.s3();
        this.iam = clients.iam();
    }

    ObservedState read(DesiredState desired, boolean withContents) {
        return new ObservedState(readBucket(desired.bucket(), desired.region(), withContents), readUser(desired.userName()));
    }

    private Bucket readBucket(String bucket, String region, boolean withContents) {
        String on = " on bucket '" + bucket + "'";
        Optional<Boolean> exists;
        try {
            exists = AwsCalls.optional("HeadBucket" + on, Set.of("NoSuchBucket", "NotFound", "404"),
                    () -> s3.headBucket(r -> r.bucket(bucket)) != null);
        } catch (EncsyncException e) {
            if (e.getCause() instanceof AwsServiceException aws && aws.statusCode() == 301) {
                // AWS answers HEAD for a bucket of another region with a redirect naming the region.
                String actual = aws.awsErrorDetails() == null || aws.awsErrorDetails().sdkHttpResponse() == null ? "another region"
                        : aws.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amz-bucket-region").orElse("another region");
                throw EncsyncException.usage("bucket '" + bucket + "' is in " + actual + ", not " + region
                        + ": nothing was changed — pass --region " + actual + " (or choose another bucket name)");
            }
            if (e.category() == ErrorCategory.ACCESS) {
                // 403 on HEAD means the name exists in an account these credentials cannot see.
                throw new EncsyncException(ErrorCategory.ACCESS, "bucket '" + bucket + "' exists but these "
                        + "credentials may not use it (HeadBucket was refused): the name is probably taken by "
                        + "another account — choose another bucket name", e);
            }
            throw e;
        }
        if (exists.isEmpty()) {
            return Bucket.absent();
        }
        String location = AwsCalls.call("GetBucketLocation" + on, () -> s3.getBucketLocation(r -> r.bucket(bucket)))
                .locationConstraintAsString();
        location = location == null || location.isEmpty() ? "us-east-1" : "EU".equals(location) ? "eu-west-1" : location;
        Map<String, String> tags = new LinkedHashMap<>();
        AwsCalls.optional("GetBucketTagging" + on, Set.of("NoSuchTagSet", "NoSuchTagSetError"),
                () -> s3.getBucketTagging(r -> r.bucket(bucket))).ifPresent(t -> t.tagSet().forEach(x -> tags.put(x.key(), x.value())));
        PublicAccessBlock bpa = AwsCalls.optional("GetPublicAccessBlock" + on, Set.of("NoSuchPublicAccessBlockConfiguration"),
                () -> s3.getPublicAccessBlock(r -> r.bucket(bucket))).map(r -> bpa(r.publicAccessBlockConfiguration())).orElse(null);
        String ownership = AwsCalls.optional("GetBucketOwnershipControls" + on, Set.of("OwnershipControlsNotFoundError"),
                () -> s3.getBucketOwnershipControls(r -> r.bucket(bucket)))
                .flatMap(r -> r.ownershipControls().rules().stream().findFirst()).map(x -> x.objectOwnershipAsString()).orElse(null);
        Encryption encryption = AwsCalls.optional("GetBucketEncryption" + on, Set.of("ServerSideEncryptionConfigurationNotFoundError"),
                () -> s3.getBucketEncryption(r -> r.bucket(bucket)))
                .flatMap(r -> r.serverSideEncryptionConfiguration().rules().stream().findFirst())
                .map(x -> encryption(x.applyServerSideEncryptionByDefault())).orElse(null);
        BucketVersioningStatus versioning = AwsCalls.call("GetBucketVersioning" + on,
                () -> s3.getBucketVersioning(r -> r.bucket(bucket))).status();
        List<LifecycleRule> rules = AwsCalls.optional("GetBucketLifecycleConfiguration" + on, Set.of("NoSuchLifecycleConfiguration"),
                () -> s3.getBucketLifecycleConfiguration(r -> r.bucket(bucket))).map(r -> r.rules()).orElse(List.of());
        LifecycleSpec ours = null;
        List<LifecycleRule> others = new ArrayList<>();
        for (LifecycleRule rule : rules) {
            if (DesiredState.LIFECYCLE_RULE_ID.equals(rule.id())) {
                ours = lifecycle(rule);
            } else {
                others.add(rule);
            }
        }
        String policy = AwsCalls.optional("GetBucketPolicy" + on, Set.of("NoSuchBucketPolicy"),
                () -> s3.getBucketPolicy(r -> r.bucket(bucket))).map(r -> r.policy()).orElse(null);
        boolean hasContents = withContents && hasContents(bucket);
        return new Bucket(true, location, Map.copyOf(tags), bpa, ownership, encryption,
                versioning == null || versioning == BucketVersioningStatus.UNKNOWN_TO_SDK_VERSION ? null : versioning.toString(),
                ours, List.copyOf(others), policy, hasContents);
    }

    private boolean hasContents(String bucket) {
        ListObjectVersionsResponse page = AwsCalls.call("ListObjectVersions on bucket '" + bucket + "'",
                () -> s3.listObjectVersions(r -> r.bucket(bucket).maxKeys(1)));
        return page.hasVersions() && !page.versions().isEmpty() || page.hasDeleteMarkers() && !page.deleteMarkers().isEmpty();
    }

    private static PublicAccessBlock bpa(PublicAccessBlockConfiguration c) {
        return new PublicAccessBlock(Boolean.TRUE.equals(c.blockPublicAcls()), Boolean.TRUE.equals(c.ignorePublicAcls()),
                Boolean.TRUE.equals(c.blockPublicPolicy()), Boolean.TRUE.equals(c.restrictPublicBuckets()));
    }

    private static Encryption encryption(ServerSideEncryptionByDefault d) {
        if (d == null) {
            return null;
        }
        String key = d.kmsMasterKeyID();
        return new Encryption(d.sseAlgorithmAsString(), key == null || key.isEmpty() ? null : key);
    }

    // LifecycleRule.prefix() is the pre-2018 way to scope a rule; old rules may still use it.
    @SuppressWarnings("deprecation")
    private static LifecycleSpec lifecycle(LifecycleRule rule) {
        LifecycleRuleFilter f = rule.filter();
        boolean filterEmpty = f == null || (isEmpty(f.prefix()) && f.tag() == null && f.and() == null
                && f.objectSizeGreaterThan() == null && f.objectSizeLessThan() == null);
        boolean wholeBucket = filterEmpty && isEmpty(rule.prefix());
        Integer noncurrent = rule.noncurrentVersionExpiration() == null ? null : rule.noncurrentVersionExpiration().noncurrentDays();
        Integer abort = rule.abortIncompleteMultipartUpload() == null ? null
                : rule.abortIncompleteMultipartUpload().daysAfterInitiation();
        return new LifecycleSpec(rule.id(), noncurrent, abort, rule.status() == ExpirationStatus.ENABLED && wholeBucket);
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private User readUser(String name) {
        String on = " on IAM user '" + name + "'";
        var found = AwsCalls.optional("GetUser" + on, Set.of("NoSuchEntity"), () -> iam.getUser(r -> r.userName(name)).user());
        if (found.isEmpty()) {
            return User.absent();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        AwsCalls.call("ListUserTags" + on, () -> iam.listUserTagsPaginator(r -> r.userName(name)).tags().stream().toList())
                .forEach((Tag t) -> tags.put(t.key(), t.value()));
        Map<String, String> inline = new LinkedHashMap<>();
        for (String policy : AwsCalls.call("ListUserPolicies" + on,
                () -> iam.listUserPoliciesPaginator(r -> r.userName(name)).policyNames().stream().toList())) {
            inline.put(policy, AwsCalls.call("GetUserPolicy '" + policy + "'" + on,
                    () -> iam.getUserPolicy(r -> r.userName(name).policyName(policy)).policyDocument()));
        }
        List<String> attached = AwsCalls.call("ListAttachedUserPolicies" + on,
                () -> iam.listAttachedUserPoliciesPaginator(r -> r.userName(name)).attachedPolicies().stream()
                        .map(AttachedPolicy::policyArn).toList());
        List<AccessKeyInfo> keys = AwsCalls.call("ListAccessKeys" + on,
                () -> iam.listAccessKeysPaginator(r -> r.userName(name)).accessKeyMetadata().stream()
                        .map(k -> new AccessKeyInfo(k.accessKeyId(), k.createDate(), k.statusAsString()))
                        .sorted(Comparator.comparing(AccessKeyInfo::created, Comparator.nullsFirst(Comparator.naturalOrder()))
                                .thenComparing(AccessKeyInfo::id))
                        .toList());
        return new User(true, found.get().arn(), found.get().path(), Map.copyOf(tags), Map.copyOf(inline),
                List.copyOf(attached), keys);
    }
}
