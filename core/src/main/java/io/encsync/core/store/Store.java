package io.encsync.core.store;

import java.io.Closeable;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A flat namespace of immutable objects under one root: a local folder, memory, or an S3
 * bucket and prefix. Keys are relative to the root, use {@code /} as separator, and are exactly
 * the names an rclone crypt remote over the same root would use (encrypted or not: a store does
 * not know). Implementations must be safe for concurrent use by several transfer threads.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #put} is atomic: a reader sees either the previous object or the complete new one,
 *       never a partial object, also when the process dies mid-write.</li>
 *   <li>{@link #list()} returns every object under the root, sorted by key; no directory markers.</li>
 *   <li>Errors: a missing object is {@link ObjectNotFoundException}; everything else is an
 *       {@link io.encsync.core.EncsyncException} whose category says whether it is local I/O,
 *       access, or a remote failure that outlived the retries.</li>
 * </ul>
 */
public interface Store extends Closeable {

    /** Where this store points, for messages: {@code folder /srv/vault} or {@code s3://bucket/prefix}. */
    String describe();

    /** Every object under the root, sorted by key (UTF-16 order of the key strings). */
    List<StoreObject> list();

    /**
     * Every object under the root with its size, sorted by key, where the modification time may
     * be the store's own timestamp instead of the one {@link #put} recorded. For callers that take
     * times from elsewhere (the manifest) and stores where recorded times cost extra requests
     * (S3: a HEAD per object). The default is {@link #list()}.
     */
    default List<StoreObject> listSizes() {
        return list();
    }

    /** The object at {@code key}, or empty when there is none. */
    Optional<StoreObject> stat(String key);

    /**
     * Opens bytes {@code [offset, offset + length)} of the object; {@code length < 0} means to the
     * end. The caller closes the stream.
     *
     * @throws ObjectNotFoundException when there is no object at {@code key}
     */
    InputStream open(String key, long offset, long length);

    /** Opens the whole object. */
    default InputStream open(String key) {
        return open(key, 0, -1);
    }

    /**
     * Opens the whole object for a caller that authenticates every byte itself (crypt content:
     * each block carries a Poly1305 tag), so the store's own check of the whole body (S3: the MD5
     * of the object) would only repeat that work; a damaged body then fails the caller's check
     * instead. The default is {@link #open(String)}.
     *
     * @throws ObjectNotFoundException when there is no object at {@code key}
     */
    default InputStream openAuthenticatedContent(String key) {
        return open(key);
    }

    /**
     * Writes {@code content} at {@code key} atomically, replacing any object there, and records
     * {@code modTime} as the object's modification time (as rclone does for its backend).
     * {@code content} may be opened more than once (for retries); every opening yields the same
     * bytes, exactly {@link ContentSource#length()} of them. A store that opens it more than once
     * fails the put when a later opening yields other bytes than the first read to the end (S3
     * checks each pass against the MD5 of the first), so a caller may hash the first reading only.
     */
    void put(String key, ContentSource content, Instant modTime);

    /**
     * Writes {@code content} at {@code key} only if no object is there, atomically: of concurrent
     * callers exactly one creates it, and the object appears complete. Returns false, writing
     * nothing, when an object exists. For small coordination objects (the push lock), not data.
     *
     * @throws UnsupportedOperationException when the store cannot create exclusively
     */
    default boolean putIfAbsent(String key, ContentSource content, Instant modTime) {
        throw new UnsupportedOperationException(describe() + " cannot create objects exclusively");
    }

    /**
     * Makes every completed {@link #put} durable: after it returns, a crash or power loss cannot
     * undo them. Push calls it before it writes the manifest, so the manifest never survives a
     * crash that the objects it lists did not. The default does nothing: a remote store's put is
     * durable when it returns. {@link #close} flushes too.
     */
    default void flush() {
    }

    /** Deletes the object at {@code key}; deleting a missing object is not an error. */
    void delete(String key);

    /**
     * Removes what an earlier writer that died mid-write left behind under this root (temporary
     * files of a local folder, unfinished multipart uploads of S3), so that it costs nothing and
     * is invisible to readers. Called once at the start of every push. Never touches complete objects.
     *
     * @return how many leftovers were removed
     */
    default int cleanupAbandonedWrites() {
        return 0;
    }

    @Override
    default void close() {
    }
}
