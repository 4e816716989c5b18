package io.encsync.core.task;

import io.encsync.core.aws.IssuedKey;
import java.io.Serial;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a task reports back: a one-line summary for the log and a map of plain values (numbers,
 * strings, booleans) that a pipeline step returns as is, e.g. {@code transferred}, {@code unchanged},
 * {@code deleted}, {@code bytes}, {@code generation}. A provisioning task may also carry the
 * access key it created, which is never part of the map or the summary.
 */
public final class TaskResult implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String summary;
    private final LinkedHashMap<String, Object> values;
    private final IssuedKey issuedKey;

    public TaskResult(String summary, Map<String, ?> values, IssuedKey issuedKey) {
        this.summary = Objects.requireNonNull(summary, "summary");
        this.values = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!(v instanceof Number || v instanceof String || v instanceof Boolean)) {
                throw new IllegalArgumentException("value of " + k + " must be a number, string or boolean");
            }
            this.values.put(k, v);
        });
        this.issuedKey = issuedKey;
    }

    public TaskResult(String summary, Map<String, ?> values) {
        this(summary, values, null);
    }

    public String summary() {
        return summary;
    }

    /** A fresh mutable copy, insertion-ordered, so a caller (a pipeline script) may change it freely. */
    public LinkedHashMap<String, Object> toMap() {
        return new LinkedHashMap<>(values);
    }

    public Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    public Optional<IssuedKey> issuedKey() {
        return Optional.ofNullable(issuedKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaskResult r && summary.equals(r.summary) && values.equals(r.values)
                && Objects.equals(issuedKey, r.issuedKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(summary, values);
    }

    @Override
    public String toString() {
        return summary + " " + values;
    }
}
