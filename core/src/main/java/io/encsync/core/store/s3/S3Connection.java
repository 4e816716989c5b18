package io.encsync.core.store.s3;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One S3 client and what every store over it shares: the retry count, the part buffers that bound
 * upload memory ({@code partSize × uploadConcurrency}), the upload threads, and the IDs of the
 * multipart uploads in progress (which no store's cleanup may abort). A {@link S3Store} at any
 * bucket and prefix is a cheap view of one ({@link #at}); a caller that reaches many prefixes,
 * such as the artifact storage with one crypt root per artifact set, opens one connection and
 * takes a view per prefix.
 *
 * <p>Thread-safe. {@link #close()} closes the client; views must not be used after it.
 */
public final class S3Connection implements AutoCloseable {
    private final S3Settings settings;
    private final S3Client s3;
    private final RetryCounter retries;
    private final PartBufferPool partBuffers;
    private final ExecutorService uploader;
    private final Set<String> ownUploads = ConcurrentHashMap.newKeySet();

    private S3Connection(S3Settings settings, S3Client s3, RetryCounter retries) {
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
    }

    /** A connection with the client {@link S3Clients#s3(S3Settings, software.amazon.awssdk.metrics.MetricPublisher...)} builds. */
    public static S3Connection open(S3Settings settings) {
        Objects.requireNonNull(settings, "settings");
        RetryCounter retries = new RetryCounter();
        return new S3Connection(settings, S3Clients.s3(settings, retries), retries);
    }

    /**
     * A connection whose client has a pool of {@code maxConnections} of its own: for uses that must
     * not compete with transfers for connections (a build page's downloads).
     */
    public static S3Connection open(S3Settings settings, int maxConnections) {
        Objects.requireNonNull(settings, "settings");
        RetryCounter retries = new RetryCounter();
        return new S3Connection(settings, S3Clients.s3(settings, maxConnections, retries), retries);
    }

    /**
     * The store at {@code location} over this connection: no request is made (unlike
     * {@link S3Store#open}, which checks the bucket first), and closing the store leaves the
     * connection open.
     */
    public S3Store at(S3Location location) {
        return new S3Store(this, Objects.requireNonNull(location, "location"), false);
    }

    public S3Settings settings() {
        return settings;
    }

    /**
     * The client, for requests the {@link io.encsync.core.store.Store} interface has no word for
     * (multipart uploads presigned for someone else, server-side copies). Map its failures with
     * {@link S3Errors}; never close it (this connection does).
     */
    public S3Client client() {
        return s3;
    }

    /** Retries the SDK made, plus download resumes, over this connection so far. */
    public long retryCount() {
        return retries.retries();
    }

    RetryCounter retries() {
        return retries;
    }

    PartBufferPool partBuffers() {
        return partBuffers;
    }

    ExecutorService uploader() {
        return uploader;
    }

    Set<String> ownUploads() {
        return ownUploads;
    }

    @Override
    public void close() {
        uploader.shutdownNow();
        s3.close();
    }

    @Override
    public String toString() {
        return "S3Connection{" + settings + "}";
    }
}
