package io.encsync.core.provision;

import java.util.List;
import java.util.Optional;

/**
 * What an apply or destroy did: the changes made, in order, and the access key it created, if
 * any. The key is the only copy of its secret: store it before dropping the result.
 */
public final class ProvisionResult {
    private final ProvisionPlan plan;
    private final AccessKey newAccessKey;

    ProvisionResult(ProvisionPlan plan, AccessKey newAccessKey) {
        this.plan = plan;
        this.newAccessKey = newAccessKey;
    }

    /** The plan that was carried out. */
    public ProvisionPlan plan() {
        return plan;
    }

    public List<Change> changes() {
        return plan.changes();
    }

    public boolean changed() {
        return plan.hasChanges();
    }

    /** The access key created by this run (new user or rotation); empty when none was created. */
    public Optional<AccessKey> newAccessKey() {
        return Optional.ofNullable(newAccessKey);
    }

    @Override
    public String toString() {
        return "ProvisionResult[" + plan.summary() + (newAccessKey == null ? "" : ", new " + newAccessKey) + "]";
    }
}
