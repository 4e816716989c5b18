package io.encsync.core.artifacts;

import io.encsync.core.IntegrityException;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.manifest.ManifestEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent needs to restore (part of) a set: the verified manifest entries, one presigned
 * GET per object, and the content key. The controller builds it only after checking the manifest
 * and the object sizes ({@link ArtifactController#planDownload}); the agent's
 * {@link PresignedDownloader} reads it back with {@link #fromWire}.
 *
 * <p>Holds the content key and presigned URLs: {@link #toString()} shows neither, and
 * {@link #close()} wipes the key (here and in the message from {@link #toWire()}).
 */
public final class DownloadPlan implements AutoCloseable {
    static final String FORMAT = "encsync-artifacts-download-v1";

    /** One artifact to fetch: its manifest entry, its object's size, its presigned GET. */
    record Item(ManifestEntry entry, long objectSize, String url) {
        @Override
        public String toString() {
            return "Item[" + entry.path() + ", " + SignedUrl.redact(url) + "]";
        }
    }

    private final String label;
    private final long generation;
    private final SecretBytes contentKey;
    private final List<Item> items;
    private final List<String> warnings;
    private Map<String, Object> wire;

    DownloadPlan(String label, long generation, SecretBytes contentKey, List<Item> items, List<String> warnings) {
        this.label = label;
        this.generation = generation;
        this.contentKey = contentKey;
        this.items = List.copyOf(items);
        this.warnings = List.copyOf(warnings);
    }

    /** The set, as messages name it. */
    public String label() {
        return label;
    }

    /** The manifest generation the plan was made from. */
    public long generation() {
        return generation;
    }

    public int fileCount() {
        return items.size();
    }

    /**
     * Objects under the set's root that its manifest does not list (added by someone else, or left
     * by a failed archive); they are not restored. For the log, one line each.
     */
    public List<String> warnings() {
        return warnings;
    }

    List<Item> items() {
        return items;
    }

    SecretBytes contentKey() {
        return contentKey;
    }

    /** The message for the agent: only {@code java.*} types. Holds the content key and the URLs. */
    public synchronized Map<String, Object> toWire() {
        if (wire == null) {
            List<Object> files = new ArrayList<>(items.size());
            for (Item i : items) {
                ManifestEntry e = i.entry();
                Map<String, Object> f = new HashMap<>();
                f.put("path", e.path());
                f.put("size", e.size());
                f.put("mtimeNanos", e.mtimeNanos());
                f.put("sha256", e.sha256());
                f.put("nonce", e.nonce());
                f.put("mode", (long) e.mode());
                f.put("objectSize", i.objectSize());
                f.put("url", i.url());
                files.add(f);
            }
            wire = new HashMap<>();
            wire.put("format", FORMAT);
            wire.put("set", label);
            wire.put("generation", generation);
            wire.put("contentKey", contentKey.reveal());
            wire.put("files", files);
        }
        return wire;
    }

    /** The agent's side: parses and checks a message from {@link #toWire()}. */
    static DownloadPlan fromWire(Map<?, ?> m) {
        String what = "the download plan";
        Wire.requireFormat(m, FORMAT, what);
        byte[] key = Wire.bytes(m, "contentKey", what);
        if (key.length != 32) {
            throw new IntegrityException(what + ": the content key is " + key.length + " bytes, not 32");
        }
        List<Item> items = new ArrayList<>();
        for (Map<?, ?> f : Wire.maps(m, "files", what)) {
            ManifestEntry entry;
            try {
                entry = new ManifestEntry(Wire.string(f, "path", what), Wire.number(f, "size", what),
                        Wire.number(f, "mtimeNanos", what), Wire.string(f, "sha256", what), Wire.string(f, "nonce", what),
                        Wire.mode(f, what));
            } catch (IllegalArgumentException e) {
                throw new IntegrityException(what + ": " + e.getMessage());
            }
            items.add(new Item(entry, Wire.number(f, "objectSize", what), Wire.string(f, "url", what)));
        }
        return new DownloadPlan(Wire.string(m, "set", what), Wire.number(m, "generation", what),
                SecretBytes.copyOf(key), items, List.of());
    }

    @Override
    public synchronized void close() {
        contentKey.destroy();
        if (wire != null && wire.get("contentKey") instanceof byte[] key) {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "DownloadPlan[" + label + ", generation=" + generation + ", files=" + items.size() + "]";
    }
}
