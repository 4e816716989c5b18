package io.encsync.core.store;

import io.encsync.core.fs.SafeFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract against {@link LocalStore}; leftovers are temporary files like a killed put leaves. */
class LocalStoreContractTest extends StoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected Store newStore() {
        return LocalStore.open(dir.resolve("store"));
    }

    @Override
    protected int simulateAbandonedWrite(Store store, String key) throws Exception {
        Path root = ((LocalStore) store).root();
        Path parent = root.resolve(key).getParent();
        Files.createDirectories(parent);
        Path temp = SafeFiles.newTempFile(parent);
        Files.write(temp, new byte[1234]);
        return 1;
    }
}
