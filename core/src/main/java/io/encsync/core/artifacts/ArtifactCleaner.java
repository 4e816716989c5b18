package io.encsync.core.artifacts;

import io.encsync.core.store.s3.S3Connection;
import io.encsync.core.store.s3.S3Settings;
import java.util.Objects;

/**
 * Deletes artifact sets with S3 access alone: no password, no keys. Deleting a build must work
 * when nobody can read it any more (its password was changed or lost), and must not wait for a
 * key derivation. {@link ArtifactController} deletes through one of these too.
 *
 * <p>Thread-safe; {@link #close()} releases the S3 client and what the cleaner owns.
 */
public final class ArtifactCleaner implements AutoCloseable {
    private final SetStore store;
    private final AutoCloseable owned;

    ArtifactCleaner(SetStore store, AutoCloseable owned) {
        this.store = store;
        this.owned = owned;
    }

    /**
     * A cleaner with its own S3 client; {@link #close()} also closes {@code owned} (such as the
     * credentials provider inside {@code s3}), which is closed here too when opening fails.
     */
    public static ArtifactCleaner open(S3Settings s3, AutoCloseable owned) {
        Objects.requireNonNull(s3, "s3");
        try {
            return new ArtifactCleaner(new SetStore(S3Connection.open(s3)), owned);
        } catch (RuntimeException e) {
            ArtifactController.closeQuietly(owned);
            throw e;
        }
    }

    /** Deletes every object of {@code set}, its manifest and its open multipart uploads; returns the count. */
    public int delete(ArtifactSet set) {
        return store.deletePrefix(set.bucket(), set.root());
    }

    /** Deletes every stash of {@code build}; returns the number of objects deleted. */
    public int deleteStashes(ArtifactBuild build) {
        return store.deletePrefix(build.bucket(), build.stashesRoot());
    }

    /**
     * Deletes everything of {@code build}, artifacts and stashes: the objects under its
     * {@link ArtifactBuild#root()}, which no other build's root lies under.
     */
    public int deleteBuild(ArtifactBuild build) {
        return store.deletePrefix(build.bucket(), build.root());
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            ArtifactController.closeQuietly(owned);
        }
    }

    @Override
    public String toString() {
        return "ArtifactCleaner";
    }
}
