package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.fs.PathRules;
import io.encsync.core.store.ObjectNotFoundException;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestEntry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Controller side of reading a set: its verified manifest, the download plan for an agent, and a
 * verified stream of one artifact for the UI. Problems the controller can see without reading
 * content — no manifest, an older generation than required, a path that is unsafe to write, an
 * object missing or of another size than recorded — are found here, all of them, each naming its
 * artifact, before any URL is handed out. Swapped, stale or modified content is found by
 * {@link ArtifactContent} while reading.
 */
final class SetReader {
    private static final String REMEDY = "not restored; archive it again";

    private final SetStore store;
    /** Build-page downloads: their own S3 client (connection pool), so they never starve the builds'. */
    private final SetStore pages;
    private final Presigning presigning;
    private final CryptContext ctx;

    SetReader(SetStore store, SetStore pages, Presigning presigning, CryptContext ctx) {
        this.store = store;
        this.pages = pages;
        this.presigning = presigning;
        this.ctx = ctx;
    }

    /** The manifest of {@code set}, verified; a set without one was never archived (or was deleted). */
    Manifest manifest(ArtifactSet set, long minGeneration) {
        Manifest m = store.readManifest(set, ctx).orElseThrow(() -> new EncsyncException(ErrorCategory.USAGE,
                set + " does not exist: it has no manifest (never archived, or deleted)"));
        if (m.generation() < minGeneration) {
            throw new IntegrityException("the manifest of " + set + " is at generation " + m.generation()
                    + ", older than the " + minGeneration + " recorded when it was archived — it was rolled back; "
                    + "nothing was restored");
        }
        return m;
    }

    DownloadPlan planDownload(ArtifactSet set, Collection<String> paths, long minGeneration) {
        Manifest manifest = manifest(set, minGeneration);
        Map<String, Long> listed = store.list(set.bucket(), set.root());
        Set<String> expectedKeys = new HashSet<>();
        expectedKeys.add(set.manifestKey());
        List<TransferFailure> problems = new ArrayList<>();
        List<DownloadPlan.Item> items = new ArrayList<>();
        Collection<String> wanted = paths == null ? manifest.entries().keySet() : paths;
        for (String path : wanted) {
            String shown = "artifact " + ArtifactContent.shown(path, set.label());
            ManifestEntry e = manifest.entries().get(path);
            if (e == null) {
                problems.add(new TransferFailure(path, ErrorCategory.USAGE, shown + ": not in the manifest (generation "
                        + manifest.generation() + ")"));
                continue;
            }
            String key = set.objectKey(ctx.names().encryptFileName(path));
            expectedKeys.add(key);
            String problem = objectProblem(e, listed.get(key), manifest.generation());
            if (problem == null) {
                problem = pathProblem(path);
            }
            if (problem != null) {
                problems.add(new TransferFailure(path, ErrorCategory.INTEGRITY, shown + ": " + problem));
                continue;
            }
            items.add(new DownloadPlan.Item(e, listed.get(key), presigning.get(set.bucket(), key).url()));
        }
        if (!problems.isEmpty()) {
            throw TransferFailure.combined("of " + set.label() + " cannot be restored", problems);
        }
        List<String> warnings = new ArrayList<>();
        if (paths == null) {
            for (String key : listed.keySet()) {
                if (!expectedKeys.contains(key)) {
                    warnings.add(set.location() + key.substring(set.root().length())
                            + ": not listed in the manifest of " + set.label() + " — ignored (added by someone else, "
                            + "or left by a failed archive)");
                }
            }
        }
        return new DownloadPlan(set.label(), manifest.generation(), ctx.contentKey(), items, warnings);
    }

    /**
     * The second round of a restore ({@link UrlRenewal}): the items {@code paths} of {@code plan}
     * with freshly signed GETs of their objects in {@code set}.
     */
    DownloadPlan renew(ArtifactSet set, DownloadPlan plan, Set<String> paths) {
        if (!set.label().equals(plan.label())) {
            throw new IllegalArgumentException(plan + " is not a plan for " + set);
        }
        List<DownloadPlan.Item> items = new ArrayList<>();
        for (DownloadPlan.Item i : plan.items()) {
            if (paths.contains(i.entry().path())) {
                String key = set.objectKey(ctx.names().encryptFileName(i.entry().path()));
                items.add(new DownloadPlan.Item(i.entry(), i.objectSize(), presigning.get(set.bucket(), key).url()));
            }
        }
        return new DownloadPlan(plan.label(), plan.generation(), ctx.contentKey(), items, List.of());
    }

    /** The verified plaintext of one artifact, streamed through the controller. */
    InputStream open(ArtifactSet set, String path, long maxSize, long minGeneration) {
        return open(set, manifest(set, minGeneration), path, maxSize);
    }

    /**
     * As {@link #open(ArtifactSet, String, long, long)}, from a manifest of {@code set} the caller
     * already verified (a build page keeps the one of the generation it recorded).
     */
    InputStream open(ArtifactSet set, Manifest manifest, String path, long maxSize) {
        String shown = "artifact " + ArtifactContent.shown(path, set.label());
        ManifestEntry e = manifest.entries().get(path);
        if (e == null) {
            throw new ObjectNotFoundException(set.toString(), PathRules.escape(path));
        }
        if (e.size() > maxSize) {
            throw EncsyncException.usage(shown + " is " + e.size() + " bytes, more than the " + maxSize
                    + " the controller streams — unstash or copy it to an agent instead");
        }
        String key = set.objectKey(ctx.names().encryptFileName(path));
        ResponseInputStream<GetObjectResponse> in = pages.get(set.bucket(), key).orElse(null);
        Long length = in == null ? null : in.response().contentLength();
        String problem = objectProblem(e, in == null ? null : length, 0);
        try {
            if (problem != null) {
                throw new IntegrityException(shown + ": " + problem);
            }
            return ArtifactContent.open(ctx.contentCipher(), new AbortingInputStream(in), e, shown,
                    "the download was stopped; archive it again");
        } catch (IOException ex) {
            closeQuietly(in);
            throw new EncsyncException(ErrorCategory.REMOTE, shown + ": reading it failed: " + ex.getMessage()
                    + " — try again", ex);
        } catch (RuntimeException ex) {
            closeQuietly(in);
            throw ex;
        }
    }

    /** Null when an object of {@code size} bytes (null: none) can hold {@code e}; else what is wrong. */
    private static String objectProblem(ManifestEntry e, Long size, long generation) {
        long want = ContentCipher.encryptedSize(e.size());
        if (size == null) {
            return "missing — the manifest" + (generation > 0 ? " (generation " + generation + ")" : "")
                    + " lists it but its object is gone; it was deleted";
        }
        if (size != want) {
            return "truncated or replaced — its object is " + size + " bytes, the manifest records " + e.size()
                    + " bytes (" + want + " encrypted)";
        }
        return null;
    }

    /** A key holder can forge a manifest too: its paths get the same checks as names written to disk. */
    private static String pathProblem(String path) {
        try {
            PathRules.defaults().parse(path, null);
            return null;
        } catch (IntegrityException e) {
            return e.getMessage();
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // the failure being reported matters more
        }
    }
}
