package io.encsync.core.provision;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the bucket and user should look like: a pure function of a {@link ProvisionRequest}, so
 * that every run, with or without anything already in place, aims at the same target.
 */
public final class DesiredState {
    public static final String OWNER_TAG = "managed-by";
    public static final String OWNER_VALUE = "encsync";
    public static final String OWNERSHIP = "BucketOwnerEnforced";
    public static final String LIFECYCLE_RULE_ID = "encsync-expire-old-versions";
    /** Unfinished multipart uploads of killed pushes cost money until aborted; a week is generous. */
    public static final int ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

    private final ProvisionRequest request;
    private final Map<String, String> bucketTags;
    private final Map<String, String> userTags;
    private final String userPolicy;
    private final String bucketPolicy;

    private DesiredState(ProvisionRequest request) {
        this.request = request;
        Map<String, String> bt = new LinkedHashMap<>();
        bt.put(OWNER_TAG, OWNER_VALUE);
        bt.put("encsync-user", request.userName());
        this.bucketTags = Map.copyOf(bt);
        Map<String, String> ut = new LinkedHashMap<>();
        ut.put(OWNER_TAG, OWNER_VALUE);
        ut.put("encsync-bucket", request.bucket());
        this.userTags = Map.copyOf(ut);
        this.userPolicy = PolicyDocuments.userPolicy(request.bucket(), request.prefix(), request.kmsKeyId().orElse(null));
        this.bucketPolicy = request.tlsOnly() ? PolicyDocuments.tlsOnlyBucketPolicy(request.bucket()) : null;
    }

    public static DesiredState of(ProvisionRequest request) {
        return new DesiredState(request);
    }

    public ProvisionRequest request() {
        return request;
    }

    public String bucket() {
        return request.bucket();
    }

    public String region() {
        return request.region();
    }

    /** Tags encsync sets on the bucket; other tags already there are kept. */
    public Map<String, String> bucketTags() {
        return bucketTags;
    }

    /** Tags encsync sets on the user; other tags already there are kept. */
    public Map<String, String> userTags() {
        return userTags;
    }

    public String userName() {
        return request.userName();
    }

    public String userPath() {
        return request.userPath();
    }

    /** Inline policy names start with {@code encsync-} so one user may serve several buckets. */
    public String userPolicyName() {
        return "encsync-" + request.bucket();
    }

    public String userPolicy() {
        return userPolicy;
    }

    /** The TLS-only bucket policy, or empty when it was switched off. */
    public Optional<String> bucketPolicy() {
        return Optional.ofNullable(bucketPolicy);
    }

    /** The TLS-only policy for this bucket, whether wanted or not (to recognise our own on removal). */
    public String tlsOnlyPolicy() {
        return PolicyDocuments.tlsOnlyBucketPolicy(request.bucket());
    }

    public Encryption encryption() {
        return request.kmsKeyId().map(Encryption::kms).orElse(Encryption.SSE_S3);
    }

    public boolean versioning() {
        return request.versioning();
    }

    /** Our lifecycle rule: noncurrent versions expire (when versioned), unfinished uploads are aborted. */
    public LifecycleSpec lifecycle() {
        return new LifecycleSpec(LIFECYCLE_RULE_ID, request.versioning() ? request.noncurrentDays() : null,
                ABORT_INCOMPLETE_UPLOAD_DAYS, true);
    }

    /** Default bucket encryption: SSE-S3 ({@code AES256}) or SSE-KMS with a key. */
    public record Encryption(String algorithm, String kmsKeyId) {
        public static final Encryption SSE_S3 = new Encryption("AES256", null);

        static Encryption kms(String key) {
            return new Encryption("aws:kms", key);
        }

        @Override
        public String toString() {
            return kmsKeyId == null ? algorithm.equals("AES256") ? "SSE-S3" : algorithm : "SSE-KMS with key " + kmsKeyId;
        }
    }

    /**
     * The parts of our lifecycle rule we manage; {@code noncurrentDays} is null when unversioned,
     * {@code abortIncompleteDays} null when absent; {@code active} means enabled for the whole bucket.
     */
    public record LifecycleSpec(String id, Integer noncurrentDays, Integer abortIncompleteDays, boolean active) {
        @Override
        public String toString() {
            return (active ? "" : "disabled or filtered, ")
                    + (noncurrentDays == null ? "" : "noncurrent versions expire after " + noncurrentDays + " days, ")
                    + (abortIncompleteDays == null ? "unfinished uploads kept"
                    : "unfinished uploads aborted after " + abortIncompleteDays + " days");
        }
    }
}
