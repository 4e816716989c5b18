package io.encsync.core.sync;

import static io.encsync.core.sync.Fixtures.T0;
import static io.encsync.core.sync.Fixtures.pattern;
import static io.encsync.core.sync.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.MemoryStore;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source file that changes while it is uploaded is reported, and the manifest never lies about it. */
class ChangedDuringUploadTest {
    private static CryptContext ctx;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() {
        ctx = Fixtures.context();
    }

    @AfterAll
    static void close() {
        ctx.close();
    }

    @Test
    void aFileThatShrinksFailsAndLeavesThePreviousCopy() throws Exception {
        Path src = tmp.resolve("src");
        Path file = write(src, "grow.bin", pattern(300_000, 1), T0);
        write(src, "other.txt", "other");
        MemoryStore memory = new MemoryStore();
        Push.run(src, memory, ctx, SyncOptions.defaults(), SyncListener.NONE);
        byte[] before = Fixtures.bytes(memory, ctx.names().encryptFileName("grow.bin"));

        write(src, "grow.bin", pattern(300_000, 2), T0.plusSeconds(1));
        Store store = new MutatingStore(memory, () -> truncate(file, 10));
        SyncResult r = Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.path()).isEqualTo("grow.bin");
            assertThat(e.category()).isEqualTo(ErrorCategory.LOCAL_IO);
            assertThat(e.message()).startsWith("`grow.bin`: file changed during upload (it shrank");
        });
        assertThat(Fixtures.bytes(memory, ctx.names().encryptFileName("grow.bin"))).isEqualTo(before);
        // The manifest still describes the object that is there: a pull verifies.
        SyncResult pull = Pull.run(memory, tmp.resolve("out"), ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(pull.errors()).isEmpty();
    }

    @Test
    void aFileThatGrowsIsUploadedAsReadAndReported() throws Exception {
        Path src = tmp.resolve("src");
        Path file = write(src, "grow.bin", pattern(300_000, 1), T0);
        MemoryStore memory = new MemoryStore();
        Store store = new MutatingStore(memory, () -> append(file));
        SyncResult r = Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(r.errors()).singleElement().satisfies(e ->
                assertThat(e.message()).contains("file changed during upload"));
        SyncResult pull = Pull.run(memory, tmp.resolve("out"), ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(pull.errors()).as("what was uploaded is what the manifest says").isEmpty();
        assertThat(tmp.resolve("out/grow.bin")).hasSize(300_000);
        SyncResult again = Push.run(src, memory, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(again.transferred()).as("the next push uploads the new content").isEqualTo(1);
    }

    @Test
    void aStoreThatReadsTheContentTwiceGetsTheSameBytesAndProgressCountsOnce() {
        Path src = tmp.resolve("src");
        write(src, "f.bin", pattern(150_000, 1), T0);
        MemoryStore memory = new MemoryStore();
        // Like the S3 store: a hash pass over the content, then the upload pass.
        Store twice = new MutatingStore(memory, null) {
            @Override
            public void put(String key, ContentSource content, Instant modTime) {
                byte[] first = readAll(content);
                memory.put(key, content, modTime);
                assertThat(Fixtures.bytes(memory, key)).isEqualTo(first);
            }
        };
        Fixtures.Recorder rec = new Fixtures.Recorder();
        SyncResult r = Push.run(src, twice, ctx, SyncOptions.defaults(), rec);
        assertThat(r.errors()).isEmpty();
        assertThat(r.bytes()).isEqualTo(150_000);
        assertThat(rec.progress.get(rec.progress.size() - 1).bytesDone()).isEqualTo(150_000);
        assertThat(Pull.run(memory, tmp.resolve("out"), ctx, SyncOptions.defaults(), SyncListener.NONE).errors()).isEmpty();
    }

    private static byte[] readAll(ContentSource content) {
        try (InputStream in = content.open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRetryNeverReencryptsChangedContentUnderTheSameNonce() {
        Path src = tmp.resolve("src");
        Path file = write(src, "f.bin", pattern(5000, 1), T0);
        MemoryStore memory = new MemoryStore();
        // A store that writes every object twice, as a retry would, and the file changes in between.
        Store retrying = new MutatingStore(memory, null) {
            @Override
            public void put(String key, ContentSource content, Instant modTime) {
                memory.put(key, content, modTime);
                if (!key.equals(Manifest.KEY)) {
                    write(src, "f.bin", pattern(5000, 2), T0.plusSeconds(3));
                }
                memory.put(key, content, modTime);
            }
        };
        SyncResult r = Push.run(src, retrying, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(r.errors()).singleElement().satisfies(e ->
                assertThat(e.message()).startsWith("`f.bin`: ").contains("file changed during upload (before a retry)"));
        assertThat(file).exists();
    }

    private static void truncate(Path file, long size) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void append(Path file) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(f.length());
            f.write(new byte[1000]);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A real store that runs {@code change} once, after 100 KB of the first data object were read. */
    private static class MutatingStore implements Store {
        private final Store delegate;
        private Runnable change;

        MutatingStore(Store delegate, Runnable change) {
            this.delegate = delegate;
            this.change = change;
        }

        @Override
        public boolean putIfAbsent(String key, ContentSource content, Instant modTime) {
            return delegate.putIfAbsent(key, content, modTime);
        }

        @Override
        public void put(String key, ContentSource content, Instant modTime) {
            delegate.put(key, new ContentSource() {
                @Override
                public long length() {
                    return content.length();
                }

                @Override
                public InputStream open() throws IOException {
                    return new FilterInputStream(content.open()) {
                        private long seen;

                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            if (seen > 100_000 && change != null && !key.equals(Manifest.KEY)) {
                                change.run();
                                change = null;
                            }
                            int n = super.read(b, off, len);
                            seen += Math.max(0, n);
                            return n;
                        }
                    };
                }
            }, modTime);
        }

        @Override
        public String describe() {
            return delegate.describe();
        }

        @Override
        public List<StoreObject> list() {
            return delegate.list();
        }

        @Override
        public Optional<StoreObject> stat(String key) {
            return delegate.stat(key);
        }

        @Override
        public InputStream open(String key, long offset, long length) {
            return delegate.open(key, offset, length);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }
    }
}
