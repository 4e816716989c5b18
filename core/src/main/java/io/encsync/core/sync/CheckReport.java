package io.encsync.core.sync;

import java.io.Serial;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a {@link Check}: every difference (sorted by path), how many files were compared
 * and the manifest generation (0 = no manifest, so contents could not be compared). Serializable.
 */
public final class CheckReport implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final List<Difference> differences;
    private final long filesCompared;
    private final long generation;
    private final boolean verified;

    CheckReport(List<Difference> differences, long filesCompared, long generation, boolean verified) {
        this.differences = List.copyOf(differences);
        this.filesCompared = filesCompared;
        this.generation = generation;
        this.verified = verified;
    }

    public List<Difference> differences() {
        return differences;
    }

    /** True when no difference was found (the CLI exits 0, else 1). */
    public boolean identical() {
        return differences.isEmpty();
    }

    public long filesCompared() {
        return filesCompared;
    }

    public long generation() {
        return generation;
    }

    /** Whether contents were compared through a manifest (false: names and sizes only). */
    public boolean verified() {
        return verified;
    }

    /** Plain data for {@code --json}: identical, compared, generation, verified, differences. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("identical", identical());
        m.put("compared", filesCompared);
        m.put("generation", generation);
        m.put("verified", verified);
        m.put("differences", differences.stream().map(d -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", d.path());
            row.put("kind", d.kind().name());
            row.put("detail", d.detail());
            return row;
        }).toList());
        return m;
    }

    @Override
    public String toString() {
        return "CheckReport[identical=" + identical() + ", differences=" + differences.size()
                + ", compared=" + filesCompared + ", generation=" + generation + "]";
    }
}
