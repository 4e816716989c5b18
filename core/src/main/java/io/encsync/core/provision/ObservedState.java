package io.encsync.core.provision;

import io.encsync.core.provision.DesiredState.Encryption;
import io.encsync.core.provision.DesiredState.LifecycleSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.model.LifecycleRule;

/**
 * What exists right now, as read by {@code StateReader}: plain values so the {@link Planner} can
 * be tested without a network. A missing setting is {@code null} (or empty), never a default.
 */
public record ObservedState(Bucket bucket, User user) {

    /** Block Public Access flags as read; {@code null} fields never occur (absent config = all false). */
    public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
                                    boolean restrictPublicBuckets) {
        public static final PublicAccessBlock ALL_ON = new PublicAccessBlock(true, true, true, true);

        /** Names of the flags that are off, in AWS's spelling. */
        public List<String> flagsOff() {
            List<String> off = new ArrayList<>();
            if (!blockPublicAcls) {
                off.add("BlockPublicAcls");
            }
            if (!ignorePublicAcls) {
                off.add("IgnorePublicAcls");
            }
            if (!blockPublicPolicy) {
                off.add("BlockPublicPolicy");
            }
            if (!restrictPublicBuckets) {
                off.add("RestrictPublicBuckets");
            }
            return off;
        }
    }

    /**
     * The bucket. When {@code exists} is false every other field is empty. {@code ourRule} is our
     * lifecycle rule (by id), {@code otherRules} the ones we keep untouched; {@code hasContents} is
     * only read for destroy.
     */
    public record Bucket(boolean exists, String region, Map<String, String> tags, PublicAccessBlock publicAccessBlock,
                         String ownership, Encryption encryption, String versioning, LifecycleSpec ourRule,
                         List<LifecycleRule> otherRules, String policy, boolean hasContents) {
        public static Bucket absent() {
            return new Bucket(false, null, Map.of(), null, null, null, null, null, List.of(), null, false);
        }

        public boolean ownedByEncsync() {
            return DesiredState.OWNER_VALUE.equals(tags.get(DesiredState.OWNER_TAG));
        }
    }

    /** An access key's metadata (never its secret, which AWS only returns at creation). */
    public record AccessKeyInfo(String id, Instant created, String status) {
    }

    /** The IAM user; when {@code exists} is false every other field is empty. Keys are sorted oldest first. */
    public record User(boolean exists, String arn, String path, Map<String, String> tags,
                       Map<String, String> inlinePolicies, List<String> attachedPolicyArns, List<AccessKeyInfo> keys) {
        public static User absent() {
            return new User(false, null, null, Map.of(), Map.of(), List.of(), List.of());
        }

        public boolean ownedByEncsync() {
            return DesiredState.OWNER_VALUE.equals(tags.get(DesiredState.OWNER_TAG));
        }
    }
}
