package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.s3.S3Connection;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The controller's half of encrypted artifact storage: the only place that holds AWS credentials,
 * the password-derived keys and the manifest key. See the package comment for the protocol.
 *
 * <p>Archive: {@link #planUpload} (from the agent's {@link ArtifactScan}), the agent runs
 * {@link PresignedUploader} on {@link UploadPlan#toWire()}, then {@link #complete} with its reply
 * — or {@link #abort} if the agent call itself failed. Restore: {@link #planDownload}, the agent
 * runs {@link PresignedDownloader}. UI: {@link #manifest} lists, {@link #open} streams one
 * artifact. {@link #delete} removes a set; {@link ArtifactCleaner} does that without the password.
 *
 * <p>Thread-safe; build one per configuration and reuse it (it owns one S3 client and derives the
 * keys once). {@link #close()} releases the client and wipes the keys.
 */
public final class ArtifactController implements AutoCloseable {
    /** Connections of the build pages' own S3 client: downloads through the controller are few. */
    static final int PAGE_CONNECTIONS = 4;

    /**
     * Sends a message to the agent and returns its reply (in Jenkins: a {@code FilePath.act} of a
     * callable carrying the message). Used for a transfer's first round and, once, for the files
     * whose URLs S3 refused as expired.
     */
    @FunctionalInterface
    public interface AgentCall {
        Map<?, ?> send(Map<String, Object> message) throws IOException, InterruptedException;
    }

    private final ArtifactOptions options;
    private final CryptContext ctx;
    private final SetStore store;
    private final SetStore pages;
    private final Presigning presigning;
    private final UploadPlanner planner;
    private final ArchiveCompleter completer;
    private final SetReader reader;
    private final ArtifactCleaner cleaner;
    private final AutoCloseable owned;

    private ArtifactController(S3Settings s3, CryptContext ctx, ArtifactOptions options, AutoCloseable owned) {
        this.options = options;
        this.ctx = ctx;
        this.owned = owned;
        this.store = new SetStore(S3Connection.open(s3));
        SetStore pageStore = null;
        try {
            pageStore = new SetStore(S3Connection.open(s3, PAGE_CONNECTIONS));
            this.presigning = Presigning.open(s3, options.urlExpiry());
        } catch (RuntimeException e) {
            store.close();
            if (pageStore != null) {
                pageStore.close();
            }
            throw e;
        }
        this.pages = pageStore;
        this.planner = new UploadPlanner(store, presigning, ctx, s3);
        this.completer = new ArchiveCompleter(store, ctx, options.clock());
        this.reader = new SetReader(store, pages, presigning, ctx);
        this.cleaner = new ArtifactCleaner(store, null);
    }

    /** Starts deriving the keys (in the background) and builds the S3 client and presigner. */
    public static ArtifactController open(S3Settings s3, CryptConfig crypt, ArtifactOptions options) {
        return open(s3, crypt, options, null);
    }

    /**
     * As {@link #open(S3Settings, CryptConfig, ArtifactOptions)}, and {@link #close()} also closes
     * {@code owned} (such as the credentials provider inside {@code s3}); it is closed here too
     * when opening fails.
     */
    public static ArtifactController open(S3Settings s3, CryptConfig crypt, ArtifactOptions options,
                                          AutoCloseable owned) {
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(crypt, "crypt");
        Objects.requireNonNull(options, "options");
        CryptContext ctx = CryptContext.open(crypt, 1);
        try {
            return new ArtifactController(s3, ctx, options, owned);
        } catch (RuntimeException e) {
            ctx.close();
            closeQuietly(owned);
            throw e;
        }
    }

    /**
     * Plans the upload of the files in {@code scan} (the reply of {@link ArtifactScan#scan} on the
     * agent) into {@code set}, a set nothing was archived into yet: as
     * {@link #planUpload(ArtifactSet, Map, long)} with generation 0.
     */
    public UploadPlan planUpload(ArtifactSet set, Map<?, ?> scan) {
        return planUpload(set, scan, 0);
    }

    /**
     * Plans the upload of the files in {@code scan} (the reply of {@link ArtifactScan#scan} on the
     * agent) into {@code set}: encrypts their names, creates the multipart uploads of large files
     * and presigns every request. Nothing is visible in the set until {@link #complete}, which
     * merges into the set's manifest only when it is still the one of {@code previousGeneration}.
     *
     * @param previousGeneration the generation the caller recorded for {@code set}
     *     ({@link ArchiveResult#generation()} of its last archive into it), 0 when it has none
     * @throws io.encsync.core.IntegrityException when {@code previousGeneration} is 0 and the set
     *     already has a manifest: another build's data is at its root, and nothing is uploaded
     *     over it
     */
    public UploadPlan planUpload(ArtifactSet set, Map<?, ?> scan, long previousGeneration) {
        return planUpload(set, scan, ObjectBody.CRYPT, previousGeneration);
    }

    /** The benchmark's baseline plans objects of another body than crypt (its plaintext). */
    UploadPlan planUpload(ArtifactSet set, Map<?, ?> scan, ObjectBody objectBody) {
        return planUpload(set, scan, objectBody, 0);
    }

    private UploadPlan planUpload(ArtifactSet set, Map<?, ?> scan, ObjectBody objectBody, long previousGeneration) {
        if (previousGeneration < 0) {
            throw new IllegalArgumentException("previousGeneration must be >= 0, was " + previousGeneration);
        }
        List<ArtifactScan.ScannedFile> files = ArtifactScan.fromWire(scan);
        if (previousGeneration == 0 && store.hasManifest(set)) {
            throw ArchiveCompleter.notThisBuilds(set, "found at " + set.manifestKey(), 0);
        }
        return planner.plan(set, files, objectBody, previousGeneration);
    }

    /**
     * Archive step 3 through {@code agent}: sends the plan's message, and when S3 refused some
     * files' URLs as expired, signs fresh URLs for exactly those files and sends them once more.
     *
     * @return the agent's reply, both rounds merged, for {@link #complete}
     * @throws io.encsync.core.IntegrityException when a reply is malformed
     */
    public Map<?, ?> upload(UploadPlan plan, AgentCall agent) throws IOException, InterruptedException {
        Map<?, ?> reply = agent.send(plan.toWire());
        Set<String> expired = UrlRenewal.expiredUploads(plan, reply);
        if (expired.isEmpty()) {
            return reply;
        }
        Map<String, Object> renewed = planner.renew(plan, expired);
        try {
            return UrlRenewal.mergeUploads(reply, agent.send(renewed), expired);
        } finally {
            if (renewed.get("contentKey") instanceof byte[] key) {
                java.util.Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * A restore through {@code agent}: sends {@code plan} (from {@link #planDownload} of
     * {@code set}), and when S3 refused some files' URLs as expired, signs fresh GETs for exactly
     * those and sends them once more.
     *
     * @return both rounds as one result
     */
    public DownloadResult download(ArtifactSet set, DownloadPlan plan, AgentCall agent)
            throws IOException, InterruptedException {
        Map<?, ?> reply = agent.send(plan.toWire());
        DownloadResult first = DownloadResult.fromWire(reply);
        Set<String> expired = UrlRenewal.expiredDownloads(plan, reply, first);
        if (expired.isEmpty()) {
            return first;
        }
        try (DownloadPlan renewed = reader.renew(set, plan, expired)) {
            DownloadResult second = DownloadResult.fromWire(agent.send(renewed.toWire()));
            return UrlRenewal.mergeDownloads(first, second, expired);
        }
    }

    /**
     * Finishes an archive from the agent's reply (the result of {@link PresignedUploader#upload}):
     * completes multipart uploads, checks every object, and writes the set's manifest with a
     * generation one higher. Files that failed are reported in the result and left out.
     */
    public ArchiveResult complete(UploadPlan plan, Map<?, ?> reply) {
        return completer.complete(plan, reply);
    }

    /**
     * Undoes {@code plan} when the agent never replied (channel lost, build aborted): aborts its
     * multipart uploads, deletes what single PUTs may have stored, and leaves the manifest listing
     * only what earlier archives stored.
     */
    public ArchiveResult abort(UploadPlan plan, String reason) {
        return completer.abort(plan, reason);
    }

    /**
     * Everything an agent needs to restore {@code set} (or only {@code paths} of it, when not
     * null), after checking the manifest and every object's size.
     *
     * @param minGeneration the generation {@link ArchiveResult#generation()} reported (0: no check);
     *     an older manifest means the set was rolled back and is refused
     * @throws io.encsync.core.IntegrityException naming every artifact that is missing, truncated,
     *     unsafe to write, or when the manifest is forged or rolled back
     */
    public DownloadPlan planDownload(ArtifactSet set, Collection<String> paths, long minGeneration) {
        return reader.planDownload(set, paths, minGeneration);
    }

    /** The whole set, without a generation check. */
    public DownloadPlan planDownload(ArtifactSet set) {
        return planDownload(set, null, 0);
    }

    /** The verified manifest of {@code set}: its files with sizes, mtimes and hashes, and its generation. */
    public Manifest manifest(ArtifactSet set) {
        return manifest(set, 0);
    }

    /**
     * The verified manifest of {@code set}, refused as rolled back when its generation is below
     * {@code minGeneration} (the one {@link ArchiveResult#generation()} reported; 0: no check).
     */
    public Manifest manifest(ArtifactSet set, long minGeneration) {
        return reader.manifest(set, minGeneration);
    }

    /**
     * One artifact's plaintext, decrypted here, for a download from the UI. The stream verifies
     * the object's nonce at once and the size and SHA-256 at its end: a read fails loudly with
     * an {@link io.encsync.core.IntegrityException} naming the artifact instead of ending quietly.
     *
     * @throws io.encsync.core.EncsyncException (usage) when the artifact is larger than
     *     {@link ArtifactOptions#maxStreamSize()}
     */
    public InputStream open(ArtifactSet set, String path) {
        return open(set, path, 0);
    }

    /** As {@link #open(ArtifactSet, String)}, refusing a manifest older than {@code minGeneration}. */
    public InputStream open(ArtifactSet set, String path, long minGeneration) {
        return reader.open(set, path, options.maxStreamSize(), minGeneration);
    }

    /**
     * As {@link #open(ArtifactSet, String)}, from {@code manifest}: the verified manifest of
     * {@code set} the caller got from {@link #manifest(ArtifactSet, long)} and keeps for its
     * generation, so a page of downloads does not read and verify the manifest once per file.
     * The body comes through the build pages' own S3 client; closing the stream before its end
     * aborts the request rather than reading the rest from S3.
     */
    public InputStream open(ArtifactSet set, Manifest manifest, String path) {
        return reader.open(set, Objects.requireNonNull(manifest, "manifest"), path, options.maxStreamSize());
    }

    /** As {@link ArtifactCleaner#delete}. */
    public int delete(ArtifactSet set) {
        return cleaner.delete(set);
    }

    /** As {@link ArtifactCleaner#deleteStashes}. */
    public int deleteStashes(ArtifactBuild build) {
        return cleaner.deleteStashes(build);
    }

    /** As {@link ArtifactCleaner#deleteBuild}. */
    public int deleteBuild(ArtifactBuild build) {
        return cleaner.deleteBuild(build);
    }

    /**
     * Copies everything of {@code from} (artifacts and stashes) to {@code to}, inside S3: for a
     * build that continues another (a Pipeline restarted from a stage). Both must be in the same
     * bucket. Each set's manifest is read and verified (MAC and place) and written again sealed
     * for its new place, with the same files and generation: the copies verify as the originals.
     *
     * @return the number of objects copied
     * @throws EncsyncException (usage) when the buckets differ
     */
    public int copyBuild(ArtifactBuild from, ArtifactBuild to) {
        return copyBuild(from, to, SetStore.MAX_COPY, SetStore.COPY_PART);
    }

    /** Tests copy large objects in parts with small limits. */
    int copyBuild(ArtifactBuild from, ArtifactBuild to, long maxSingleCopy, long copyPart) {
        if (!from.bucket().equals(to.bucket())) {
            throw EncsyncException.usage("cannot copy the artifacts of " + from.job() + " #" + from.number()
                    + " from bucket " + from.bucket() + " to bucket " + to.bucket()
                    + " — builds that continue one another must use the same bucket");
        }
        // Every manifest is verified (MAC, place) before anything is copied: one that does not
        // (another password, a set copied over this build's) stops the copy with nothing written.
        Map<String, Manifest> manifests = new HashMap<>();
        for (String key : store.list(from.bucket(), from.root()).keySet()) {
            if (key.endsWith("/" + Manifest.KEY)) {
                String root = key.substring(0, key.length() - Manifest.KEY.length());
                ArtifactSet set = set(from, root);
                manifests.put(root, store.readManifest(set, ctx).orElseThrow(() -> vanished(set)));
            }
        }
        return store.copyPrefix(from.bucket(), from.root(), to.root(), maxSingleCopy, copyPart, (fromRoot, toRoot) -> {
            ArtifactSet source = set(from, fromRoot);
            Manifest m = manifests.containsKey(fromRoot) ? manifests.get(fromRoot)
                    : store.readManifest(source, ctx).orElseThrow(() -> vanished(source));
            store.writeManifest(set(to, toRoot), m, ctx); // sealed for its new place
        });
    }

    private static EncsyncException vanished(ArtifactSet set) {
        return new EncsyncException(ErrorCategory.REMOTE, "the manifest of " + set
                + " vanished while the build was copied — run the build again");
    }

    /** The set of {@code build} whose root is {@code root}, labelled as the build labels it where it can. */
    private static ArtifactSet set(ArtifactBuild build, String root) {
        ArtifactSet artifacts = build.artifacts();
        if (artifacts.root().equals(root)) {
            return artifacts;
        }
        if (root.startsWith(build.stashesRoot())) {
            String name = root.substring(build.stashesRoot().length(), root.length() - 1);
            try {
                ArtifactSet stash = build.stash(name);
                if (stash.root().equals(root)) {
                    return stash;
                }
            } catch (EncsyncException notAStashName) {
                // labelled by its place below
            }
        }
        return new ArtifactSet(build.bucket(), root, "the set at s3://" + build.bucket() + "/" + root);
    }

    @Override
    public void close() {
        try {
            presigning.close();
            store.close();
            pages.close();
        } finally {
            ctx.close();
            closeQuietly(owned);
        }
    }

    static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // closing what the controller owned (a credentials refresher) has nothing to report
        }
    }

    @Override
    public String toString() {
        return "ArtifactController[" + options + ", " + ctx.config() + "]";
    }
}
