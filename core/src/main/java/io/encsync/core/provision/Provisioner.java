package io.encsync.core.provision;

import io.encsync.core.EncsyncException;
import java.util.Objects;

/**
 * The provisioning entry point: read what exists, plan, apply, report; destroy only what encsync
 * owns. Stateless — the bucket and user themselves (with their {@code managed-by=encsync} tags)
 * are the state, so two runs with the same request converge on the same result.
 *
 * <pre>{@code
 * try (ProvisionClients clients = ProvisionClients.forRequest(request)) {
 *     Provisioner p = new Provisioner(clients);
 *     ProvisionPlan plan = p.plan(request);        // read-only
 *     ProvisionResult result = p.apply(plan);      // result.newAccessKey() holds the only copy of the secret
 * }
 * }</pre>
 */
public final class Provisioner {
    private final ProvisionClients clients;

    public Provisioner(ProvisionClients clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /** The ARN the admin credentials belong to; fails with an access error when they are missing or rejected. */
    public String callerArn() {
        return AwsCalls.call("GetCallerIdentity (checking the admin credentials)",
                () -> clients.sts().getCallerIdentity()).arn();
    }

    /** What {@link #apply(ProvisionPlan)} would change; changes nothing. */
    public ProvisionPlan plan(ProvisionRequest request) {
        DesiredState desired = DesiredState.of(request);
        return Planner.plan(desired, new StateReader(clients).read(desired, false));
    }

    /** What {@link #destroy(ProvisionRequest)} would delete; changes nothing. */
    public ProvisionPlan planDestroy(ProvisionRequest request) {
        DesiredState desired = DesiredState.of(request);
        return Planner.planDestroy(desired, new StateReader(clients).read(desired, true));
    }

    /** Carries out a plan from {@link #plan} or {@link #planDestroy}. */
    public ProvisionResult apply(ProvisionPlan plan) {
        return new Applier(clients).apply(plan);
    }

    /** Plans and applies in one go. */
    public ProvisionResult apply(ProvisionRequest request) {
        return apply(plan(request));
    }

    /**
     * Deletes keys, policies and user, then the bucket (emptied first only with
     * {@link ProvisionRequest#force()}). A second destroy finds nothing and does nothing.
     *
     * @throws EncsyncException (usage) when the bucket holds data and force is off, or a resource is not ours
     */
    public ProvisionResult destroy(ProvisionRequest request) {
        return apply(planDestroy(request));
    }
}
