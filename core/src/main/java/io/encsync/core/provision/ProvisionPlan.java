package io.encsync.core.provision;

import java.util.List;
import java.util.Objects;

/**
 * The ordered changes that would bring what exists to what is desired (or, for destroy, to
 * nothing), together with the state they were computed from. Immutable; applying it is a
 * separate step, so a caller can show it, ask, or refuse first.
 */
public final class ProvisionPlan {
    /** Whether the plan builds up (plan/apply) or tears down (destroy). */
    public enum Mode { APPLY, DESTROY }

    private final Mode mode;
    private final DesiredState desired;
    private final ObservedState observed;
    private final List<Change> changes;

    ProvisionPlan(Mode mode, DesiredState desired, ObservedState observed, List<Change> changes) {
        this.mode = Objects.requireNonNull(mode);
        this.desired = Objects.requireNonNull(desired);
        this.observed = Objects.requireNonNull(observed);
        this.changes = List.copyOf(changes);
    }

    public Mode mode() {
        return mode;
    }

    public List<Change> changes() {
        return changes;
    }

    public boolean hasChanges() {
        return !changes.isEmpty();
    }

    /** True when applying the plan creates an access key (whose secret must then go somewhere). */
    public boolean createsAccessKey() {
        return changes.stream().anyMatch(c -> c.target() == Change.Target.ACCESS_KEY && c.kind() == Change.Kind.CREATE);
    }

    public DesiredState desired() {
        return desired;
    }

    ObservedState observed() {
        return observed;
    }

    /** One line per change, terraform style, ending with a summary line. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Change c : changes) {
            out.append(c).append('\n');
        }
        out.append(summary()).append('\n');
        return out.toString();
    }

    /** "No changes: …" or "Plan: 2 to create, 1 to update, 0 to delete." */
    public String summary() {
        if (changes.isEmpty()) {
            return mode == Mode.APPLY
                    ? "No changes: bucket '" + desired.bucket() + "' and user '" + desired.userName() + "' match the configuration."
                    : "Nothing to destroy: bucket '" + desired.bucket() + "' and user '" + desired.userName() + "' do not exist.";
        }
        return "Plan: " + count(Change.Kind.CREATE) + " to create, " + count(Change.Kind.UPDATE) + " to update, "
                + count(Change.Kind.DELETE) + " to delete.";
    }

    private long count(Change.Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    @Override
    public String toString() {
        return render();
    }
}
