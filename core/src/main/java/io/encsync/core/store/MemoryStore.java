package io.encsync.core.store;

import io.encsync.core.EncsyncException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A store in memory, for tests: the same contract as a folder or a bucket, nothing persisted.
 * Thread-safe; each put replaces the whole entry at once, so readers never see partial objects.
 * The map's natural order is the UTF-16 order {@link Store#list()} promises.
 */
public final class MemoryStore implements Store {

    private record Entry(byte[] data, Instant modTime) {
    }

    private final ConcurrentSkipListMap<String, Entry> objects = new ConcurrentSkipListMap<>();

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public List<StoreObject> list() {
        return objects.entrySet().stream().map(MemoryStore::toObject).toList();
    }

    @Override
    public Optional<StoreObject> stat(String key) {
        StoreKeys.check(key);
        Entry e = objects.get(key);
        return e == null ? Optional.empty() : Optional.of(new StoreObject(key, e.data.length, e.modTime));
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        StoreKeys.check(key);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        Entry e = objects.get(key);
        if (e == null) {
            throw new ObjectNotFoundException(describe(), key);
        }
        int from = (int) Math.min(offset, e.data.length);
        int to = length < 0 ? e.data.length : (int) Math.min(e.data.length, from + length);
        return new ByteArrayInputStream(e.data, from, to - from);
    }

    @Override
    public void put(String key, ContentSource content, Instant modTime) {
        objects.put(key, read(key, content, modTime));
    }

    @Override
    public boolean putIfAbsent(String key, ContentSource content, Instant modTime) {
        return objects.putIfAbsent(key, read(key, content, modTime)) == null;
    }

    /** The entry for {@code content}, read whole and checked against its declared length. */
    private static Entry read(String key, ContentSource content, Instant modTime) {
        StoreKeys.check(key);
        long expected = content.length();
        if (expected > Integer.MAX_VALUE - 8) {
            throw EncsyncException.usage(key + ": " + expected + " bytes is too large for a memory store");
        }
        byte[] data;
        try (InputStream in = content.open()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) expected);
            // Read one byte past the declared length to notice a source that yields too much.
            in.transferTo(new LimitedSink(out, expected + 1));
            data = out.toByteArray();
        } catch (TooLong e) {
            throw ContentLength.mismatch(key, expected, expected + 1);
        } catch (IOException e) {
            throw EncsyncException.localIo(key + ": reading the content failed (" + e.getMessage()
                    + ") — nothing was stored; retry", e);
        }
        ContentLength.check(key, expected, data.length);
        return new Entry(data, modTime);
    }

    @Override
    public void delete(String key) {
        StoreKeys.check(key);
        objects.remove(key);
    }

    private static StoreObject toObject(Map.Entry<String, Entry> e) {
        return new StoreObject(e.getKey(), e.getValue().data.length, e.getValue().modTime);
    }

    /** Stops copying after {@code limit} bytes so a runaway source cannot exhaust memory. */
    private static final class LimitedSink extends java.io.OutputStream {
        private final ByteArrayOutputStream out;
        private long remaining;

        LimitedSink(ByteArrayOutputStream out, long limit) {
            this.out = out;
            this.remaining = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int n = (int) Math.min(len, remaining);
            out.write(b, off, n);
            remaining -= n;
            if (n < len) {
                throw new TooLong();
            }
        }
    }

    /** Signals that the source yielded more than declared; turned into the usual message below. */
    private static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;
    }
}
