package io.encsync.core.task;

import io.encsync.core.EncsyncException;
import io.encsync.core.LogText;
import java.util.Locale;

/** What {@code provisionPrivateBucket} does: show the plan, apply it, or remove what it created. */
public enum ProvisionMode {
    PLAN, APPLY, DESTROY;

    /** Parses {@code plan}, {@code apply} or {@code destroy} (any case); null or blank means apply. */
    public static ProvisionMode parse(String text) {
        if (text == null || text.isBlank()) {
            return APPLY;
        }
        for (ProvisionMode m : values()) {
            if (m.name().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw EncsyncException.usage("mode must be apply, plan or destroy, was '" + LogText.escape(text) + "'");
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
