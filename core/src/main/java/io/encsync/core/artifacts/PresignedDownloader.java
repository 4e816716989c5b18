package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.fs.CollisionDetector;
import io.encsync.core.fs.PathRules;
import io.encsync.core.fs.PendingFile;
import io.encsync.core.fs.RelativePath;
import io.encsync.core.fs.SafeFiles;
import io.encsync.core.fs.SafeTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Agent side of a restore (unstash, copy): downloads the objects of a {@link DownloadPlan}
 * message through their presigned GETs, decrypts and verifies each against its manifest entry
 * ({@link ArtifactContent}: nonce, blocks, size, SHA-256) and writes it into the target folder
 * through {@link SafeTarget}: paths checked by {@link PathRules} and for case or Unicode
 * collisions, never through a symlink, into a temporary file given the recorded permission bits
 * and renamed over the final name only once the whole file verified. A failed or tampered artifact leaves nothing under its name.
 *
 * <p>Every artifact is attempted; failures are collected in the reply ({@link DownloadResult}).
 * JDK HTTP client only; the one secret it gets is the content key.
 */
public final class PresignedDownloader {
    /** Reply field: the paths whose URL S3 refused as expired (a subset of the failures). */
    static final String EXPIRED = "expired";
    private static final String REMEDY = "not restored; archive it again";

    private final HttpTransferOptions options;
    private final PathRules rules;

    public PresignedDownloader(HttpTransferOptions options) {
        this(options, PathRules.defaults());
    }

    /** @param rules the path rules of the target (e.g. portable ones on a Windows agent) */
    public PresignedDownloader(HttpTransferOptions options, PathRules rules) {
        this.options = Objects.requireNonNull(options, "options");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * Restores every artifact of {@code plan} (from {@link DownloadPlan#toWire()}) under
     * {@code target}, replacing files of the same name.
     *
     * @return the reply for the controller ({@link DownloadResult#fromWire}): {@code java.*} types only
     */
    public Map<String, Object> download(Path target, Map<?, ?> plan) {
        DownloadPlan order = DownloadPlan.fromWire(plan);
        ContentCipher cipher;
        try {
            cipher = ContentCipher.create(order.contentKey(), new SecureRandom(), 1);
        } finally {
            order.close();
        }
        AgentHttp http = new AgentHttp(options);
        List<TransferFailure> failures = Collections.synchronizedList(new ArrayList<>());
        Set<String> expired = ConcurrentHashMap.newKeySet();
        long files = 0;
        long bytes = 0;
        ExecutorService pool = PresignedUploader.pool("encsync-artifact-download", options.transfers());
        try (SafeTarget safe = SafeTarget.open(target)) {
            CollisionDetector collisions = new CollisionDetector(safe.foldsCase());
            List<Future<Long>> futures = new ArrayList<>();
            for (DownloadPlan.Item item : order.items()) {
                String shown = "artifact " + ArtifactContent.shown(item.entry().path(), order.label());
                RelativePath path;
                try {
                    path = rules.parse(item.entry().path(), null);
                    collisions.check(path, null);
                } catch (IntegrityException e) {
                    failures.add(new TransferFailure(item.entry().path(), e.category(), shown + ": " + e.getMessage()));
                    continue;
                }
                futures.add(pool.submit(() -> fetch(http, cipher, safe, item, path, shown, failures, expired)));
            }
            for (Future<Long> f : futures) {
                long size = PresignedUploader.join(f, "the download of " + order.label());
                if (size >= 0) {
                    files++;
                    bytes += size;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> reply = new DownloadResult(order.label(), files, bytes, http.retries(), failures).toWire();
        reply.put(EXPIRED, new ArrayList<>(expired));
        return reply;
    }

    /**
     * One artifact, with retries; returns its size, or -1 after recording its failure (and in
     * {@code expired} when S3 refused its URL as expired: the controller may sign a fresh one).
     */
    private static long fetch(AgentHttp http, ContentCipher cipher, SafeTarget safe, DownloadPlan.Item item,
                              RelativePath path, String shown, List<TransferFailure> failures, Set<String> expired) {
        SignedUrl get = new SignedUrl(item.url(), Map.of(), -1);
        try {
            return http.withRetries(shown, "download", true, () -> {
                HttpResponse<InputStream> r = http.client().send(http.get(get).build(), BodyHandlers.ofInputStream());
                try (InputStream body = http.body(r.body())) {
                    if (r.statusCode() / 100 != 2) {
                        AgentHttp.check(r.statusCode(), new String(body.readNBytes(4096), StandardCharsets.UTF_8));
                    }
                    long length = r.headers().firstValueAsLong("content-length").orElse(item.objectSize());
                    if (length != item.objectSize()) {
                        throw new IntegrityException(shown + ": truncated or replaced — its object is " + length
                                + " bytes, the manifest records " + item.entry().size() + " bytes (" + item.objectSize()
                                + " encrypted); " + REMEDY);
                    }
                    try (PendingFile pending = safe.openForWrite(path);
                         InputStream plain = ArtifactContent.open(cipher, body, item.entry(), shown, REMEDY)) {
                        copy(plain, pending.output(), safe.root().resolve(path.toString()));
                        pending.commit(ArtifactScan.instant(item.entry().mtimeNanos()), item.entry().mode());
                    }
                }
                return item.entry().size();
            });
        } catch (EncsyncException e) {
            failures.add(new TransferFailure(item.entry().path(), e.category(), e.getMessage()));
            if (e instanceof AgentHttp.UrlExpiredException) {
                expired.add(item.entry().path());
            }
            return -1;
        }
    }

    /** Copies; a failed read is the network's (retried), a failed write is local (not retried). */
    private static void copy(InputStream in, OutputStream out, Path file) throws IOException {
        byte[] buf = new byte[ContentCipher.BLOCK_DATA_SIZE];
        for (int n; (n = in.read(buf)) >= 0; ) {
            try {
                out.write(buf, 0, n);
            } catch (IOException e) {
                throw SafeFiles.ioError(file, "cannot write", e);
            }
        }
    }

    @Override
    public String toString() {
        return "PresignedDownloader[" + options + "]";
    }
}
