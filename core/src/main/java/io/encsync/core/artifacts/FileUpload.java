package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.fs.SafeFiles;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Uploads one file of an {@link UploadOrder}: reads it once, hashing the plaintext (SHA-256) and
 * encrypting it under a fresh nonce as it streams to its presigned URL(s).
 *
 * <ul>
 *   <li><b>Whole object</b>: streamed straight from the file. A retry reads the file again and
 *       encrypts it under the same nonce, which gives the same bytes only for the same plaintext,
 *       so the file must still have its planned size and mtime before a retry (reusing a nonce
 *       for other plaintext would expose both).</li>
 *   <li><b>Multipart</b>: the ciphertext is cut into the planned parts in memory buffers (at most
 *       {@code transfers} exist at once, shared by all files) that are uploaded in parallel and
 *       resent from the buffer on a retry.</li>
 *   <li><b>In transit</b>: S3's ETag of each whole object or part must be the MD5 of the bytes
 *       sent (except under SSE-KMS, where it is not an MD5); a mismatch is retried, so a body
 *       corrupted on the way is caught when it is written, not when it is restored.</li>
 *   <li><b>Changes</b>: a file whose size or mtime differs from the scan, before or after the
 *       upload, fails with a local I/O error; the controller then leaves it out.</li>
 * </ul>
 */
final class FileUpload {
    private final Path workspace;
    private final ContentCipher cipher;
    private final ObjectBody objectBody;
    private final AgentHttp http;
    private final ExecutorService partPool;
    private final Semaphore buffers;
    private final String label;

    /** What was sent: the plaintext's SHA-256 and the ETag of each part. */
    private record Sent(byte[] sha256, List<String> etags) {
    }

    FileUpload(Path workspace, ContentCipher cipher, ObjectBody objectBody, AgentHttp http, ExecutorService partPool,
               Semaphore buffers, String label) {
        this.workspace = workspace;
        this.cipher = cipher;
        this.objectBody = objectBody;
        this.http = http;
        this.partPool = partPool;
        this.buffers = buffers;
        this.label = label;
    }

    FileOutcome run(UploadOrder.FileOrder f) {
        String shown = "artifact " + ArtifactContent.shown(f.path(), label);
        try {
            requirePlannedSizes(f, shown);
            Path file = workspace.resolve(f.source());
            requireUnchanged(file, f, shown, "since it was listed");
            byte[] nonce = cipher.newNonce();
            Sent sent = f.multipart() ? multipart(file, f, nonce, shown) : whole(file, f, nonce, shown);
            requireUnchanged(file, f, shown, "while it was uploaded");
            return FileOutcome.success(f.path(), f.size(), f.mtimeNanos(), sent.sha256(), nonce, sent.etags());
        } catch (EncsyncException e) {
            return FileOutcome.failure(f.path(), e.category(), e.getMessage(), e instanceof AgentHttp.UrlExpiredException);
        }
    }

