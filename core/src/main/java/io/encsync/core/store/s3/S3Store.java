package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.ObjectNotFoundException;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreKeys;
import io.encsync.core.store.StoreObject;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A {@link Store} over an S3 bucket and prefix, writing objects as rclone's S3 backend does.
 *
 * <ul>
 *   <li><b>Keys</b>: {@code prefix/key}; {@link #list()} strips the prefix and skips folder markers
 *       (keys ending in {@code /}).</li>
 *   <li><b>Mtime</b>: {@link #put} stores it in {@code X-Amz-Meta-Mtime} (rclone's format);
 *       {@link #stat} and {@link #list()} read it back with a HEAD per object (ListObjectsV2
 *       carries no user metadata), falling back to LastModified; {@link #listKeysAndSizes()} skips
 *       the HEADs and reports LastModified.</li>
 *   <li><b>Uploads</b>: below {@link S3Settings#multipartThreshold()} one PUT with Content-MD5, so the
 *       ETag is the MD5 rclone compares; above, a multipart upload with {@code X-Amz-Meta-Md5chksum}.
 *       Both need the MD5 before the first byte is sent: content up to the part size is read once
 *       into a pooled part buffer, larger content is read twice (hash pass, then upload pass): for
 *       encrypted content that is a second encryption, the price rclone pays too. Upload memory
 *       is bounded for the whole store by {@code partSize × uploadConcurrency}.</li>
 *   <li><b>Downloads</b>: ranged GETs that resume after a reset, pinned to the ETag, and checked
 *       against the stored MD5 when the whole object is read (except through
 *       {@link #openAuthenticatedContent}, whose caller checks every block itself).</li>
 *   <li><b>Errors</b>: the SDK retries (see {@link S3Clients#retryStrategy}); what is left is mapped
 *       by {@link S3Errors}. {@link #retryCount()} tells how many retries were needed.</li>
 *   <li><b>Views</b>: {@link #open} makes a store with its own {@link S3Connection}; {@link #at}
 *       a store at another prefix over the same connection, for nothing.</li>
 * </ul>
 */
public final class S3Store implements Store {
    static final String CONTENT_TYPE = "application/octet-stream";
    private static final int LIST_HEAD_THREADS = 8;

    private final S3Connection connection;
    private final boolean ownsConnection;
    private final S3Location location;
    /** How encsync's own control objects at a store's root are named (the manifest, the push lock). */
    static final String CONTROL_PREFIX = ".encsync-";

    private final S3Settings settings;
    private final S3Client s3;
    private final RetryCounter retries;
    private final PartBufferPool partBuffers;
    private final ExecutorService uploader;
    /** Upload IDs of the connection's multipart uploads in progress, spared by cleanup. */
    private final Set<String> ownUploads;

    S3Store(S3Connection connection, S3Location location, boolean ownsConnection) {
        this.connection = connection;
        this.ownsConnection = ownsConnection;
        this.location = location;
        this.settings = connection.settings();
        this.s3 = connection.client();
        this.retries = connection.retries();
        this.partBuffers = connection.partBuffers();
        this.uploader = connection.uploader();
        this.ownUploads = connection.ownUploads();
    }

    /**
     * Builds one S3 client for the store and checks, with one small listing, that the bucket
     * exists, is in the configured region and that the credentials are accepted: so a wrong setting
     * fails here, at once, with a clear message. {@link #close()} closes the client.
     */
    public static S3Store open(S3Location location, S3Settings settings) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(settings, "settings");
        S3Store store = new S3Store(S3Connection.open(settings), location, true);
        try {
            store.s3.listObjectsV2(r -> r.bucket(location.bucket()).maxKeys(1).prefix(emptyToNull(location.keyPrefix())));
        } catch (SdkException e) {
            store.close();
            throw S3Errors.map(e, "s3:ListBucket", location.toString());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * The store at {@code other} (another prefix, or bucket) over this store's client, retry count,
     * part buffers and upload threads: costs no request and no thread. Closing the view leaves
     * them open; they close with the store (or connection) they belong to.
     */
    public S3Store at(S3Location other) {
        return connection.at(other);
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

    /** One ListObjectsV2 request per 1000 objects; times are S3's upload times. */
    @Override
    public List<StoreObject> listSizes() {
        return listKeysAndSizes();
    }

    /**
     * Every object with the mtime {@link #put} recorded. ListObjectsV2 carries no user metadata, so
     * this costs one HEAD per object (run {@value #LIST_HEAD_THREADS} at a time over the pooled
     * connections), as {@code rclone lsl} does. Callers that need only keys and sizes (sync keeps
     * mtimes in its manifest) use {@link #listKeysAndSizes()}: one request per 1000 objects.
     */
    @Override
    public List<StoreObject> list() {
        List<StoreObject> listed = listKeysAndSizes();
        if (listed.isEmpty()) {
            return listed;
        }
        ExecutorService heads = Executors.newFixedThreadPool(Math.min(LIST_HEAD_THREADS, listed.size()), r -> {
            Thread t = new Thread(r, "encsync-s3-head");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Optional<StoreObject>>> stats = new ArrayList<>(listed.size());
            for (StoreObject o : listed) {
                stats.add(heads.submit(() -> stat(o.key())));
            }
            List<StoreObject> objects = new ArrayList<>(listed.size());
            for (Future<Optional<StoreObject>> f : stats) {
                // An object deleted between the listing and its HEAD is simply gone.
                f.get().ifPresent(objects::add);
            }
            return List.copyOf(objects);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new EncsyncException(ErrorCategory.REMOTE, "listing " + describe() + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EncsyncException(ErrorCategory.REMOTE, "listing " + describe() + " was interrupted", e);
        } finally {
            heads.shutdownNow();
        }
    }

    /**
     * Every object under the prefix, sorted by key, with S3's LastModified (upload time) as its
     * modification time: the cheap listing, without a HEAD per object. Folder markers (keys ending
     * in {@code /}) are skipped.
     */
    public List<StoreObject> listKeysAndSizes() {
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
        return open(key, offset, length, true);
    }

    /** The whole object without the MD5 check: the caller authenticates each block (see {@link Store}). */
    @Override
    public InputStream openAuthenticatedContent(String key) {
        return open(key, 0, -1, false);
    }

    private InputStream open(String key, long offset, long length, boolean checkMd5) {
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
        String expectedMd5 = range == null && checkMd5 ? storedMd5Hex(first.response()) : null;
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
        S3Keys.requireFits(location.objectKey(key), "object " + key);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(modTime, "modTime");
        String where = location.describe(key);
        long length = content.length();
        if (length > 0 && length >= settings.multipartThreshold()) {
            Md5.Digests md5 = Md5.ofParts(content, partBuffers.bufferSize(), where);
            new MultipartUpload(s3, partBuffers, uploader, location.bucket(), location.objectKey(key), where, ownUploads,
                    storageClassFor(key)).run(content, modTime, md5);
            return;
        }
        new SinglePut(s3, partBuffers, location.bucket(), location.objectKey(key), where, storageClassFor(key))
                .run(content, modTime);
    }

    /**
     * The settings' storage class for a data object; none (the bucket's default) for encsync's own
     * control objects at the store's root ({@code .encsync-manifest}, {@code .encsync-lock}).
     * Why: every push and pull reads the manifest first, and an archive class (GLACIER,
     * DEEP_ARCHIVE) would make it unreadable until restored, so the next run would fail; the
     * lock lives for minutes, and an infrequent-access class would bill it a 30-day minimum.
     */
    String storageClassFor(String key) {
        boolean control = key.indexOf('/') < 0 && key.startsWith(CONTROL_PREFIX);
        return control ? null : settings.storageClass().orElse(null);
    }

    /** A single conditional PUT ({@code If-None-Match: *}); meant for small objects such as the push lock. */
    @Override
    public boolean putIfAbsent(String key, ContentSource content, Instant modTime) {
        checkKey(key);
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(modTime, "modTime");
        if (content.length() >= settings.multipartThreshold()) {
            throw new IllegalArgumentException(key + ": exclusive creation is for objects below the multipart threshold");
        }
        return new SinglePut(s3, partBuffers, location.bucket(), location.objectKey(key), location.describe(key),
                storageClassFor(key)).run(content, modTime, true);
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
     * Aborts every unfinished multipart upload under the prefix except this store's own uploads in
     * progress: what a killed push left behind (its parts cost storage and are invisible). A push
     * to the same prefix running at the same time in another process would lose its upload and
     * fail with a REMOTE error; concurrent pushes to one prefix are refused by the sync layer's
     * push lock before they get here.
     */
    @Override
    public int cleanupAbandonedWrites() {
        return S3Purge.under(s3, location.bucket(), location.keyPrefix()).abortUploads(ownUploads::contains);
    }

    /** Closes the client when this store opened it ({@link #open}); a view ({@link #at}) closes nothing. */
    @Override
    public void close() {
        if (ownsConnection) {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "S3Store{" + location + ", " + settings + "}";
    }

    private static void checkKey(String key) {
        StoreKeys.check(key);
    }

    static boolean isKms(ServerSideEncryption sse) {
        return sse == ServerSideEncryption.AWS_KMS || sse == ServerSideEncryption.AWS_KMS_DSSE;
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
