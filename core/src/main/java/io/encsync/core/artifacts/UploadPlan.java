package io.encsync.core.artifacts;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The controller's record of one planned archive: for each file its object key, encrypted size
 * and, for a multipart object, the upload ID the controller created; plus the plain-data
 * message for the agent ({@link #toWire()}). Keep it until {@link ArtifactController#complete}
 * or {@link ArtifactController#abort} has run: they take keys and upload IDs from here, never
 * from the agent.
 *
 * <p>The message holds the content key and presigned URLs; {@link #toString()} shows neither.
 * {@link #close()} wipes the key in the message once the agent has it.
 */
public final class UploadPlan implements AutoCloseable {
    static final String FORMAT = "encsync-artifacts-upload-v1";

    /** One file as planned: {@code uploadId} is null for a single PUT; {@code mode} as scanned. */
    record PlannedFile(String path, String source, long size, long mtimeNanos, String key, long objectSize,
                       String uploadId, int parts, int mode) {
        boolean multipart() {
            return uploadId != null;
        }
    }

    private final ArtifactSet set;
    private final List<PlannedFile> files;
    private final Map<String, Object> wire;
    private final long previousGeneration;
    private final AtomicBoolean finished = new AtomicBoolean();

    UploadPlan(ArtifactSet set, List<PlannedFile> files, Map<String, Object> wire, long previousGeneration) {
        this.set = set;
        this.files = List.copyOf(files);
        this.wire = wire;
        this.previousGeneration = previousGeneration;
    }

    public ArtifactSet set() {
        return set;
    }

    /** How many files the plan uploads. */
    public int fileCount() {
        return files.size();
    }

    List<PlannedFile> files() {
        return files;
    }

    /**
     * The generation of the set's manifest that the archiving build recorded (0: it recorded
     * none). The completion merges only into a manifest of exactly this generation.
     */
    long previousGeneration() {
        return previousGeneration;
    }

    /**
     * The message for the agent's {@link PresignedUploader}: only {@code java.*} types (maps,
     * lists, strings, longs, one byte array), so it crosses any class filter. It holds the
     * content key and the presigned URLs: send it only to the agent that uploads.
     */
    public Map<String, Object> toWire() {
        return wire;
    }

    /**
     * Marks the plan as completed or aborted; a second completion would fail on S3 and then
     * delete the objects the first one stored.
     */
    void finish() {
        if (finished.getAndSet(true)) {
            throw new IllegalStateException(this + " was already completed or aborted");
        }
    }

    /** Wipes the content key in the message. */
    @Override
    public void close() {
        if (wire.get("contentKey") instanceof byte[] key) {
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "UploadPlan[" + set + ", files=" + files.size() + "]";
    }
}
