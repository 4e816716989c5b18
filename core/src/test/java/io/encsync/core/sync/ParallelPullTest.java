package io.encsync.core.sync;

import static io.encsync.core.sync.Fixtures.T0;
import static io.encsync.core.sync.Fixtures.bytes;
import static io.encsync.core.sync.Fixtures.pattern;
import static io.encsync.core.sync.Fixtures.putRaw;
import static io.encsync.core.sync.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.ErrorCategory;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.store.LocalStore;
import io.encsync.core.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Push and pull with blocks on several workers: the same objects and files as one thread, and a
 * tampered block fails the file by name, with the sequential message, leaving nothing in place.
 */
class ParallelPullTest {
    private static CryptContext one;
    private static CryptContext four;

    @TempDir
    Path tmp;

    @BeforeAll
    static void keys() {
        one = Fixtures.context();
        four = CryptContext.open(Fixtures.config(), 4);
    }

    @AfterAll
    static void close() {
        one.close();
        four.close();
    }

    @Test
    void fourWorkersPushAndPullTheSameBytesAsOne() throws IOException {
        Path src = tmp.resolve("src");
        byte[] big = pattern(5 * ContentCipher.BLOCK_DATA_SIZE * 7 + 5, 7);
        write(src, "big.bin", big, T0);
        write(src, "edge.bin", pattern(ContentCipher.BLOCK_DATA_SIZE + 1, 8), T0);
        Store store = LocalStore.open(tmp.resolve("remote"));
        assertThat(Push.run(src, store, four, SyncOptions.defaults(), SyncListener.NONE).errors()).isEmpty();

        for (CryptContext ctx : List.of(one, four)) {
            Path out = tmp.resolve("out-" + ctx.contentCipher().parallelism());
            SyncResult r = Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
            assertThat(r.errors()).isEmpty();
            assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(big);
            assertThat(Files.mismatch(out.resolve("edge.bin"), src.resolve("edge.bin"))).isEqualTo(-1);
        }
    }

    @Test
    void aFlippedByteInBlockKFailsTheFileByNameAndNothingIsRenamedIntoPlace() throws IOException {
        Path src = tmp.resolve("src");
        write(src, "big.bin", pattern(30 * ContentCipher.BLOCK_DATA_SIZE + 77, 9), T0);
        write(src, "ok.txt", "fine");
        Store store = LocalStore.open(tmp.resolve("remote"));
        assertThat(Push.run(src, store, one, SyncOptions.defaults(), SyncListener.NONE).errors()).isEmpty();
        String key = one.names().encryptFileName("big.bin");
        byte[] enc = bytes(store, key);
        enc[(int) ContentCipher.blockOffset(17) + 16 + 4321] ^= 0x40;
        putRaw(store, key, enc);

        String sequential = null;
        for (CryptContext ctx : List.of(one, four)) {
            Path out = tmp.resolve("out-" + ctx.contentCipher().parallelism());
            SyncResult r = Pull.run(store, out, ctx, SyncOptions.defaults(), SyncListener.NONE);
            assertThat(r.errors()).hasSize(1);
            FileError error = r.errors().get(0);
            assertThat(error.path()).isEqualTo("big.bin");
            assertThat(error.category()).isEqualTo(ErrorCategory.INTEGRITY);
            assertThat(error.message()).contains("`big.bin`").contains("block 17");
            if (sequential == null) {
                sequential = error.message();
            }
            assertThat(error.message()).as("the same report as one thread").isEqualTo(sequential);
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                        .as("only the good file; no final or temporary big.bin").containsExactly("ok.txt");
            }
        }
    }
}
