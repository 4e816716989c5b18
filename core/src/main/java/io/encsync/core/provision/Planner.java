package io.encsync.core.provision;

import io.encsync.core.EncsyncException;
import io.encsync.core.provision.Change.Target;
import io.encsync.core.provision.ObservedState.AccessKeyInfo;
import io.encsync.core.provision.ObservedState.Bucket;
import io.encsync.core.provision.ObservedState.PublicAccessBlock;
import io.encsync.core.provision.ObservedState.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares desired and observed state and lists the changes, in the order they must be applied.
 * Pure: no I/O, so every drift case is tested with plain values. Refuses (usage error) to take
 * over or destroy a bucket or user that encsync did not create, unless the request says adopt.
 */
public final class Planner {
    private Planner() {
    }

    /** The changes {@code apply} would make. */
    public static ProvisionPlan plan(DesiredState desired, ObservedState observed) {
        checkOwnership(desired, observed);
        List<Change> changes = new ArrayList<>();
        planBucket(desired, observed.bucket(), changes);
        planUser(desired, observed.user(), changes);
        return new ProvisionPlan(ProvisionPlan.Mode.APPLY, desired, observed, changes);
    }

    /**
     * The changes {@code destroy} would make: keys, policies, user, then the bucket. Fails before
     * anything is deleted when the bucket still holds data and force was not requested.
     */
    public static ProvisionPlan planDestroy(DesiredState desired, ObservedState observed) {
        checkOwnership(desired, observed);
        String bucket = desired.bucket();
        List<Change> changes = new ArrayList<>();
        User user = observed.user();
        if (user.exists()) {
            String who = "user '" + desired.userName() + "'";
            for (AccessKeyInfo key : user.keys()) {
                changes.add(Change.delete(Target.ACCESS_KEY, key.id(), "delete access key " + key.id() + " of " + who));
            }
            for (String name : user.inlinePolicies().keySet()) {
                changes.add(Change.delete(Target.USER_POLICY, name, "delete inline policy '" + name + "' of " + who));
            }
            for (String arn : user.attachedPolicyArns()) {
                changes.add(Change.delete(Target.ATTACHED_POLICY, arn, "detach managed policy " + arn + " from " + who));
            }
            changes.add(Change.delete(Target.USER, desired.userName(), "delete " + who));
        }
        Bucket b = observed.bucket();
        if (b.exists()) {
            if (b.hasContents()) {
                if (!desired.request().force()) {
                    throw EncsyncException.usage("bucket '" + bucket + "' still holds objects or old versions: "
                            + "nothing was deleted — empty it first, or pass --force to delete every version and "
                            + "delete marker with it");
                }
                changes.add(Change.delete(Target.BUCKET_CONTENTS, bucket,
                        "delete every object version, delete marker and unfinished upload in bucket '" + bucket + "'"));
            }
            changes.add(Change.delete(Target.BUCKET, bucket, "delete bucket '" + bucket + "'"));
        }
        return new ProvisionPlan(ProvisionPlan.Mode.DESTROY, desired, observed, changes);
    }

    private static void checkOwnership(DesiredState desired, ObservedState observed) {
        boolean adopt = desired.request().adopt();
        Bucket b = observed.bucket();
        if (b.exists() && !b.ownedByEncsync() && !adopt) {
            throw EncsyncException.usage("bucket '" + desired.bucket() + "' already exists but was not created by "
                    + "encsync (no " + DesiredState.OWNER_TAG + "=" + DesiredState.OWNER_VALUE + " tag): nothing was "
                    + "changed — pass --adopt to manage it, or choose another bucket name");
        }
        if (b.exists() && b.region() != null && !b.region().equals(desired.region())) {
            throw EncsyncException.usage("bucket '" + desired.bucket() + "' is in region " + b.region() + ", not "
                    + desired.region() + ": nothing was changed — pass --region " + b.region());
        }
        User u = observed.user();
        if (u.exists() && !u.ownedByEncsync() && !adopt) {
            throw EncsyncException.usage("IAM user '" + desired.userName() + "' already exists but was not created by "
                    + "encsync (no " + DesiredState.OWNER_TAG + "=" + DesiredState.OWNER_VALUE + " tag): nothing was "
                    + "changed — pass --adopt to manage it, or choose another name with --user");
        }
    }

