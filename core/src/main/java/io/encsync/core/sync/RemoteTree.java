package io.encsync.core.sync;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.fs.PathRules;
import io.encsync.core.fs.RelativePath;
import io.encsync.core.names.NameDecryptionException;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The decrypted, validated listing of a store: every object whose name decrypts to a path that
 * {@link PathRules} accepts and the filters select, by plaintext path. Names that do not decrypt
 * and unsafe paths become file errors (undecryptable names only warnings when not strict); they
 * are never restored. The manifest object is not part of the tree.
 */
final class RemoteTree {
    /** One usable object: its validated plaintext path and the stored object. */
    record Item(RelativePath path, StoreObject object) {
    }

    private final Map<String, Item> items;
    private final int objects;
    private final int undecryptable;

    private RemoteTree(Map<String, Item> items, int objects, int undecryptable) {
        this.items = items;
        this.objects = objects;
        this.undecryptable = undecryptable;
    }

    /**
     * Reads the tree. {@code needModTimes}: whether the objects' recorded modification times are
     * used (without a manifest they are the only source); otherwise the cheaper listing serves.
     */
    static RemoteTree read(Store store, CryptContext ctx, Predicate<String> filter, boolean strict,
                           List<FileError> errors, SyncListener out, boolean needModTimes) {
        Map<String, Item> items = new TreeMap<>();
        int objects = 0;
        int undecryptable = 0;
        Set<String> duplicates = new java.util.HashSet<>();
        for (StoreObject o : needModTimes ? store.list() : store.listSizes()) {
            if (Manifest.isReservedKey(o.key())) {
                continue;
            }
            objects++;
            String path;
            try {
                path = ctx.names().decryptFileName(o.key());
            } catch (NameDecryptionException e) {
                undecryptable++;
                if (strict) {
                    errors.add(new FileError(o.key(), ErrorCategory.INTEGRITY, e.getMessage() + " — not restored"));
                } else {
                    out.onWarning(e.getMessage() + " — skipped");
                }
                continue;
            }
            RelativePath rel;
            try {
                rel = PathRules.defaults().parse(path, o.key());
            } catch (IntegrityException e) {
                errors.add(new FileError(path, ErrorCategory.INTEGRITY, e.getMessage()));
                continue;
            }
            if (!filter.test(rel.toString())) {
                continue;
            }
            if (items.putIfAbsent(rel.toString(), new Item(rel, o)) != null) {
                duplicates.add(rel.toString());
                errors.add(new FileError(path, ErrorCategory.INTEGRITY, Names.quote(path) + ": two objects ("
                        + items.get(rel.toString()).object().key() + " and " + o.key()
                        + ") decrypt to this name — neither is trusted; not restored"));
            }
        }
        items.keySet().removeAll(duplicates);
        return new RemoteTree(items, objects, undecryptable);
    }

    Item item(String path) {
        return items.get(path);
    }

    Collection<Item> items() {
        return items.values();
    }

    Set<String> paths() {
        return items.keySet();
    }

    /** Objects seen, the manifest excluded. */
    int objects() {
        return objects;
    }

    int undecryptable() {
        return undecryptable;
    }
}
