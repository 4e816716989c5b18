package io.encsync.core.provision;

import io.encsync.core.provision.Change.Kind;

/**
 * Carries out a plan, change by change, in the plan's order. Every call is idempotent, so after
 * a failure the next run's plan simply lists what is left. A created key is handed back in the
 * result and nowhere else.
 */
final class Applier {
    private final ProvisionClients clients;

    Applier(ProvisionClients clients) {
        this.clients = clients;
    }

    ProvisionResult apply(ProvisionPlan plan) {
        DesiredState desired = plan.desired();
        ObservedState observed = plan.observed();
        BucketWriter bucket = new BucketWriter(clients.s3(), desired);
        UserWriter user = new UserWriter(clients.iam(), desired);
        AccessKey created = null;
        for (Change c : plan.changes()) {
            boolean delete = c.kind() == Kind.DELETE;
            switch (c.target()) {
                case BUCKET -> {
                    if (delete) {
                        bucket.delete();
                    } else {
                        bucket.create();
                    }
                }
                case BUCKET_TAGS -> bucket.tag(observed.bucket().tags());
                case PUBLIC_ACCESS_BLOCK -> bucket.blockPublicAccess();
                case OWNERSHIP -> bucket.enforceOwnership();
                case ENCRYPTION -> bucket.encrypt();
                case VERSIONING -> bucket.versioning();
                case LIFECYCLE -> bucket.lifecycle(observed.bucket().otherRules());
                case BUCKET_POLICY -> {
                    if (delete) {
                        bucket.deletePolicy();
                    } else {
                        bucket.putPolicy(desired.bucketPolicy().orElseThrow());
                    }
                }
                case BUCKET_CONTENTS -> BucketPurger.purge(clients.s3(), desired.bucket());
                case USER -> {
                    if (delete) {
                        user.delete();
                    } else {
                        user.create();
                    }
                }
                case USER_PATH -> user.move();
                case USER_TAGS -> user.tag();
                case USER_POLICY -> {
                    if (delete) {
                        user.deletePolicy(c.subject());
                    } else {
                        user.putPolicy();
                    }
                }
                case FOREIGN_USER_POLICY -> user.deletePolicy(c.subject());
                case ATTACHED_POLICY -> user.detachPolicy(c.subject());
                case ACCESS_KEY -> {
                    if (delete) {
                        user.deleteKey(c.subject());
                    } else {
                        created = user.createKey();
                    }
                }
                default -> throw new IllegalStateException("no action for " + c.target());
            }
        }
        return new ProvisionResult(plan, created);
    }
}