    private static void planBucket(DesiredState d, Bucket b, List<Change> changes) {
        String name = "bucket '" + d.bucket() + "'";
        if (!b.exists()) {
            changes.add(Change.create(Target.BUCKET, "create " + name + " in " + d.region()));
        }
        if (!b.tags().entrySet().containsAll(d.bucketTags().entrySet())) {
            changes.add(change(b.exists() && !b.tags().isEmpty(), Target.BUCKET_TAGS,
                    "tag " + name + " with " + tags(d.bucketTags()), "tags are " + tags(b.tags())));
        }
        PublicAccessBlock bpa = b.publicAccessBlock();
        if (bpa == null || !bpa.equals(PublicAccessBlock.ALL_ON)) {
            changes.add(change(bpa != null, Target.PUBLIC_ACCESS_BLOCK,
                    "turn on all four Block Public Access flags of " + name,
                    bpa == null ? "" : String.join(", ", bpa.flagsOff()) + (bpa.flagsOff().size() == 1 ? " is" : " are") + " off"));
        }
        if (!DesiredState.OWNERSHIP.equals(b.ownership())) {
            changes.add(change(b.ownership() != null, Target.OWNERSHIP,
                    "set object ownership of " + name + " to " + DesiredState.OWNERSHIP + " (ACLs disabled)",
                    "is " + b.ownership()));
        }
        if (!d.encryption().equals(b.encryption())) {
            changes.add(change(b.encryption() != null, Target.ENCRYPTION,
                    "set default encryption of " + name + " to " + d.encryption(), "is " + b.encryption()));
        }
        boolean enabled = "Enabled".equals(b.versioning());
        if (d.versioning() != enabled && (d.versioning() || b.exists())) {
            changes.add(d.versioning()
                    ? change(b.versioning() != null, Target.VERSIONING, "turn on versioning of " + name, "is " + b.versioning())
                    : Change.update(Target.VERSIONING, "suspend versioning of " + name
                            + " (existing versions are kept)", "is Enabled"));
        }
        if (!d.lifecycle().equals(b.ourRule())) {
            changes.add(change(b.ourRule() != null, Target.LIFECYCLE,
                    "set lifecycle rule '" + DesiredState.LIFECYCLE_RULE_ID + "' of " + name + ": " + d.lifecycle(),
                    "is: " + b.ourRule()));
        }
        if (d.bucketPolicy().isPresent()) {
            String want = d.bucketPolicy().get();
            if (b.policy() == null || !PolicyDocuments.sameMeaning(want, b.policy())) {
                changes.add(change(b.policy() != null, Target.BUCKET_POLICY,
                        "set the TLS-only bucket policy of " + name + " (deny requests without TLS)",
                        "the bucket policy was changed"));
            }
        } else if (b.policy() != null && PolicyDocuments.sameMeaning(d.tlsOnlyPolicy(), b.policy())) {
            changes.add(Change.delete(Target.BUCKET_POLICY, "", "remove the TLS-only bucket policy of " + name));
        }
    }

    private static void planUser(DesiredState d, User u, List<Change> changes) {
        String name = "IAM user '" + d.userName() + "'";
        if (!u.exists()) {
            changes.add(Change.create(Target.USER, "create " + name + " under path " + d.userPath()
                    + " tagged " + tags(d.userTags())));
        } else {
            if (!d.userPath().equals(u.path())) {
                changes.add(Change.update(Target.USER_PATH, "move " + name + " to path " + d.userPath(), "is " + u.path()));
            }
            if (!u.tags().entrySet().containsAll(d.userTags().entrySet())) {
                changes.add(change(true, Target.USER_TAGS, "tag " + name + " with " + tags(d.userTags()),
                        "tags are " + tags(u.tags())));
            }
        }
        // Least privilege means nothing else either: policies encsync did not write are removed.
        u.inlinePolicies().keySet().stream()
                .filter(p -> !p.startsWith("encsync-"))
                .sorted()
                .forEach(p -> changes.add(Change.delete(Target.FOREIGN_USER_POLICY, p,
                        "delete inline policy '" + p + "' of " + name + " (not written by encsync)")));
        u.attachedPolicyArns().stream().sorted().forEach(arn -> changes.add(Change.delete(Target.ATTACHED_POLICY, arn,
                "detach managed policy " + arn + " from " + name + " (not granted by encsync)")));
        String have = u.inlinePolicies().get(d.userPolicyName());
        if (have == null || !PolicyDocuments.sameMeaning(d.userPolicy(), have)) {
            changes.add(change(have != null, Target.USER_POLICY,
                    "set inline policy '" + d.userPolicyName() + "' of " + name + " to sync access on bucket '"
                            + d.bucket() + "'" + (d.request().prefix().isEmpty() ? "" : " under '" + d.request().prefix() + "'"),
                    have == null ? "" : "the policy " + PolicyDocuments.describeDifference(d.userPolicy(), have)));
        }
        planKeys(d, u, name, changes);
    }

    private static void planKeys(DesiredState d, User u, String name, List<Change> changes) {
        List<AccessKeyInfo> keys = u.keys();
        if (!keys.isEmpty() && !d.request().rotateKey()) {
            return;
        }
        List<AccessKeyInfo> old = new ArrayList<>(keys);
        // IAM allows two keys per user: at the limit the oldest must go before the new one is made.
        if (old.size() >= 2) {
            AccessKeyInfo oldest = old.remove(0);
            changes.add(Change.delete(Target.ACCESS_KEY, oldest.id(), "delete access key " + oldest.id() + " of " + name));
        }
        changes.add(Change.create(Target.ACCESS_KEY, "create an access key for " + name
                + (keys.isEmpty() ? "" : " (rotation)")));
        for (AccessKeyInfo k : old) {
            changes.add(Change.delete(Target.ACCESS_KEY, k.id(), "delete access key " + k.id() + " of " + name));
        }
    }

    private static Change change(boolean exists, Target target, String description, String detail) {
        return exists ? Change.update(target, description, detail) : Change.create(target, description);
    }

    private static String tags(Map<String, String> tags) {
        StringBuilder out = new StringBuilder();
        tags.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                out.append(out.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue()));
        return out.length() == 0 ? "(none)" : out.toString();
    }

}
