package io.encsync.core.manifest;

import io.encsync.core.IntegrityException;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.names.NameDecryptionException;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.ObjectNotFoundException;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Reads and writes the manifest object of a store, at {@link Manifest#KEY}. */
public final class ManifestStore {
    private ManifestStore() {
    }

    /** The verified manifest, or empty when the store has none (first push, or written by rclone). */
    public static Optional<Manifest> read(Store store, CryptContext ctx) {
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
        try {
            return Optional.of(ManifestCodec.open(sealed, ctx, store.describe()));
        } catch (WrongPasswordException e) {
            if (namesDecrypt(store, ctx)) {
                // The keys open the file names, so they are right: the manifest itself was modified.
                throw new IntegrityException("the manifest of " + store.describe() + " is corrupt: its first block "
                        + "fails authentication although the password decrypts the file names — it was modified; "
                        + "delete the object " + Manifest.KEY + " and push again to re-create it", e);
            }
            throw e;
        }
    }

    /** Whether any object name decrypts: proof the keys are right (not in mode off, where names are plain). */
    private static boolean namesDecrypt(Store store, CryptContext ctx) {
        if (ctx.config().filenameEncryption() == FilenameEncryption.OFF) {
            return false;
        }
        for (StoreObject o : store.listSizes()) {
            if (Manifest.isReservedKey(o.key())) {
                continue;
            }
            try {
                ctx.names().decryptFileName(o.key());
                return true;
            } catch (NameDecryptionException e) {
                // keep looking
            }
        }
        return false;
    }

    /** Writes {@code manifest} atomically, replacing the previous one. */
    public static void write(Store store, Manifest manifest, CryptContext ctx) {
        store.put(Manifest.KEY, ContentSource.ofBytes(ManifestCodec.seal(manifest, ctx)), manifest.created());
    }
}
