package io.encsync.core.sync;

import static io.encsync.core.sync.Fixtures.T0;
import static io.encsync.core.sync.Fixtures.bytes;
import static io.encsync.core.sync.Fixtures.pattern;
import static io.encsync.core.sync.Fixtures.putRaw;
import static io.encsync.core.sync.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.cipher.ContentCipher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check LOCAL REMOTE: every difference listed, without downloading file data. */
class CheckTest {
    private static CryptContext ctx;

    @TempDir
    Path tmp;
    Path src;
    CountingStore store;

    @BeforeAll
    static void keys() {
        ctx = Fixtures.context();
    }

    @AfterAll
    static void close() {
        ctx.close();
    }

    @BeforeEach
    void pushed() {
        src = tmp.resolve("src");
        write(src, "same.txt", "same");
        write(src, "big.bin", pattern(200_000, 1), T0);
        write(src, "b.txt", "bbbb");
        write(src, "c.txt", "cccc");
        write(src, "dir/x.txt", "x");
        store = new CountingStore(new io.encsync.core.store.MemoryStore());
        Push.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
    }

    @Test
    void anIdenticalTreeHasNoDifferences() {
        store.reset();
        CheckReport r = Check.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(r.identical()).isTrue();
        assertThat(r.verified()).isTrue();
        assertThat(r.generation()).isEqualTo(1);
        assertThat(r.filesCompared()).isEqualTo(5);
        assertThat(r.toMap()).containsEntry("identical", true).containsEntry("generation", 1L);
    }

    @Test
    void everyDifferenceIsListedByPath() throws Exception {
        write(src, "local-only.txt", "new");
        write(src, "same.txt", "SAME".getBytes(StandardCharsets.UTF_8), T0);   // same size, other content
        write(src, "dir/x.txt", "xx");                                          // other size
        Files.delete(src.resolve("c.txt"));                                    // remote only
        byte[] big = bytes(store, ctx.names().encryptFileName("big.bin"));     // truncated remotely
        putRaw(store, ctx.names().encryptFileName("big.bin"), Arrays.copyOf(big, (int) ContentCipher.blockOffset(1)));
        byte[] b = bytes(store, ctx.names().encryptFileName("b.txt"));
        byte[] c = bytes(store, ctx.names().encryptFileName("c.txt"));
        putRaw(store, ctx.names().encryptFileName("b.txt"), c);                // swapped
        putRaw(store, ctx.names().encryptFileName("added.txt"), b);           // injected
        putRaw(store, "zzzznotaname", new byte[40]);                           // undecryptable

        store.reset();
        CheckReport r = Check.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE);
        assertThat(r.identical()).isFalse();
        assertThat(r.differences()).extracting(Difference::path, Difference::kind).containsExactlyInAnyOrder(
                tuple("added.txt", Difference.Kind.UNLISTED),
                tuple("big.bin", Difference.Kind.TAMPERED),
                tuple("b.txt", Difference.Kind.TAMPERED),
                tuple("c.txt", Difference.Kind.ONLY_REMOTE),
                tuple("dir/x.txt", Difference.Kind.SIZE_DIFFERS),
                tuple("local-only.txt", Difference.Kind.ONLY_LOCAL),
                tuple("same.txt", Difference.Kind.CONTENT_DIFFERS),
                tuple("zzzznotaname", Difference.Kind.UNREADABLE));
        // Only headers were read: no data object was opened for more than its 32 bytes.
        assertThat(store.dataOpenLengths).isNotEmpty().allMatch(n -> n == ContentCipher.HEADER_SIZE);
        assertThat(r.differences().stream().map(Difference::describe)).anyMatch(d -> d.startsWith("tampered: `b.txt`"));
    }

    @Test
    void withoutAManifestOnlyNamesAndSizesAreCompared() {
        store.delete(Manifest.KEY);
        write(src, "b.txt", "BBBB".getBytes(StandardCharsets.UTF_8), T0);
        Fixtures.Recorder rec = new Fixtures.Recorder();
        CheckReport r = Check.run(src, store, ctx, SyncOptions.defaults(), rec);
        assertThat(r.verified()).isFalse();
        assertThat(r.identical()).as("content changes are invisible without a manifest").isTrue();
        assertThat(rec.warnings).anyMatch(w -> w.contains("no encsync manifest"));
        write(src, "b.txt", "BBBBB");
        assertThat(Check.run(src, store, ctx, SyncOptions.defaults(), SyncListener.NONE).differences())
                .extracting(Difference::path, Difference::kind)
                .containsExactly(tuple("b.txt", Difference.Kind.SIZE_DIFFERS));
    }
}