    private Sent whole(Path file, UploadOrder.FileOrder f, byte[] nonce, String shown) {
        MeasuredInputStream[] last = new MeasuredInputStream[1];
        String etag = http.withRetries(shown, "upload", false, () -> {
            if (last[0] != null) {
                requireUnchanged(file, f, shown, "before a retry");
            }
            MeasuredInputStream m = measured(file, f, shown);
            last[0] = m;
            MessageDigest md5 = AgentHttp.newMd5();
            try (InputStream body = new DigestInputStream(objectBody.open(cipher, m, nonce), md5)) {
                HttpResponse<String> r = http.client().send(http.request(f.put())
                        .PUT(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(once(body)), f.objectSize()))
                        .build(), BodyHandlers.ofString());
                AgentHttp.check(r.statusCode(), r.body());
                return AgentHttp.checkedEtag(r, md5.digest());
            } catch (IOException e) {
                throw localFailure(m, shown).orElseThrow(() -> e);
            }
        });
        if (!last[0].complete()) {
            throw new IntegrityException(shown + ": the upload did not read the whole file — archive again");
        }
        return new Sent(last[0].sha256(), List.of(etag));
    }

    private Sent multipart(Path file, UploadOrder.FileOrder f, byte[] nonce, String shown) {
        MeasuredInputStream m = measured(file, f, shown);
        List<Future<String>> etags = new ArrayList<>(f.parts().size());
        AtomicBoolean failed = new AtomicBoolean();
        try (InputStream ciphertext = objectBody.open(cipher, m, nonce)) {
            for (int i = 0; i < f.parts().size(); i++) {
                failFast(etags, shown);
                SignedUrl part = f.parts().get(i);
                byte[] buffer = takeBuffer(ciphertext, m, (int) part.size(), shown);
                int number = i + 1;
                etags.add(partPool.submit(() -> {
                    try {
                        return failed.get() ? null : uploadPart(part, buffer, number, shown);
                    } finally {
                        buffers.release();
                    }
                }));
            }
            List<String> done = new ArrayList<>(etags.size());
            for (Future<String> etag : etags) {
                done.add(await(etag, shown));
            }
            if (!m.complete()) {
                throw new IntegrityException(shown + ": the upload did not read the whole file — archive again");
            }
            return new Sent(m.sha256(), done);
        } catch (IOException e) {
            failed.set(true);
            drain(etags);
            throw EncsyncException.localIo(shown + ": cannot read the file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            failed.set(true);
            drain(etags);
            throw e;
        }
    }

    /**
     * The body for one attempt. Should the HTTP client ever subscribe twice (a retry of its own),
     * the second read fails instead of sending the rest of a half-read stream as a whole object;
     * our retry then starts over from the file.
     */
    private static Supplier<InputStream> once(InputStream body) {
        AtomicBoolean taken = new AtomicBoolean();
        return () -> taken.getAndSet(true) ? new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the request body was already sent once");
            }
        } : body;
    }

    /** Reads the next part of the ciphertext into a new buffer, once one of the shared permits is free. */
    private byte[] takeBuffer(InputStream ciphertext, MeasuredInputStream m, int length, String shown) {
        try {
            buffers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncsyncException(ErrorCategory.REMOTE, shown + ": upload was interrupted", e);
        }
        try {
            byte[] buffer = ciphertext.readNBytes(length);
            if (buffer.length < length) {
                throw shrank(shown, m);
            }
            return buffer;
        } catch (IOException e) {
            buffers.release();
            throw localFailure(m, shown).orElseGet(() -> EncsyncException.localIo(shown + ": cannot read the file: "
                    + e.getMessage(), e));
        } catch (RuntimeException e) {
            buffers.release();
            throw e;
        }
    }

    private String uploadPart(SignedUrl part, byte[] buffer, int number, String shown) {
        byte[] md5 = AgentHttp.newMd5().digest(buffer);
        return http.withRetries(shown, "upload of part " + number, false, () -> {
            HttpResponse<String> r = http.client().send(http.request(part).PUT(BodyPublishers.ofByteArray(buffer)).build(),
                    BodyHandlers.ofString());
            AgentHttp.check(r.statusCode(), r.body());
            return AgentHttp.checkedEtag(r, md5);
        });
    }

    private static void failFast(List<Future<String>> etags, String shown) {
        for (Future<String> f : etags) {
            if (f.isDone()) {
                await(f, shown);
            }
        }
    }

    private static String await(Future<String> f, String shown) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EncsyncException(ErrorCategory.REMOTE, shown + ": a part upload failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncsyncException(ErrorCategory.REMOTE, shown + ": upload was interrupted", e);
        }
    }

    /** Waits for every part task (queued ones skip their upload), so every buffer permit is back. */
    private static void drain(List<Future<String>> etags) {
        for (Future<String> f : etags) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException ignored) {
                // the first failure is the one reported
            }
        }
    }

    private MeasuredInputStream measured(Path file, UploadOrder.FileOrder f, String shown) {
        try {
            return new MeasuredInputStream(Files.newInputStream(file), f.size(), shown + ": file changed during upload "
                    + "(it shrank below its " + f.size() + " bytes) — archive again");
        } catch (IOException e) {
            throw SafeFiles.ioError(file, "cannot read the file to archive", e);
        }
    }

    /** The local cause of a failed transfer (the file shrank or could not be read), if it was local. */
    private static java.util.Optional<EncsyncException> localFailure(MeasuredInputStream m, String shown) {
        if (m.endedEarly()) {
            return java.util.Optional.of(shrank(shown, m));
        }
        if (m.sourceError() != null) {
            return java.util.Optional.of(EncsyncException.localIo(shown + ": cannot read the file: "
                    + m.sourceError().getMessage(), m.sourceError()));
        }
        return java.util.Optional.empty();
    }

    private static EncsyncException shrank(String shown, MeasuredInputStream m) {
        return EncsyncException.localIo(shown + ": file changed during upload (it ended after " + m.bytesRead()
                + " bytes) — archive again", null);
    }

    private void requirePlannedSizes(UploadOrder.FileOrder f, String shown) {
        long expected = objectBody.size(f.size());
        long planned = f.multipart() ? f.parts().stream().mapToLong(SignedUrl::size).sum() : f.put().size();
        if (f.objectSize() != expected || planned != expected) {
            throw new IntegrityException(shown + ": the plan is for a " + f.objectSize() + "-byte object, but "
                    + (objectBody == ObjectBody.CRYPT ? "encrypting " : "encoding ") + f.size() + " bytes gives " + expected
                    + " — the controller and the agent disagree; update the plugin on both");
        }
    }

    private static void requireUnchanged(Path file, UploadOrder.FileOrder f, String shown, String when) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw SafeFiles.ioError(file, "cannot read the file to archive", e);
        }
        if (a.size() != f.size() || a.lastModifiedTime().to(TimeUnit.NANOSECONDS) != f.mtimeNanos()) {
            throw EncsyncException.localIo(shown + ": file changed " + when + " (size or modification time) — "
                    + "archive again once nothing writes to it", null);
        }
    }
}
