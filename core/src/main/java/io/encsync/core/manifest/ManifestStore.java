package io.encsync.core.manifest;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
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
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes the manifest object of a store, at {@link Manifest#KEY}: a pushed remote's, or
 * an artifact set's (a store at the set's root).
 */
public final class ManifestStore {
    private ManifestStore() {
    }

    /**
     * How messages name the crypt root and what they tell the user to do about a manifest that was
     * replaced (too large to be ours) or modified (fails authentication although the keys are right).
     */
    public record Wording(String shown, String ifReplaced, String ifModified) {
        public Wording {
            Objects.requireNonNull(shown, "shown");
            Objects.requireNonNull(ifReplaced, "ifReplaced");
            Objects.requireNonNull(ifModified, "ifModified");
        }
    }

    /** The verified manifest, or empty when the store has none (first push, or written by rclone). */
    public static Optional<Manifest> read(Store store, CryptContext ctx) {
        return read(store, ctx, new Wording(store.describe(), "push again from a good copy",
                "delete the object " + Manifest.KEY + " and push again to re-create it"));
    }

    /**
     * The verified manifest, or empty when the store has none. Refuses an object larger than
     * {@link ManifestCodec#MAX_OBJECT_SIZE} before reading it, and stops reading there should it
     * grow meanwhile (a hostile bucket must not exhaust memory).
     */
    public static Optional<Manifest> read(Store store, CryptContext ctx, Wording wording) {
        Optional<StoreObject> stat = store.stat(Manifest.KEY);
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        if (stat.get().size() > ManifestCodec.MAX_OBJECT_SIZE) {
            throw tooLarge(wording, Long.toString(stat.get().size()));
        }
        byte[] sealed;
        try (InputStream in = store.open(Manifest.KEY)) {
            sealed = in.readNBytes((int) ManifestCodec.MAX_OBJECT_SIZE + 1);
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new EncsyncException(ErrorCategory.REMOTE, "reading the manifest of " + wording.shown() + " failed: "
                    + e.getMessage() + " — run again", e);
        }
        if (sealed.length > ManifestCodec.MAX_OBJECT_SIZE) {
            throw tooLarge(wording, "more than " + ManifestCodec.MAX_OBJECT_SIZE);
        }
        try {
            return Optional.of(ManifestCodec.open(sealed, ctx, wording.shown()));
        } catch (WrongPasswordException e) {
            if (namesDecrypt(store, ctx)) {
                // The keys open the file names, so they are right: the manifest itself was modified.
                throw new IntegrityException("the manifest of " + wording.shown() + " is corrupt: its first block "
                        + "fails authentication although the password decrypts the file names — it was modified; "
                        + wording.ifModified(), e);
            }
            throw e;
        }
    }

    private static IntegrityException tooLarge(Wording wording, String size) {
        return new IntegrityException("the manifest of " + wording.shown() + " is " + size + " bytes, more than the "
                + ManifestCodec.MAX_OBJECT_SIZE + " allowed — it was replaced; " + wording.ifReplaced());
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
