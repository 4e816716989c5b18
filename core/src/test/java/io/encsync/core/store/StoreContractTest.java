package io.encsync.core.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link Store} keeps, run against each implementation (local folder, memory,
 * S3): subclasses return a fresh, empty store from {@link #newStore()}.
 *
 * <p>Points of the contract that the {@link Store} Javadoc leaves open and that this suite fixes:
 * <ul>
 *   <li>{@code open(key, offset, length)} past the end yields the bytes up to the end; an offset at
 *       or past the end yields an empty stream (not an error).</li>
 *   <li>A {@link ContentSource} whose stream fails, or yields fewer or more bytes than its
 *       {@code length()}, makes {@code put} throw an {@link EncsyncException}; no object appears and
 *       a previous object at the key is intact.</li>
 *   <li>Unsafe keys (empty, absolute, empty segment, {@code .}/{@code ..}) are refused with an
 *       {@link IntegrityException} by every operation (see {@link StoreKeys}).</li>
 *   <li>Modification times survive to at least millisecond precision.</li>
 * </ul>
 */
public abstract class StoreContractTest {

    /** A fresh, empty store; closed after the test. */
    protected abstract Store newStore();

    /**
     * Leaves behind, under the store's root, what a writer killed in the middle of writing
     * {@code key} leaves (a temporary file, an unfinished multipart upload, …), and returns how
     * many leftovers that made. The default makes none (memory has nothing to leave behind).
     */
    protected int simulateAbandonedWrite(Store store, String key) throws Exception {
        return 0;
    }

    protected static final Instant T0 = Instant.parse("2023-01-02T03:04:05.678Z");

    protected Store store;

    /**
     * Whether the store under test makes exactly one of concurrent {@link Store#putIfAbsent} calls
     * win. True of every real store; moto checks {@code If-None-Match} and writes in two steps
     * under concurrent requests (seen: two winners in one of five runs), where S3 itself is atomic.
     */
    protected boolean putIfAbsentIsAtomicHere() {
        return true;
    }

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ---- round trip -------------------------------------------------------------------------

    @Test
    void putThenStatListAndOpenReturnTheSameBytes() throws IOException {
        byte[] data = "hello, store".getBytes(UTF_8);
        store.put("dir/hello.txt", ContentSource.ofBytes(data), T0);

        assertThat(store.stat("dir/hello.txt")).contains(new StoreObject("dir/hello.txt", data.length, T0));
        assertThat(store.list()).containsExactly(new StoreObject("dir/hello.txt", data.length, T0));
        assertThat(read("dir/hello.txt")).isEqualTo(data);
    }

    @Test
    void putIfAbsentCreatesOnlyWhereNothingIs() throws IOException {
        assertThat(store.putIfAbsent("lock", bytes("first"), T0)).isTrue();
        assertThat(store.putIfAbsent("lock", bytes("second"), T0.plusSeconds(1))).isFalse();
        assertThat(read("lock")).as("the first one stays").isEqualTo("first".getBytes(UTF_8));
        assertThat(store.stat("lock")).contains(new StoreObject("lock", 5, T0));
        assertThat(store.list()).extracting(StoreObject::key).containsExactly("lock");

        store.delete("lock");
        assertThat(store.putIfAbsent("lock", bytes("third"), T0)).isTrue();
        assertThat(read("lock")).isEqualTo("third".getBytes(UTF_8));
    }

    @Test
    void ofConcurrentPutIfAbsentCallsExactlyOneWins() throws Exception {
        int callers = 6;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        var start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String content = "caller " + i;
                results.add(pool.submit(() -> {
                    start.await();
                    return store.putIfAbsent("race", bytes(content), T0);
                }));
            }
            start.countDown();
            int winners = 0;
            for (var r : results) {
                winners += r.get() ? 1 : 0;
            }
            if (putIfAbsentIsAtomicHere()) {
                assertThat(winners).isEqualTo(1);
            } else {
                assertThat(winners).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(new String(read("race"), UTF_8)).startsWith("caller ");
        assertThat(store.list()).extracting(StoreObject::key).containsExactly("race");
    }

    @Test
    void listSizesHasTheSameKeysAndSizesAsList() {
        store.put("b/two", bytes("22"), T0);
        store.put("a", bytes(""), T0);
        store.put("b/c/three", bytes("333"), T0);

        assertThat(store.listSizes()).extracting(StoreObject::key, StoreObject::size)
                .containsExactlyElementsOf(store.list().stream().map(o -> org.assertj.core.groups.Tuple.tuple(o.key(), o.size())).toList());
        assertThat(store.listSizes()).extracting(StoreObject::key).containsExactly("a", "b/c/three", "b/two");
    }

    @Test
    void statOfAMissingKeyIsEmpty() {
        assertThat(store.stat("missing")).isEmpty();
        store.put("a/b", bytes("x"), T0);
        assertThat(store.stat("a")).as("a folder is not an object").isEmpty();
        assertThat(store.stat("a/b/c")).isEmpty();
    }

    @Test
    void listIsSortedRecursiveAndHasNoDirectoryEntries() {
        List<String> keys = List.of("b", "a/z", "a/b/c/d", "A", "a b", "a-b", "a.b", "ab", "zz/top", "a/b/a");
        for (String key : keys) {
            store.put(key, bytes(key), T0);
        }
        List<String> listed = store.list().stream().map(StoreObject::key).toList();
        assertThat(listed).isEqualTo(keys.stream().sorted().toList());
        assertThat(store.list()).allSatisfy(o -> assertThat(o.size()).isEqualTo(o.key().getBytes(UTF_8).length));
    }

    @Test
    void emptyStoreListsNothing() {
        assertThat(store.list()).isEmpty();
    }

    @Test
    void emptyObject() throws IOException {
        store.put("empty", ContentSource.ofBytes(new byte[0]), T0);
        assertThat(store.stat("empty")).contains(new StoreObject("empty", 0, T0));
        assertThat(read("empty")).isEmpty();
        assertThat(readRange("empty", 0, 10)).isEmpty();
    }

    @Test
    void largeObjectRoundTrips() throws IOException {
        byte[] data = random(3 * 1024 * 1024 + 17, 1);
        store.put("big/object.bin", ContentSource.ofBytes(data), T0);
        assertThat(store.stat("big/object.bin").orElseThrow().size()).isEqualTo(data.length);
        assertThat(Arrays.equals(read("big/object.bin"), data)).as("3 MiB content identical").isTrue();
    }

    // ---- ranged reads -----------------------------------------------------------------------

    @Test
    void rangedOpen() throws IOException {
        byte[] data = random(100_000, 2);
        store.put("r", ContentSource.ofBytes(data), T0);

        assertThat(readRange("r", 0, 10)).isEqualTo(Arrays.copyOfRange(data, 0, 10));
        assertThat(readRange("r", 65_536, 1000)).isEqualTo(Arrays.copyOfRange(data, 65_536, 66_536));
        assertThat(readRange("r", 99_990, -1)).as("to the end").isEqualTo(Arrays.copyOfRange(data, 99_990, 100_000));
        assertThat(readRange("r", 99_990, 50)).as("past the end").isEqualTo(Arrays.copyOfRange(data, 99_990, 100_000));
        assertThat(readRange("r", 0, 0)).as("zero length").isEmpty();
        assertThat(readRange("r", 100_000, 10)).as("at the end").isEmpty();
        assertThat(readRange("r", 200_000, -1)).as("beyond the end").isEmpty();
        assertThat(readRange("r", 5, -1)).isEqualTo(Arrays.copyOfRange(data, 5, 100_000));
    }

    @Test
    void openOfAMissingKeyIsObjectNotFound() {
        assertThatThrownBy(() -> store.open("missing/key")).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("missing/key");
        assertThatThrownBy(() -> store.open("missing/key", 10, 5)).isInstanceOf(ObjectNotFoundException.class);
        store.put("a/b", bytes("x"), T0);
        assertThatThrownBy(() -> store.open("a")).as("a folder is not an object")
                .isInstanceOf(ObjectNotFoundException.class);
    }

    // ---- overwrite, modTime, delete -----------------------------------------------------------

    @Test
    void overwriteReplacesContentSizeAndModTime() throws IOException {
        store.put("k", bytes("first version, longer"), T0);
        Instant later = T0.plusSeconds(3600);
        store.put("k", bytes("second"), later);

        assertThat(read("k")).isEqualTo("second".getBytes(UTF_8));
        assertThat(store.stat("k")).contains(new StoreObject("k", 6, later));
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void readersDuringOverwritesSeeOneCompleteVersionNeverAMix() throws Exception {
        byte[] a = filled(150_000, (byte) 'a');
        byte[] b = filled(90_000, (byte) 'b');
        store.put("hot", ContentSource.ofBytes(a), T0);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    store.put("hot", ContentSource.ofBytes(i % 2 == 0 ? b : a), T0);
                }
                done.set(true);
                return null;
            });
            Future<Integer> reader = pool.submit(() -> {
                int reads = 0;
                while (!done.get() || reads == 0) {
                    byte[] seen = read("hot");
                    assertThat(Arrays.equals(seen, a) || Arrays.equals(seen, b))
                            .as("read %d bytes that are neither version", seen.length).isTrue();
                    reads++;
                }
                return reads;
            });
            writer.get(120, TimeUnit.SECONDS);
            assertThat(reader.get(120, TimeUnit.SECONDS)).isPositive();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void modTimeIsKeptToAtLeastTheMillisecond() {
        Instant withNanos = Instant.parse("2021-06-07T08:09:10.123456789Z");
        Instant old = Instant.parse("1999-12-31T23:59:59.001Z");
        store.put("n", bytes("n"), withNanos);
        store.put("o", bytes("o"), old);

        Instant statN = store.stat("n").orElseThrow().modTime();
        assertThat(statN.truncatedTo(ChronoUnit.MILLIS)).isEqualTo(withNanos.truncatedTo(ChronoUnit.MILLIS));
        assertThat(store.stat("o").orElseThrow().modTime()).isEqualTo(old);
        assertThat(store.list()).extracting(o -> o.modTime().truncatedTo(ChronoUnit.MILLIS))
                .containsExactly(withNanos.truncatedTo(ChronoUnit.MILLIS), old);
    }

    @Test
    void deleteRemovesTheObjectAndDeletingAMissingOneIsFine() {
        store.put("d/one", bytes("1"), T0);
        store.put("d/two", bytes("2"), T0);
        store.delete("d/one");

        assertThat(store.stat("d/one")).isEmpty();
        assertThat(store.list()).extracting(StoreObject::key).containsExactly("d/two");
        assertThatThrownBy(() -> store.open("d/one")).isInstanceOf(ObjectNotFoundException.class);

        store.delete("d/one");
        store.delete("never/existed");
        store.delete("d/two");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void keyCanBeWrittenAgainAfterDelete() throws IOException {
        store.put("x/y/z", bytes("1"), T0);
        store.delete("x/y/z");
        store.put("x/y/z", bytes("2"), T0);
        assertThat(read("x/y/z")).isEqualTo("2".getBytes(UTF_8));
    }

    // ---- names --------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "name with  spaces .txt",
        "Grüße – 日本語 ☃.txt",
        "emoji 😀/x",
        "level1/level 2/level3/deep.txt",
        "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/deep",
        "plus+percent%25&equals=.bin",
        "d3jUl5un4IvqPWvCW4P9gw4-EJ_h3NwzJuembSzutjjxxQtqyJhcpi9qVW",
        "lvk6r2vnsj0sb7c6fc2s56li54/s6u9gmoj5uscm79qk7r2k2mi5o-v2023-01-02-030405-678",
        "...dots",
        ".hidden",
    })
    void unusualButSafeKeysRoundTrip(String key) throws IOException {
        store.put(key, bytes("content of " + key), T0);
        assertThat(store.stat(key)).isPresent();
        assertThat(store.list()).extracting(StoreObject::key).containsExactly(key);
        assertThat(read(key)).isEqualTo(("content of " + key).getBytes(UTF_8));
        store.delete(key);
        assertThat(store.list()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs", "/", "a//b", "a/", "..", "../x", "a/../b", "a/./b", ".", "a/..", "nul\0byte"})
    void unsafeKeysAreRefusedByEveryOperation(String key) {
        assertThatThrownBy(() -> store.put(key, bytes("x"), T0)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("unsafe store key");
        assertThatThrownBy(() -> store.stat(key)).isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> store.open(key)).isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> store.delete(key)).isInstanceOf(IntegrityException.class);
        assertThat(store.list()).isEmpty();
    }

    // ---- content sources ----------------------------------------------------------------------

    @Test
    void sourceThatYieldsOneBytePerRead() throws IOException {
        byte[] data = random(70_000, 3);
        store.put("trickle", oneBytePerRead(data), T0);
        assertThat(read("trickle")).isEqualTo(data);
    }

    @Test
    void sourceFailingMidStreamLeavesNoObject() {
        assertThatThrownBy(() -> store.put("fail/new", failingAfter(random(200_000, 4), 100_000), T0))
                .isInstanceOf(EncsyncException.class);
        assertThat(store.stat("fail/new")).isEmpty();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void sourceFailingMidStreamKeepsThePreviousObject() throws IOException {
        byte[] previous = random(50_000, 5);
        store.put("fail/old", ContentSource.ofBytes(previous), T0);
        assertThatThrownBy(() -> store.put("fail/old", failingAfter(random(200_000, 6), 100_000), T0.plusSeconds(9)))
                .isInstanceOf(EncsyncException.class);
        assertThat(read("fail/old")).isEqualTo(previous);
        assertThat(store.list()).containsExactly(new StoreObject("fail/old", previous.length, T0));
    }

    @Test
    void sourceYieldingFewerBytesThanItsLengthIsAnError() throws IOException {
        byte[] previous = utf8("prev");
        store.put("short", ContentSource.ofBytes(previous), T0);
        assertThatThrownBy(() -> store.put("short", lying(random(1000, 7), 1500), T0))
                .isInstanceOf(EncsyncException.class);
        assertThatThrownBy(() -> store.put("short-new", lying(random(1000, 7), 1500), T0))
                .isInstanceOf(EncsyncException.class);
        assertThat(read("short")).isEqualTo(previous);
        assertThat(store.list()).extracting(StoreObject::key).containsExactly("short");
    }

    @Test
    void sourceYieldingMoreBytesThanItsLengthIsAnError() throws IOException {
        byte[] previous = utf8("prev");
        store.put("long", ContentSource.ofBytes(previous), T0);
        assertThatThrownBy(() -> store.put("long", lying(random(1000, 8), 500), T0))
                .isInstanceOf(EncsyncException.class);
        assertThatThrownBy(() -> store.put("long-new", lying(random(1000, 8), 500), T0))
                .isInstanceOf(EncsyncException.class);
        assertThat(read("long")).isEqualTo(previous);
        assertThat(store.list()).extracting(StoreObject::key).containsExactly("long");
    }

    // ---- concurrency and cleanup ---------------------------------------------------------------

    @Test
    void concurrentPutsOfDifferentKeysFromEightThreads() throws Exception {
        int threads = 8;
        int perThread = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        // Shared and private folders: directory creation races must not fail a put.
                        String key = (i % 2 == 0 ? "shared/sub/" : "t" + thread + "/") + "k-" + thread + "-" + i;
                        store.put(key, ContentSource.ofBytes(random(1000 + i, thread * 100 + i)), T0);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<StoreObject> listed = store.list();
        assertThat(listed).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                String key = (i % 2 == 0 ? "shared/sub/" : "t" + t + "/") + "k-" + t + "-" + i;
                assertThat(read(key)).as(key).isEqualTo(random(1000 + i, t * 100 + i));
            }
        }
    }

    @Test
    void cleanupAfterAnAbandonedWriteLeavesCompleteObjectsAlone() throws Exception {
        byte[] one = random(10_000, 9);
        store.put("keep/one", ContentSource.ofBytes(one), T0);
        store.put("two", bytes("two"), T0);
        List<StoreObject> before = store.list();

        int leftovers = simulateAbandonedWrite(store, "keep/half-written");
        leftovers += simulateAbandonedWrite(store, "keep/one");
        assertThat(store.list()).as("leftovers are never listed").isEqualTo(before);

        assertThat(store.cleanupAbandonedWrites()).isEqualTo(leftovers);
        assertThat(store.list()).isEqualTo(before);
        assertThat(read("keep/one")).isEqualTo(one);
        assertThat(store.cleanupAbandonedWrites()).as("nothing left the second time").isZero();
    }

    // ---- helpers --------------------------------------------------------------------------------

    protected byte[] read(String key) throws IOException {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        }
    }

    protected byte[] readRange(String key, long offset, long length) throws IOException {
        try (InputStream in = store.open(key, offset, length)) {
            return in.readAllBytes();
        }
    }

    protected static ContentSource bytes(String s) {
        return ContentSource.ofBytes(s.getBytes(UTF_8));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(UTF_8);
    }

    protected static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] filled(int size, byte value) {
        byte[] b = new byte[size];
        Arrays.fill(b, value);
        return b;
    }

    /** A source whose streams return at most one byte from every read call, like a slow pipe. */
    protected static ContentSource oneBytePerRead(byte[] data) {
        return new ContentSource() {
            @Override
            public long length() {
                return data.length;
            }

            @Override
            public InputStream open() {
                return new InputStream() {
                    private int pos;

                    @Override
                    public int read() {
                        return pos < data.length ? data[pos++] & 0xff : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (len == 0) {
                            return 0;
                        }
                        int c = read();
                        if (c < 0) {
                            return -1;
                        }
                        b[off] = (byte) c;
                        return 1;
                    }
                };
            }
        };
    }

    /** A source whose every stream throws an IOException after {@code failAt} bytes. */
    protected static ContentSource failingAfter(byte[] data, int failAt) {
        return new ContentSource() {
            @Override
            public long length() {
                return data.length;
            }

            @Override
            public InputStream open() {
                return new InputStream() {
                    private int pos;

                    @Override
                    public int read() throws IOException {
                        if (pos >= failAt) {
                            throw new IOException("simulated read failure at byte " + pos);
                        }
                        return data[pos++] & 0xff;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        if (pos >= failAt) {
                            throw new IOException("simulated read failure at byte " + pos);
                        }
                        int n = Math.min(len, failAt - pos);
                        System.arraycopy(data, pos, b, off, n);
                        pos += n;
                        return n;
                    }
                };
            }
        };
    }

    /** A source that claims {@code claimed} bytes but whose streams yield {@code data}. */
    protected static ContentSource lying(byte[] data, long claimed) {
        return new ContentSource() {
            @Override
            public long length() {
                return claimed;
            }

            @Override
            public InputStream open() {
                return new java.io.ByteArrayInputStream(data);
            }
        };
    }
}
