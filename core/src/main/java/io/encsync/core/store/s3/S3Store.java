package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.ObjectNotFoundException;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A {@link Store} over an S3 bucket and prefix, writing objects as rclone's S3 backend does.
 *
 * <ul>
 *   <li><b>Keys</b>: {@code prefix/key}; {@link #list()} strips the prefix and skips folder markers
 *       (keys ending in {@code /}).</li>
 *   <li><b>Mtime</b>: {@link #put} stores it in {@code X-Amz-Meta-Mtime} (rclone's format);
 *       {@link #stat} reads it back with a HEAD, falling back to LastModified. {@link #list()}
 *       reports LastModified: ListObjectsV2 carries no user metadata and a HEAD per object would
 *       cost a request per file; sync takes mtimes from its manifest instead.</li>
 *   <li><b>Uploads</b>: below {@link S3Settings#multipartThreshold()} one PUT with Content-MD5, so the
 *       ETag is the MD5 rclone compares; above, a multipart upload with {@code X-Amz-Meta-Md5chksum}.
 *       Both need the MD5 before the first byte is sent, so content over 1 MiB is read twice (hash
 *       pass, then upload pass): for encrypted content that is a second encryption, the price
 *       rclone pays too. Multipart memory is bounded for the whole store by
 *       {@code partSize × uploadConcurrency}.</li>
 *   <li><b>Downloads</b>: ranged GETs that resume after a reset, pinned to the ETag, and checked
 *       against the stored MD5 when the whole object is read.</li>
 *   <li><b>Errors</b>: the SDK retries (see {@link S3Clients#retryStrategy}); what is left is mapped
 *       by {@link S3Errors}. {@link #retryCount()} tells how many retries were needed.</li>
 * </ul>
 */
public final class S3Store implements Store {
    static final String CONTENT_TYPE = "application/octet-stream";
    /** Content up to this size is hashed and sent from memory: one read instead of two. */
    private static final int IN_MEMORY_LIMIT = 1024 * 1024;

    private final S3Location location;
    private final S3Settings settings;
    private final S3Client s3;
    private final RetryCounter retries;
    private final PartBufferPool partBuffers;
    private final ExecutorService uploader;
    private final Instant openedAt;

    private S3Store(S3Location location, S3Settings settings, S3Client s3, RetryCounter retries) {
        this.location = location;
        this.settings = settings;
        this.s3 = s3;
        this.retries = retries;
        this.partBuffers = new PartBufferPool((int) settings.partSize(), settings.uploadConcurrency());
        AtomicInteger threads = new AtomicInteger();
        this.uploader = Executors.newFixedThreadPool(settings.uploadConcurrency(), r -> {
            Thread t = new Thread(r, "encsync-s3-upload-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.openedAt = Instant.now();
    }

    /**
     * Builds one S3 client for the store and checks, with one small listing, that the bucket
     * exists, is in the configured region and that the credentials are accepted: so a wrong setting
     * fails here, at once, with a clear message.
     */
    public static S3Store open(S3Location location, S3Settings settings) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(settings, "settings");
        RetryCounter retries = new RetryCounter();
        S3Client client = S3Clients.s3(settings, retries);
        S3Store store = new S3Store(location, settings, client, retries);
        try {
            client.listObjectsV2(r -> r.bucket(location.bucket()).maxKeys(1).prefix(emptyToNull(location.keyPrefix())));
        } catch (SdkException e) {
            store.close();
            throw S3Errors.map(e, "s3:ListBucket", location.toString());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    public S3Location location() {
        return location;
    }

    public S3Settings settings() {
        return settings;
    }

    /** Retries the SDK made, plus download resumes, since the store was opened (for "3 requests retried"). */
    public long retryCount() {
        return retries.retries();
    }

    /** How many part buffers exist: never more than {@code uploadConcurrency} (the memory bound). */
    int partBuffersAllocated() {
        return partBuffers.allocated();
    }

    @Override
    public String describe() {
        return location.toString();
    }

    @Override
    public List<StoreObject> list() {
        String keyPrefix = location.keyPrefix();
        List<StoreObject> objects = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(location.bucket()).prefix(emptyToNull(keyPrefix))).contents()) {
                if (o.key().endsWith("/") || !o.key().startsWith(keyPrefix) || o.key().length() == keyPrefix.length()) {
                    continue;
                }
                objects.add(new StoreObject(location.storeKey(o.key()), o.size(), o.lastModified()));
            }
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:ListBucket", location.toString());
        }
        // S3 sorts by UTF-8 bytes; the Store contract promises String (UTF-16) order.
        objects.sort(Comparator.comparing(StoreObject::key));
        return List.copyOf(objects);
    }

    @Override
    public Optional<StoreObject> stat(String key) {
        checkKey(key);
        HeadObjectResponse head;
        try {
            head = s3.headObject(r -> r.bucket(location.bucket()).key(location.objectKey(key)));
        } catch (SdkException e) {
            if (S3Errors.isNoSuchKey(e)) {
                return Optional.empty();
            }
            throw S3Errors.map(e, "s3:GetObject (HeadObject)", location.describe(key));
        }
        Instant modTime = RcloneMtime.parse(head.metadata().get(RcloneMtime.METADATA_KEY)).orElse(head.lastModified());
        return Optional.of(new StoreObject(key, head.contentLength(), modTime));
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        checkKey(key);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        if (length == 0) {
            // S3 cannot express an empty range; still report a missing object.
            stat(key).orElseThrow(() -> new ObjectNotFoundException(describe(), key));
            return InputStream.nullInputStream();
        }
        String where = location.describe(key);
        String range = offset == 0 && length < 0 ? null
                : "bytes=" + offset + "-" + (length < 0 ? "" : Long.toString(offset + length - 1));
        ResponseInputStream<GetObjectResponse> first;
        try {
            first = s3.getObject(GetObjectRequest.builder().bucket(location.bucket()).key(location.objectKey(key)).range(range).build());
        } catch (SdkException e) {
            if (S3Errors.isNoSuchKey(e)) {
                throw new ObjectNotFoundException(describe(), key);
            }
            if (S3Errors.hasStatus(e, 416)) {
                // The range starts at or after the end: nothing to read, if the object exists.
                stat(key).orElseThrow(() -> new ObjectNotFoundException(describe(), key));
                return InputStream.nullInputStream();
            }
            throw S3Errors.map(e, "s3:GetObject", where);
        }
        String expectedMd5 = range == null ? storedMd5Hex(first.response()) : null;
        return new ResumingInputStream(first, offset, (from, to, etag) -> {
            try {
                return s3.getObject(GetObjectRequest.builder().bucket(location.bucket()).key(location.objectKey(key))
                        .range("bytes=" + from + "-" + to).ifMatch(etag).build());
            } catch (SdkException e) {
                throw S3Errors.map(e, "s3:GetObject (resume at byte " + from + ")", where);
            }
        }, where, expectedMd5, settings.maxAttempts() - 1, retries);
    }

    /** The MD5 rclone would report for the object, as hex, or null when S3 does not give one. */
    private static String storedMd5Hex(GetObjectResponse response) {
        if (isKms(response.serverSideEncryption())) {
            return null;
        }
        if (Md5.isPlainMd5(response.eTag())) {
            return Md5.unquote(response.eTag());
        }
        String md5chksum = response.metadata().get(MultipartUpload.MD5_METADATA_KEY);
        try {
            return md5chksum == null ? null : Md5.base64ToHex(md5chksum);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void put(String key, ContentSource content, Instant modTime) {
        checkKey(key);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(modTime, "modTime");
        String where = location.describe(key);
        long length = content.length();
        if (length > 0 && length >= settings.multipartThreshold()) {
            byte[] md5 = Md5.of(content, where);
            new MultipartUpload(s3, partBuffers, uploader, location.bucket(), location.objectKey(key), where)
                    .run(content, modTime, Base64.getEncoder().encodeToString(md5));
            return;
        }
        putSingle(key, content, modTime, where, length);
    }

    private void putSingle(String key, ContentSource content, Instant modTime, String where, long length) {
        RequestBody body;
        byte[] md5;
        if (length <= IN_MEMORY_LIMIT) {
            byte[] bytes = readAll(content, where);
            md5 = Md5.newDigest().digest(bytes);
            body = RequestBody.fromBytes(bytes);
        } else {
            md5 = Md5.of(content, where);
            body = RequestBody.fromContentProvider(() -> {
                try {
                    return content.open();
                } catch (IOException e) {
                    throw EncsyncException.localIo("could not read the content for " + where + ": " + e.getMessage(), e);
                }
            }, length, CONTENT_TYPE);
        }
        PutObjectResponse response;
        try {
            response = s3.putObject(r -> r.bucket(location.bucket()).key(location.objectKey(key))
                    .contentType(CONTENT_TYPE).contentLength(length)
                    .contentMD5(Base64.getEncoder().encodeToString(md5))
                    .metadata(Map.of(RcloneMtime.METADATA_KEY, RcloneMtime.format(modTime))), body);
        } catch (SdkException e) {
            EncsyncException local = localCause(e);
            throw local != null ? local : S3Errors.map(e, "s3:PutObject", where);
        }
        String sent = HexFormat.of().formatHex(md5);
        // S3 rejects a body that does not match Content-MD5; this also covers servers that do not check (moto).
        if (!isKms(response.serverSideEncryption()) && !sent.equals(Md5.unquote(response.eTag()))) {
            throw new EncsyncException(ErrorCategory.REMOTE, where + " was stored with ETag " + response.eTag()
                    + " but we sent MD5 " + sent + " — the upload was corrupted on the way; run again");
        }
    }

    private static byte[] readAll(ContentSource content, String where) {
        try (InputStream in = content.open()) {
            byte[] bytes = in.readNBytes((int) content.length() + 1);
            if (bytes.length != content.length()) {
                throw EncsyncException.localIo("the content for " + where + " has " + (bytes.length > content.length() ? "more than " : "")
                        + bytes.length + " bytes, expected " + content.length() + " — it changed while it was uploaded; run again", null);
            }
            return bytes;
        } catch (IOException e) {
            throw EncsyncException.localIo("could not read the content for " + where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) {
        checkKey(key);
        try {
            s3.deleteObject(r -> r.bucket(location.bucket()).key(location.objectKey(key)));
        } catch (SdkException e) {
            if (S3Errors.isNoSuchKey(e)) {
                return;
            }
            throw S3Errors.map(e, "s3:DeleteObject", location.describe(key));
        }
    }

    /**
     * Aborts the unfinished multipart uploads under the prefix that were started before this store
     * was opened: those of a push that was killed. Uploads started later may belong to a push
     * running right now, so they are left alone (with clocks far apart, a leftover may survive
     * until the next push; that costs storage, never data).
     */
    @Override
    public int cleanupAbandonedWrites() {
        int aborted = 0;
        try {
            for (var upload : s3.listMultipartUploadsPaginator(r -> r.bucket(location.bucket())
                    .prefix(emptyToNull(location.keyPrefix()))).uploads()) {
                if (upload.initiated() != null && upload.initiated().isAfter(openedAt)) {
                    continue;
                }
                try {
                    s3.abortMultipartUpload(r -> r.bucket(location.bucket()).key(upload.key()).uploadId(upload.uploadId()));
                } catch (SdkException e) {
                    if (!S3Errors.hasStatus(e, 404)) {
                        throw S3Errors.map(e, "s3:AbortMultipartUpload", "s3://" + location.bucket() + "/" + upload.key());
                    }
                }
                aborted++;
            }
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:ListBucketMultipartUploads", location.toString());
        }
        return aborted;
    }

    @Override
    public void close() {
        uploader.shutdownNow();
        s3.close();
    }

    @Override
    public String toString() {
        return "S3Store{" + location + ", " + settings + "}";
    }

    private static void checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException("key must be non-empty without a leading or trailing '/', was '" + key + "'");
        }
    }

    private static boolean isKms(ServerSideEncryption sse) {
        return sse == ServerSideEncryption.AWS_KMS || sse == ServerSideEncryption.AWS_KMS_DSSE;
    }

    private static EncsyncException localCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof EncsyncException e) {
                return e;
            }
        }
        return null;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
