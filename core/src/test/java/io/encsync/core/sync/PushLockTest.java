package io.encsync.core.sync;

import static io.encsync.core.sync.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.LocalStore;
import io.encsync.core.store.MemoryStore;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One push at a time per remote: the lock, its stale and broken cases, and what rclone and pull see. */
class PushLockTest {
    private static final Instant SINCE = Instant.parse("2026-01-02T03:04:05Z");
    private static final CryptContext ctx = Fixtures.shared();

    @TempDir
    Path tmp;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final SyncListener recorder = new SyncListener() {
        @Override
        public void onWarning(String message) {
            warnings.add(message);
        }
    };

    private Path source() {
        Path src = tmp.resolve("src");
        write(src, "a.txt", "alpha");
        write(src, "dir/b.txt", "beta");
        return src;
    }

    /** Plants the lock another push would hold: {@code host}, {@code pid}, sealed with {@code keys}. */
    private static void plantLock(Store store, CryptContext keys, String host, long pid) {
        byte[] plain = new PushLock.Holder("feedface", host, pid, SINCE).encode();
        assertThat(store.putIfAbsent(PushLock.KEY, ContentSource.ofBytes(PushLock.seal(plain, keys)), SINCE)).isTrue();
    }

    private static List<String> keys(Store store) {
        return store.list().stream().map(StoreObject::key).toList();
    }

