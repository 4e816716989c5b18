package io.encsync.core.sync;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable result of pairing two listings: every path with the action decided for it, in
 * path order. Executing a plan is a separate step, so a dry run can show exactly what a real run
 * would do.
 */
public final class Plan {
    private final List<Action> actions;
    private final Map<Action.Kind, Integer> counts;

    Plan(List<Action> actions) {
        this.actions = List.copyOf(actions);
        Map<Action.Kind, Integer> c = new EnumMap<>(Action.Kind.class);
        for (Action.Kind k : Action.Kind.values()) {
            c.put(k, 0);
        }
        for (Action a : this.actions) {
            c.merge(a.kind(), 1, Integer::sum);
        }
        this.counts = Map.copyOf(c);
    }

    /** Every action, sorted by path. */
    public List<Action> actions() {
        return actions;
    }

    /** The actions of one kind, in path order. */
    public List<Action> actions(Action.Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).toList();
    }

    public int count(Action.Kind kind) {
        return counts.get(kind);
    }

    /** Total plaintext bytes the plan transfers (uploads and downloads). */
    public long bytesToTransfer() {
        long total = 0;
        for (Action a : actions) {
            if (a.kind() == Action.Kind.UPLOAD || a.kind() == Action.Kind.DOWNLOAD) {
                total += a.source().size();
            }
        }
        return total;
    }

    /** True when executing the plan would change nothing. */
    public boolean isNoOp() {
        return count(Action.Kind.UPLOAD) == 0 && count(Action.Kind.DOWNLOAD) == 0 && count(Action.Kind.DELETE) == 0;
    }

    @Override
    public String toString() {
        return "Plan[upload=" + count(Action.Kind.UPLOAD) + ", download=" + count(Action.Kind.DOWNLOAD)
                + ", skip=" + count(Action.Kind.SKIP) + ", delete=" + count(Action.Kind.DELETE)
                + ", refuse=" + count(Action.Kind.REFUSE) + "]";
    }
}
