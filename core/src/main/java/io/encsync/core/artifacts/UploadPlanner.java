package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.s3.S3Keys;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Controller side, step 2 of an archive: turns the agent's scan into an {@link UploadPlan}. Names
 * are encrypted here (the agent never gets the name key); each object's size is the crypt size
 * of its file; objects of {@link S3Settings#multipartThreshold()} bytes or more become multipart
 * uploads that the controller creates itself, with one presigned URL per part of
 * {@link S3Settings#partSize()} bytes (the last part shorter). If planning fails halfway, the
 * multipart uploads already created are aborted.
 */
final class UploadPlanner {
    private final SetStore store;
    private final Presigning presigning;
    private final CryptContext ctx;
    private final S3Settings s3;

    UploadPlanner(SetStore store, Presigning presigning, CryptContext ctx, S3Settings s3) {
        this.store = store;
        this.presigning = presigning;
        this.ctx = ctx;
        this.s3 = s3;
    }

    /**
     * @param objectBody what the objects hold ({@link ObjectBody#CRYPT}; another only for the benchmark's baseline)
     * @param previousGeneration the set's generation its caller recorded (0: none), checked on completion
     */
    UploadPlan plan(ArtifactSet set, List<ArtifactScan.ScannedFile> scanned, ObjectBody objectBody, long previousGeneration) {
        List<UploadPlan.PlannedFile> planned = new ArrayList<>(scanned.size());
        List<Object> wireFiles;
        try {
            for (ArtifactScan.ScannedFile f : scanned) {
                planned.add(planFile(set, f, objectBody));
            }
            // Presigning is local CPU work (SigV4), about a millisecond a URL: spread it over the cores.
            wireFiles = new ArrayList<>(IntStream.range(0, planned.size()).parallel()
                    .mapToObj(i -> wire(set, planned.get(i))).toList());
        } catch (RuntimeException e) {
            for (UploadPlan.PlannedFile p : planned) {
                if (p.multipart()) {
                    store.abortMultipartQuietly(set.bucket(), p.key(), p.uploadId(), e);
                }
            }
            throw e;
        }
        Map<String, Object> wire = new HashMap<>();
        wire.put("format", UploadPlan.FORMAT);
        wire.put("set", set.label());
        try (SecretBytes key = ctx.contentKey()) {
            wire.put("contentKey", key.reveal());
        }
        wire.put("files", wireFiles);
        return new UploadPlan(set, planned, wire, previousGeneration);
    }

    /**
     * The message for a second round ({@link UrlRenewal}): the files {@code paths} of
     * {@code plan} with freshly signed URLs, for the same keys and multipart uploads.
     */
    Map<String, Object> renew(UploadPlan plan, java.util.Set<String> paths) {
        List<Object> files = new ArrayList<>();
        for (UploadPlan.PlannedFile f : plan.files()) {
            if (paths.contains(f.path())) {
                files.add(wire(plan.set(), f));
            }
        }
        Map<String, Object> wire = new HashMap<>();
        wire.put("format", UploadPlan.FORMAT);
        wire.put("set", plan.set().label());
        try (SecretBytes key = ctx.contentKey()) {
            wire.put("contentKey", key.reveal());
        }
        wire.put("files", files);
        return wire;
    }

    private UploadPlan.PlannedFile planFile(ArtifactSet set, ArtifactScan.ScannedFile f, ObjectBody objectBody) {
        String encryptedName;
        try {
            encryptedName = ctx.names().encryptFileName(f.path());
        } catch (EncsyncException e) {
            throw new EncsyncException(e.category(), "artifact " + ArtifactContent.shown(f.path(), set.label())
                    + ": " + e.getMessage(), e);
        }
        String key = set.objectKey(encryptedName);
        S3Keys.requireFits(key, "artifact " + ArtifactContent.shown(f.path(), set.label()));
        long objectSize = objectBody.size(f.size());
        if (objectSize < s3.multipartThreshold() || objectSize == 0) {
            return new UploadPlan.PlannedFile(f.path(), f.source(), f.size(), f.mtimeNanos(), key, objectSize, null, 1,
                    f.mode());
        }
        long parts = (objectSize + s3.partSize() - 1) / s3.partSize();
        if (parts > S3Settings.MAX_PARTS) {
            throw EncsyncException.usage("artifact " + ArtifactContent.shown(f.path(), set.label()) + " is " + f.size()
                    + " bytes: more than " + S3Settings.MAX_PARTS + " parts of " + s3.partSize()
                    + " bytes — raise the part size");
        }
        String uploadId = store.createMultipart(set.bucket(), key, ArtifactScan.instant(f.mtimeNanos()),
                s3.storageClass().orElse(null));
        return new UploadPlan.PlannedFile(f.path(), f.source(), f.size(), f.mtimeNanos(), key, objectSize, uploadId,
                (int) parts, f.mode());
    }

    private Map<String, Object> wire(ArtifactSet set, UploadPlan.PlannedFile p) {
        Map<String, Object> m = new HashMap<>();
        m.put("path", p.path());
        m.put("source", p.source());
        m.put("size", p.size());
        m.put("mtimeNanos", p.mtimeNanos());
        m.put("objectSize", p.objectSize());
        Instant mtime = ArtifactScan.instant(p.mtimeNanos());
        if (!p.multipart()) {
            m.put("put", presigning.put(set.bucket(), p.key(), p.objectSize(), mtime).toWire());
            return m;
        }
        List<Object> parts = new ArrayList<>(p.parts());
        for (int i = 0; i < p.parts(); i++) {
            long offset = i * s3.partSize();
            long length = Math.min(s3.partSize(), p.objectSize() - offset);
            parts.add(presigning.part(set.bucket(), p.key(), p.uploadId(), i + 1, length).toWire());
        }
        m.put("parts", parts);
        return m;
    }
}
