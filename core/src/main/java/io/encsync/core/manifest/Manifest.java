package io.encsync.core.manifest;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The authenticated description of a pushed tree: a random repository id (fixed at the first
 * push), a generation that grows by one with every push that changes something, the creation
 * time, and one {@link ManifestEntry} per file.
 *
 * <p>It is stored as one object at {@link #KEY}, a name chosen so that no rclone name decoder
 * accepts it in any mode ({@code .} and {@code -} are outside base32hex and base64url, it is not
 * base32768, it has no numeric obfuscate prefix and no {@code .bin} suffix): rclone skips such
 * names at DEBUG level, so the manifest is invisible to {@code rclone ls} and {@code rclone copy}.
 * Sealing is {@link ManifestCodec}'s job.
 */
public final class Manifest {
    /** The reserved store key, at the root of the remote. */
    public static final String KEY = ".encsync-manifest";

    /**
     * The push lock's key (sync's push lock), reserved beside the manifest so that every reader of
     * a crypt root skips both; like the manifest's, no rclone name decoder accepts it.
     */
    public static final String LOCK_KEY = ".encsync-lock";

    /** Whether {@code key} is one of ours (the manifest, the push lock) rather than a user file. */
    public static boolean isReservedKey(String key) {
        return KEY.equals(key) || LOCK_KEY.equals(key);
    }

    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private final String repositoryId;
    private final long generation;
    private final Instant created;
    private final SortedMap<String, ManifestEntry> entries;
    private final String boundTo;

    /** An unbound manifest: valid wherever it is stored (the push/pull remote, which users move). */
    public Manifest(String repositoryId, long generation, Instant created, Collection<ManifestEntry> entries) {
        this(repositoryId, generation, created, entries, null);
    }

    /**
     * @param boundTo the place this manifest is valid at (for an artifact set: its bucket and
     *     root), sealed with it so that a copy elsewhere is refused by whoever checks it; null for none
     */
    public Manifest(String repositoryId, long generation, Instant created, Collection<ManifestEntry> entries,
                    String boundTo) {
        if (boundTo != null && boundTo.isEmpty()) {
            throw new IllegalArgumentException("boundTo must not be empty (null: unbound)");
        }
        this.boundTo = boundTo;
        this.repositoryId = Objects.requireNonNull(repositoryId, "repositoryId");
        this.created = Objects.requireNonNull(created, "created");
        if (generation < 1) {
            throw new IllegalArgumentException("generation must be >= 1, was " + generation);
        }
        this.generation = generation;
        TreeMap<String, ManifestEntry> map = new TreeMap<>();
        for (ManifestEntry e : entries) {
            if (map.put(e.path(), e) != null) {
                throw new IllegalArgumentException("manifest lists " + e.path() + " twice");
            }
        }
        this.entries = Collections.unmodifiableSortedMap(map);
    }

    public String repositoryId() {
        return repositoryId;
    }

    public long generation() {
        return generation;
    }

    public Instant created() {
        return created;
    }

    /** Every entry by path, sorted. */
    public SortedMap<String, ManifestEntry> entries() {
        return entries;
    }

    /**
     * The place this manifest was sealed for, or empty for an unbound one (every push/pull
     * manifest, and artifact sets archived before sets were bound). Authenticated with the rest.
     */
    public Optional<String> boundTo() {
        return Optional.ofNullable(boundTo);
    }

    /** This manifest sealed for {@code place} instead (for a set copied to another place). */
    public Manifest withBinding(String place) {
        return new Manifest(repositoryId, generation, created, entries.values(), Objects.requireNonNull(place, "place"));
    }

    public Optional<ManifestEntry> entry(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** True when both list exactly the same files with the same content records. */
    public boolean sameFiles(Map<String, ManifestEntry> other) {
        return entries.equals(other);
    }

    @Override
    public String toString() {
        return "Manifest[generation=" + generation + ", files=" + entries.size() + ", created=" + created
                + (boundTo == null ? "" : ", boundTo=" + boundTo) + "]";
    }
}
