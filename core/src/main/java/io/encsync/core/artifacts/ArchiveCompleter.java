package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Controller side, step 4 of an archive: checks the agent's reply against the plan, completes
 * the multipart uploads (aborting those of failed files), confirms with one listing that every
 * object exists at its planned size, and writes the set's manifest last.
 *
 * <p>Trust: keys, upload IDs and sizes come from the plan, never from the reply. The reply
 * contributes only what the controller cannot know — each file's SHA-256, nonce and part ETags —
 * and a file whose reported size or mtime differs from the plan is refused.
 *
 * <p>Failed files are left out of the manifest, and their object is deleted (best effort), also
 * when an earlier archive of the same build had stored that path: after a failed re-archive
 * nobody can tell which upload the object holds. Archives of one set are serialised in this JVM,
 * so two archives of one build do not lose each other's manifest entries.
 *
 * <p>An archive merges only into the manifest its build wrote: the one whose generation the plan
 * carries ({@link UploadPlan#previousGeneration()}), or none when that is 0. A manifest of another
 * generation at the set's root belongs to another build (a job created again under an old name
 * before storage ids, a copy, or a concurrent writer): the archive is refused and its objects are
 * deleted, the other build's manifest is left as it was.
 */
final class ArchiveCompleter {
    private static final Object[] SET_LOCKS = new Object[64];

    static {
        for (int i = 0; i < SET_LOCKS.length; i++) {
            SET_LOCKS[i] = new Object();
        }
    }

    private final SetStore store;
    private final CryptContext ctx;
    private final Clock clock;

    ArchiveCompleter(SetStore store, CryptContext ctx, Clock clock) {
        this.store = store;
        this.ctx = ctx;
        this.clock = clock;
    }

    ArchiveResult complete(UploadPlan plan, Map<?, ?> reply) {
        plan.finish();
        Map<String, FileOutcome> outcomes;
        try {
            outcomes = parse(reply);
        } catch (RuntimeException e) {
            apply(plan, failed(plan, "the agent's reply was unusable: " + e.getMessage()));
            throw e;
        }
        return apply(plan, outcomes);
    }

    /** Undoes a plan whose agent call failed: every file counts as failed. */
    ArchiveResult abort(UploadPlan plan, String reason) {
        plan.finish();
        return apply(plan, failed(plan, reason));
    }

    private static Map<String, FileOutcome> failed(UploadPlan plan, String reason) {
        Map<String, FileOutcome> outcomes = new HashMap<>();
        for (UploadPlan.PlannedFile f : plan.files()) {
            outcomes.put(f.path(), FileOutcome.failure(f.path(), ErrorCategory.REMOTE, "artifact "
                    + ArtifactContent.shown(f.path(), plan.set().label()) + ": not archived: " + reason));
        }
        return outcomes;
    }

    private ArchiveResult apply(UploadPlan plan, Map<String, FileOutcome> outcomes) {
        ArtifactSet set = plan.set();
        List<TransferFailure> failures = new ArrayList<>();
        Map<String, ManifestEntry> added = new TreeMap<>();
        Map<String, UploadPlan.PlannedFile> byPath = new HashMap<>();
        for (UploadPlan.PlannedFile f : plan.files()) {
            byPath.put(f.path(), f);
            TransferFailure failure = settle(set, f, outcomes.get(f.path()));
            if (failure == null) {
                FileOutcome o = outcomes.get(f.path());
                added.put(f.path(), new ManifestEntry(f.path(), f.size(), f.mtimeNanos(), o.sha256(), o.nonce(),
                        f.mode()));
            } else {
                failures.add(failure);
            }
        }
        Map<String, Long> listed = store.list(set.bucket(), set.root());
        for (var it = added.values().iterator(); it.hasNext(); ) {
            UploadPlan.PlannedFile f = byPath.get(it.next().path());
            Long size = listed.get(f.key());
            if (size == null || size != f.objectSize()) {
                it.remove();
                failures.add(new TransferFailure(f.path(), ErrorCategory.REMOTE, "artifact "
                        + ArtifactContent.shown(f.path(), set.label()) + ": the agent reported it uploaded, but its object "
                        + (size == null ? "is missing" : "is " + size + " bytes, not " + f.objectSize())
                        + " — archive again"));
            }
        }
        Set<String> dropped = new HashSet<>();
        for (TransferFailure failure : failures) {
            UploadPlan.PlannedFile f = byPath.get(failure.path());
            if (!f.multipart() || listed.containsKey(f.key())) {
                store.deleteQuietly(set.bucket(), f.key());
            }
            dropped.add(f.path());
        }
        long generation;
        try {
            generation = writeManifest(set, added, dropped, plan.previousGeneration());
        } catch (EncsyncException e) {
            for (ManifestEntry entry : added.values()) {
                store.deleteQuietly(set.bucket(), byPath.get(entry.path()).key());
            }
            throw e;
        }
        long bytes = added.values().stream().mapToLong(ManifestEntry::size).sum();
        return new ArchiveResult(set, generation, added.size(), bytes, failures);
    }

    private static Map<String, FileOutcome> parse(Map<?, ?> reply) {
        String what = "the agent's upload reply";
        Wire.requireFormat(reply, PresignedUploader.REPLY_FORMAT, what);
        Map<String, FileOutcome> outcomes = new HashMap<>();
        for (Map<?, ?> row : Wire.maps(reply, "files", what)) {
            FileOutcome o = FileOutcome.fromWire(row, what);
            outcomes.put(o.path(), o);
        }
        return outcomes;
    }

    /** Completes or aborts one file's upload; null when it is archived, else why not. */
    private TransferFailure settle(ArtifactSet set, UploadPlan.PlannedFile f, FileOutcome o) {
        String shown = "artifact " + ArtifactContent.shown(f.path(), set.label());
        TransferFailure failure = null;
        if (o == null) {
            failure = new TransferFailure(f.path(), ErrorCategory.REMOTE, shown + ": the agent did not report it — archive again");
        } else if (!o.ok()) {
            failure = new TransferFailure(f.path(), o.category(), o.error());
        } else if (o.size() != f.size() || o.mtimeNanos() != f.mtimeNanos() || o.etags().size() != f.parts()) {
            failure = new TransferFailure(f.path(), ErrorCategory.INTEGRITY, shown + ": the agent reported another size, "
                    + "time or part count than planned — not archived; archive again");
        }
        if (!f.multipart()) {
            return failure;
        }
        if (failure == null) {
            try {
                store.completeMultipart(set.bucket(), f.key(), f.uploadId(), o.etags());
                return null;
            } catch (EncsyncException e) {
                failure = new TransferFailure(f.path(), e.category(), shown + ": " + e.getMessage());
            }
        }
        store.abortMultipartQuietly(set.bucket(), f.key(), f.uploadId(), null);
        return failure;
    }

    /**
     * Writes the set's next manifest: the previous one's entries (only when it is the one the
     * build recorded) with {@code dropped} removed and {@code added} put in. When the build's
     * manifest is gone, the next generation still follows the one it recorded, so its readers'
     * rollback check keeps holding.
     */
    private long writeManifest(ArtifactSet set, Map<String, ManifestEntry> added, Set<String> dropped,
                               long previousGeneration) {
        synchronized (SET_LOCKS[Math.floorMod((set.bucket() + "/" + set.root()).hashCode(), SET_LOCKS.length)]) {
            Optional<Manifest> previous = store.readManifest(set, ctx);
            if (previous.isPresent() && previous.get().generation() != previousGeneration) {
                throw notThisBuilds(set, "generation " + previous.get().generation(), previousGeneration);
            }
            Map<String, ManifestEntry> entries = new TreeMap<>();
            previous.ifPresent(m -> entries.putAll(m.entries()));
            entries.keySet().removeAll(dropped);
            entries.putAll(added);
            Manifest next = new Manifest(previous.map(Manifest::repositoryId).orElseGet(() -> UUID.randomUUID().toString()),
                    previousGeneration + 1, clock.instant(), entries.values());
            store.writeManifest(set, next, ctx);
            return next.generation();
        }
    }

    /**
     * The refusal to archive into a set whose manifest ({@code found}) this build did not write;
     * {@code recorded} is the generation the build recorded for the set (0: none).
     */
    static EncsyncException notThisBuilds(ArtifactSet set, String found, long recorded) {
        return new IntegrityException(set + " already holds a manifest (" + found + ") that this build did not write ("
                + (recorded == 0 ? "it has archived nothing there" : "it recorded generation " + recorded)
                + "): another build's data is at this path; nothing was archived and that manifest was left as it was"
                + " — archive in a new build, or delete the objects under that path if they are no one's");
    }
}
