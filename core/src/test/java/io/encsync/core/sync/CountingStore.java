package io.encsync.core.sync;

import io.encsync.core.manifest.Manifest;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A store decorator (real store underneath) that counts the calls a sync makes. */
class CountingStore implements Store {
    private final Store delegate;
    volatile int puts;
    volatile int stats;
    volatile int lists;
    volatile int opens;
    final List<String> putKeys = new CopyOnWriteArrayList<>();
    /** Puts ("put KEY") and flushes ("flush") in the order they completed. */
    final List<String> writes = new CopyOnWriteArrayList<>();
    /** The length asked for by each open of an object other than the manifest (-1 = to the end). */
    final List<Long> dataOpenLengths = new CopyOnWriteArrayList<>();

    CountingStore(Store delegate) {
        this.delegate = delegate;
    }

    void reset() {
        puts = 0;
        stats = 0;
        lists = 0;
        opens = 0;
        putKeys.clear();
        writes.clear();
        dataOpenLengths.clear();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public synchronized List<StoreObject> list() {
        lists++;
        return delegate.list();
    }

    @Override
    public synchronized Optional<StoreObject> stat(String key) {
        stats++;
        return delegate.stat(key);
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        synchronized (this) {
            opens++;
        }
        if (!key.equals(Manifest.KEY)) {
            dataOpenLengths.add(length);
        }
        return delegate.open(key, offset, length);
    }

    @Override
    public void put(String key, ContentSource content, Instant modTime) {
        delegate.put(key, content, modTime);
        synchronized (this) {
            puts++;
        }
        putKeys.add(key);
        writes.add("put " + key);
    }

    @Override
    public boolean putIfAbsent(String key, ContentSource content, Instant modTime) {
        return delegate.putIfAbsent(key, content, modTime);
    }

    @Override
    public void flush() {
        delegate.flush();
        writes.add("flush");
    }

    @Override
    public void delete(String key) {
        delegate.delete(key);
    }
}
