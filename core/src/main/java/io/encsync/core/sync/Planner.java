package io.encsync.core.sync;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pairs a source listing with a destination listing into a {@link Plan}. Pure: it reads two value
 * tables and decides; it never touches a file or a store, so every rule is tested with in-memory
 * tables.
 *
 * <p>Rules, per path of the source: absent from the destination → transfer ("new"); present →
 * compared by size and modification time (nanoseconds, exact: both sides are our own records), or
 * by SHA-256 with {@code checksum} → transfer ("… changed") or skip. Paths only in the destination
 * are deleted when {@code delete} is set, else left alone (and not listed). For a pull, source paths
 * that would land on the same local file — equal after Unicode NFC normalisation, or also after case
 * folding when the target may be case-insensitive — are all refused: restoring one would silently
 * overwrite the other (a key holder can plant such pairs on purpose).
 */
public final class Planner {
    /** Which way data flows; decides the transfer kind and whether collisions matter. */
    public enum Direction { PUSH, PULL }

    private final Direction direction;
    private final boolean checksum;
    private final boolean delete;
    private final boolean caseInsensitiveTarget;

    private Planner(Direction direction, boolean checksum, boolean delete, boolean caseInsensitiveTarget) {
        this.direction = direction;
        this.checksum = checksum;
        this.delete = delete;
        this.caseInsensitiveTarget = caseInsensitiveTarget;
    }

    /** A planner for local → store. Collisions are not refused: stores are case- and byte-exact. */
    public static Planner push(boolean checksum, boolean delete) {
        return new Planner(Direction.PUSH, checksum, delete, false);
    }

    /** A planner for store → local folder; {@code caseInsensitiveTarget} widens collision detection. */
    public static Planner pull(boolean checksum, boolean delete, boolean caseInsensitiveTarget) {
        return new Planner(Direction.PULL, checksum, delete, caseInsensitiveTarget);
    }

    /**
     * Pairs the two listings. Each may be in any order but must not hold a path twice.
     *
     * @throws IllegalArgumentException when a listing holds a path twice
     */
    public Plan plan(Collection<ListingEntry> source, Collection<ListingEntry> destination) {
        Map<String, ListingEntry> src = index(source, "source");
        Map<String, ListingEntry> dst = index(destination, "destination");
        Map<String, String> collisions = direction == Direction.PULL ? collisions(src.keySet()) : Map.of();
        Action.Kind transfer = direction == Direction.PUSH ? Action.Kind.UPLOAD : Action.Kind.DOWNLOAD;

        List<Action> actions = new ArrayList<>(src.size());
        for (ListingEntry s : src.values()) {
            ListingEntry d = dst.get(s.path());
            String other = collisions.get(s.path());
            if (other != null) {
                actions.add(new Action(Action.Kind.REFUSE, s.path(),
                        "its name collides with " + Names.quote(other)
                                + " on this file system (same name after Unicode normalisation"
                                + (caseInsensitiveTarget ? " or case folding" : "") + ") — neither is restored",
                        s, d));
            } else if (d == null) {
                actions.add(new Action(transfer, s.path(), "new", s, null));
            } else {
                String difference = difference(s, d);
                actions.add(difference == null
                        ? new Action(Action.Kind.SKIP, s.path(), "unchanged", s, d)
                        : new Action(transfer, s.path(), difference, s, d));
            }
        }
        if (delete) {
            for (ListingEntry d : dst.values()) {
                if (!src.containsKey(d.path())) {
                    actions.add(new Action(Action.Kind.DELETE, d.path(), "not in the source", null, d));
                }
            }
        }
        actions.sort((a, b) -> a.path().compareTo(b.path()));
        return new Plan(actions);
    }

    private String difference(ListingEntry s, ListingEntry d) {
        if (s.size() != d.size()) {
            return "size changed";
        }
        if (checksum) {
            if (s.sha256() == null || d.sha256() == null) {
                return "no recorded checksum";
            }
            return s.sha256().equalsIgnoreCase(d.sha256()) ? null : "content changed";
        }
        return s.mtimeNanos() == d.mtimeNanos() ? null : "modification time changed";
    }

    /** Path → the first other path it collides with. */
    private Map<String, String> collisions(Collection<String> paths) {
        Map<String, String> firstByKey = new HashMap<>();
        Map<String, String> result = new HashMap<>();
        for (String p : paths) {
            String key = collisionKey(p);
            String prior = firstByKey.putIfAbsent(key, p);
            if (prior != null) {
                result.putIfAbsent(prior, p);
                result.put(p, prior);
            }
        }
        return result;
    }

    private String collisionKey(String path) {
        String nfc = Normalizer.normalize(path, Normalizer.Form.NFC);
        return caseInsensitiveTarget ? nfc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT) : nfc;
    }

    private static Map<String, ListingEntry> index(Collection<ListingEntry> entries, String side) {
        Map<String, ListingEntry> map = new TreeMap<>();
        for (ListingEntry e : entries) {
            if (map.put(e.path(), e) != null) {
                throw new IllegalArgumentException("the " + side + " listing holds " + e.path() + " twice");
            }
        }
        return map;
    }
}
