package io.encsync.core.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One object in a {@link Store}: its key relative to the root, its stored size and its
 * modification time (as recorded by {@link Store#put}, else the store's own timestamp).
 */
public record StoreObject(String key, long size, Instant modTime) {
    public StoreObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(modTime, "modTime");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
    }
}
