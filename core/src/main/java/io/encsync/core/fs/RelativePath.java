package io.encsync.core.fs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A relative path that passed {@link PathRules}: non-empty segments, none of them {@code .},
 * {@code ..}, or containing a separator or control character. Only {@link PathRules} creates
 * instances, so holding one means the path is safe to resolve segment by segment under a root.
 * Ordered by its {@code /}-joined string (UTF-16), the order stores list keys in.
 */
public final class RelativePath implements Comparable<RelativePath> {
    private final List<String> segments;
    private final String joined;

    RelativePath(List<String> segments) {
        this.segments = Collections.unmodifiableList(new ArrayList<>(segments));
        this.joined = String.join("/", segments);
    }

    /** Parses with the default rules ({@link PathRules#defaults()}); throws IntegrityException if unsafe. */
    public static RelativePath of(String path) {
        return PathRules.defaults().parse(path, null);
    }

    public List<String> segments() {
        return segments;
    }

    public int depth() {
        return segments.size();
    }

    /** The last segment (the file name). */
    public String name() {
        return segments.get(segments.size() - 1);
    }

    /** The containing path, empty for a top-level name. */
    public Optional<RelativePath> parent() {
        return segments.size() == 1 ? Optional.empty()
                : Optional.of(new RelativePath(segments.subList(0, segments.size() - 1)));
    }

    /** This path followed by {@code name}, validated with the given rules. */
    public RelativePath child(String name, PathRules rules) {
        List<String> s = new ArrayList<>(segments);
        s.add(name);
        return rules.validate(s, null);
    }

    /** The path with {@code /} separators, as it appears in store keys and messages (not escaped). */
    @Override
    public String toString() {
        return joined;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelativePath other && joined.equals(other.joined);
    }

    @Override
    public int hashCode() {
        return joined.hashCode();
    }

    @Override
    public int compareTo(RelativePath o) {
        return joined.compareTo(o.joined);
    }
}
