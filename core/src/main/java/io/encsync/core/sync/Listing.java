package io.encsync.core.sync;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestEntry;
import io.encsync.core.manifest.ManifestStore;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The decrypted listing of a remote, as {@code rclone ls} of a crypt remote shows it: plaintext
 * paths, plaintext sizes (computed from object sizes, nothing is downloaded) and modification
 * times (the manifest's when there is one, else the store's). Names that do not decrypt are
 * reported as warnings, unsafe ones as errors; neither is listed.
 */
public final class Listing {

    /** One listed file; {@code inManifest} says whether the last push recorded it. */
    public record Entry(String path, long size, Instant modTime, boolean inManifest) {
    }

    /** The listing, the manifest generation (0: none) and what could not be listed. */
    public record Result(List<Entry> entries, long generation, List<FileError> errors) {
        public Result {
            entries = List.copyOf(entries);
            errors = List.copyOf(errors);
        }
    }

    private Listing() {
    }

    public static Result run(Store store, CryptContext ctx, SyncListener listener) {
        Optional<Manifest> manifest = ManifestStore.read(store, ctx);
        List<FileError> errors = new ArrayList<>();
        RemoteTree tree = RemoteTree.read(store, ctx, path -> true, false, errors, listener, manifest.isEmpty());
        List<Entry> entries = new ArrayList<>();
        for (RemoteTree.Item item : tree.items()) {
            String path = item.path().toString();
            long size;
            try {
                size = ContentCipher.decryptedSize(item.object().size());
            } catch (IntegrityException e) {
                errors.add(new FileError(path, ErrorCategory.INTEGRITY, Names.quote(path) + ": " + e.getMessage()));
                continue;
            }
            Optional<ManifestEntry> recorded = manifest.flatMap(m -> m.entry(path));
            Instant modTime = recorded.map(e -> Times.fromNanos(e.mtimeNanos())).orElse(item.object().modTime());
            entries.add(new Entry(path, size, modTime, recorded.isPresent()));
        }
        return new Result(entries, manifest.map(Manifest::generation).orElse(0L), errors);
    }
}