    @Test
    void aPushWhileAnotherHoldsTheLockChangesNothingAndNamesTheHolder() {
        Store store = new MemoryStore();
        plantLock(store, ctx, "build-agent-7", 4242);

        assertThatThrownBy(() -> Push.run(source(), store, ctx, SyncOptions.defaults(), recorder))
                .isInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.REMOTE))
                .hasMessageContaining("is locked by another push (host build-agent-7, process 4242, since "
                        + SINCE + ")")
                .hasMessageContaining("--break-lock");
        assertThat(keys(store)).containsExactly(PushLock.KEY);
    }

    @Test
    void aPushTakesTheLockAndReleasesIt() {
        Store store = new MemoryStore();
        List<String> seenDuringPut = new CopyOnWriteArrayList<>();
        Store watching = new CountingStore(store) {
            @Override
            public void put(String key, ContentSource content, Instant modTime) {
                seenDuringPut.add(store.stat(PushLock.KEY).isPresent() ? "locked" : "unlocked");
                super.put(key, content, modTime);
            }
        };
        SyncResult r = Push.run(source(), watching, ctx, SyncOptions.defaults(), recorder);

        assertThat(r.transferred()).isEqualTo(2);
        assertThat(seenDuringPut).hasSize(3).containsOnly("locked");
        assertThat(keys(store)).doesNotContain(PushLock.KEY).contains(Manifest.KEY).hasSize(3);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aStaleLockOfAnEndedProcessOnThisHostIsRemovedWithAWarning() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Store store = new MemoryStore();
        plantLock(store, ctx, PushLock.thisHost(), ended.pid());

        SyncResult r = Push.run(source(), store, ctx, SyncOptions.defaults(), recorder);

        assertThat(r.transferred()).isEqualTo(2);
        assertThat(warnings).singleElement().asString()
                .contains("removed a stale push lock", "process " + ended.pid() + " on this host ended");
        assertThat(keys(store)).doesNotContain(PushLock.KEY);
    }

    @Test
    void aLockOfAnotherLiveProcessOnThisHostIsRespected() throws Exception {
        Process live = new ProcessBuilder("sleep", "60").start();
        try {
            Store store = new MemoryStore();
            plantLock(store, ctx, PushLock.thisHost(), live.pid());

            assertThatThrownBy(() -> Push.run(source(), store, ctx, SyncOptions.defaults(), recorder))
                    .hasMessageContaining("is locked by another push");
        } finally {
            live.destroyForcibly();
        }
    }

    @Test
    void aLockOfThisProcessIsStaleOnlyWhenNoPushHereHoldsIt() {
        Store store = new MemoryStore();
        PushLock held = PushLock.acquire(store, ctx, false, recorder, Clock.systemUTC());
        assertThatThrownBy(() -> Push.run(source(), store, ctx, SyncOptions.defaults(), recorder))
                .as("a concurrent push in the same JVM (two Jenkins builds on one agent)")
                .hasMessageContaining("is locked by another push");
        held.close();

        plantLock(store, ctx, PushLock.thisHost(), ProcessHandle.current().pid()); // left by a push that died here
        SyncResult r = Push.run(source(), store, ctx, SyncOptions.defaults(), recorder);
        assertThat(r.transferred()).isEqualTo(2);
        assertThat(warnings).singleElement().asString().contains("removed a stale push lock");
    }

    @Test
    void aCancelledPushStillReleasesTheLock() {
        // File channels refuse to work on an interrupted thread: the release must clear the flag.
        Store store = LocalStore.open(tmp.resolve("remote"));
        PushLock lock = PushLock.acquire(store, ctx, false, recorder, Clock.systemUTC());
        Thread.currentThread().interrupt();
        try {
            lock.close();
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(keys(store)).doesNotContain(PushLock.KEY);
    }

    @Test
    void breakLockRemovesAnotherHostsLockWithAWarning() {
        Store store = new MemoryStore();
        plantLock(store, ctx, "elsewhere", 1);

        SyncResult r = Push.run(source(), store, ctx, SyncOptions.builder().breakLock(true).build(), recorder);

        assertThat(r.transferred()).isEqualTo(2);
        assertThat(warnings).singleElement().asString()
                .contains("removed the push lock", "host elsewhere, process 1", "--break-lock");
        assertThat(keys(store)).doesNotContain(PushLock.KEY);
    }

    @Test
    void aLockSealedWithOtherKeysSaysSoAndKeepsItsSecretsOut() {
        Store store = LocalStore.open(tmp.resolve("remote"));
        try (CryptContext other = Fixtures.context("another password")) {
            plantLock(store, other, "secret-host-name", 99);
        }

        assertThatThrownBy(() -> Push.run(source(), store, ctx, SyncOptions.defaults(), recorder))
                .hasMessageContaining("locked by another push (written with other keys, since " + SINCE + ")")
                .hasMessageNotContaining("secret-host-name");
    }

    @Test
    void releasingLeavesALockThatAnotherPushTookOverAlone() {
        Store store = new MemoryStore();
        PushLock mine = PushLock.acquire(store, ctx, false, recorder, Clock.systemUTC());
        store.delete(PushLock.KEY); // broken by someone with --break-lock, who then took it
        plantLock(store, ctx, "elsewhere", 7);

        mine.close();

        assertThat(PushLock.read(store, ctx)).get().extracting(PushLock.Holder::host).isEqualTo("elsewhere");
    }

    @Test
    void aDryRunNeedsNoLock() {
        Store store = new MemoryStore();
        plantLock(store, ctx, "elsewhere", 7);

        SyncResult r = Push.run(source(), store, ctx, SyncOptions.builder().dryRun(true).build(), recorder);

        assertThat(r.dryRun()).isTrue();
        assertThat(r.transferred()).isEqualTo(2);
    }

    @Test
    void pullAndCheckDoNotCountTheLockAsAFile() throws Exception {
        Path src = source();
        Store store = LocalStore.open(tmp.resolve("remote"));
        Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        plantLock(store, ctx, "elsewhere", 7);

        SyncResult pulled = Pull.run(store, tmp.resolve("out"), ctx, SyncOptions.defaults(), recorder);

        assertThat(pulled.errors()).isEmpty();
        assertThat(pulled.transferred()).isEqualTo(2);
        assertThat(Fixtures.tree(tmp.resolve("out"))).isEqualTo(Fixtures.tree(src));
    }
}
