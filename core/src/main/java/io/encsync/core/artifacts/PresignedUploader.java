package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.cipher.ContentCipher;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Agent side, step 3 of an archive: uploads the files of an {@link UploadPlan} message through its
 * presigned URLs, encrypting each in rclone crypt format on the way ({@link FileUpload}), up to
 * {@link HttpTransferOptions#transfers()} files at once. Uses the JDK's HTTP client only: no AWS
 * SDK and no AWS credentials on the agent; the one secret it gets is the content key.
 *
 * <p>Every file is attempted; one failing does not stop the others. The reply (plain data, see the
 * package comment) reports each file's outcome for {@link ArtifactController#complete}. Nothing
 * is visible in the set before the controller completes it: whole objects land under keys the
 * manifest does not yet list, parts stay invisible until the controller completes their upload.
 */
public final class PresignedUploader {
    static final String REPLY_FORMAT = "encsync-artifacts-upload-reply-v1";

    private final HttpTransferOptions options;
    private final ObjectBody objectBody;

    public PresignedUploader(HttpTransferOptions options) {
        this(options, ObjectBody.CRYPT);
    }

    /** Uploads objects of another body than crypt: only the benchmark's baseline, with a plan made to match. */
    PresignedUploader(HttpTransferOptions options, ObjectBody objectBody) {
        this.options = Objects.requireNonNull(options, "options");
        this.objectBody = Objects.requireNonNull(objectBody, "objectBody");
    }

    /**
     * Uploads every file of {@code plan} (from {@link UploadPlan#toWire()}), reading each at
     * {@code workspace/<source>}.
     *
     * @return the reply for {@link ArtifactController#complete}: {@code java.*} types only
     * @throws EncsyncException when the plan is malformed or the upload is interrupted; per-file
     *     failures are in the reply instead
     */
    public Map<String, Object> upload(Path workspace, Map<?, ?> plan) {
        UploadOrder order = UploadOrder.fromWire(plan);
        ContentCipher cipher;
        try {
            cipher = ContentCipher.create(order.contentKey(), new SecureRandom(), 1);
        } finally {
            order.contentKey().destroy();
        }
        int transfers = options.transfers();
        ExecutorService files = pool("encsync-artifact-upload", transfers);
        ExecutorService parts = pool("encsync-artifact-part", transfers);
        AgentHttp http = new AgentHttp(options);
        FileUpload upload = new FileUpload(workspace, cipher, objectBody, http, parts, new Semaphore(transfers), order.label());
        try {
            List<Future<FileOutcome>> futures = new ArrayList<>(order.files().size());
            for (UploadOrder.FileOrder f : order.files()) {
                futures.add(files.submit(() -> upload.run(f)));
            }
            List<Object> rows = new ArrayList<>(futures.size());
            long bytes = 0;
            for (Future<FileOutcome> future : futures) {
                FileOutcome o = join(future, "the upload of " + order.label());
                rows.add(o.toWire());
                bytes += o.ok() ? o.size() : 0;
            }
            Map<String, Object> reply = new HashMap<>();
            reply.put("format", REPLY_FORMAT);
            reply.put("files", rows);
            reply.put("bytes", bytes);
            reply.put("retries", http.retries());
            return reply;
        } finally {
            files.shutdownNow();
            parts.shutdownNow();
        }
    }

    /** The result of a transfer task; {@code doing} names the whole transfer for an interruption. */
    static <T> T join(Future<T> future, String doing) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncsyncException(ErrorCategory.REMOTE, doing + " was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(doing + " failed", e.getCause());
        }
    }

    static ExecutorService pool(String name, int threads) {
        AtomicInteger n = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String toString() {
        return "PresignedUploader[" + options + (objectBody == ObjectBody.CRYPT ? "" : ", objects " + objectBody) + "]";
    }
}
