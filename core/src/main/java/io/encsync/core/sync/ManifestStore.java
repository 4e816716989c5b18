package io.encsync.core.sync;

import io.encsync.core.IntegrityException;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.ObjectNotFoundException;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Optional;

/** Reads and writes the manifest object of a store, at {@link Manifest#KEY}. */
final class ManifestStore {
    private ManifestStore() {
    }

    /** The verified manifest, or empty when the store has none (first push, or written by rclone). */
    static Optional<Manifest> read(Store store, CryptContext ctx) {
        Optional<StoreObject> stat = store.stat(Manifest.KEY);
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        if (stat.get().size() > ManifestCodec.MAX_OBJECT_SIZE) {
            throw new IntegrityException("the manifest of " + store.describe() + " is " + stat.get().size()
                    + " bytes, more than the " + ManifestCodec.MAX_OBJECT_SIZE + " allowed — it was replaced; "
                    + "push again from a good copy");
        }
        byte[] sealed;
        try (InputStream in = store.open(Manifest.KEY)) {
            sealed = in.readAllBytes();
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(ManifestCodec.open(sealed, ctx, store.describe()));
    }

    /** Writes {@code manifest} atomically, replacing the previous one. */
    static void write(Store store, Manifest manifest, CryptContext ctx) {
        store.put(Manifest.KEY, ContentSource.ofBytes(ManifestCodec.seal(manifest, ctx)), manifest.created());
    }
}
