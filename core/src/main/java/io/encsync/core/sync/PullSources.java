package io.encsync.core.sync;

import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestEntry;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.fs.PathRules;
import io.encsync.core.store.Store;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What a pull may restore, decided before any download: each remote file paired with its manifest
 * entry (missing, truncated or unlisted files become errors here), or — without a manifest — every
 * decrypted object as it is. {@code protectedPaths} are the paths the remote knows of, restorable
 * or not: {@code --delete} never removes their local copies.
 */
record PullSources(Map<String, Expected> expected, Set<String> protectedPaths) {

    /** What one restored file must be: its remote object, its manifest entry (null without one), its plan row. */
    record Expected(RemoteTree.Item item, ManifestEntry entry, ListingEntry listing) {
    }

    /** Without a manifest: every object, its plaintext size from its encrypted size, its store mtime. */
    static PullSources unverified(RemoteTree remote, List<FileError> errors) {
        Map<String, Expected> expected = new TreeMap<>();
        for (RemoteTree.Item item : remote.items()) {
            String path = item.path().toString();
            try {
                long size = ContentCipher.decryptedSize(item.object().size());
                expected.put(path, new Expected(item, null,
                        ListingEntry.of(path, size, Times.toNanos(item.object().modTime()))));
            } catch (IntegrityException e) {
                errors.add(new FileError(path, ErrorCategory.INTEGRITY, Names.quote(path) + ": " + e.getMessage()));
            }
        }
        return new PullSources(expected, new HashSet<>(remote.paths()));
    }

    /** With a manifest: see the class comment. */
    static PullSources verified(Manifest manifest, RemoteTree remote, Predicate<String> filter, boolean strict,
                                Store source, List<FileError> errors, SyncListener out) {
        Map<String, Expected> expected = new TreeMap<>();
        Set<String> protectedPaths = new HashSet<>(remote.paths());
        for (ManifestEntry m : manifest.entries().values()) {
            if (!filter.test(m.path())) {
                continue;
            }
            protectedPaths.add(m.path());
            String shown = Names.quote(m.path());
            try {
                // A key holder can forge a manifest too: its paths get the same checks as names.
                PathRules.defaults().parse(m.path(), Manifest.KEY);
            } catch (IntegrityException e) {
                errors.add(new FileError(m.path(), ErrorCategory.INTEGRITY, e.getMessage()));
                continue;
            }
            RemoteTree.Item item = remote.item(m.path());
            if (item == null) {
                errors.add(new FileError(m.path(), ErrorCategory.INTEGRITY, shown
                        + ": missing — the manifest (generation "
                        + manifest.generation() + ") lists it but " + source.describe()
                        + " has no object for it; it was deleted: restore it from another copy"));
                continue;
            }
            long want = ContentCipher.encryptedSize(m.size());
            if (item.object().size() != want) {
                errors.add(new FileError(m.path(), ErrorCategory.INTEGRITY, shown
                        + ": truncated or replaced — its object is "
                        + item.object().size() + " bytes, the manifest says " + m.size() + " bytes (" + want
                        + " encrypted); not restored: restore it from another copy"));
                continue;
            }
            expected.put(m.path(), new Expected(item, m, ListingEntry.of(m)));
        }
        for (RemoteTree.Item item : remote.items()) {
            String path = item.path().toString();
            if (!manifest.entries().containsKey(path)) {
                String msg = Names.quote(path) + ": not listed in the manifest (generation " + manifest.generation()
                        + ") — it was added by someone else; not restored (delete it from the remote, or push again)";
                if (strict) {
                    errors.add(new FileError(path, ErrorCategory.INTEGRITY, msg));
                } else {
                    out.onWarning(msg);
                }
            }
        }
        return new PullSources(expected, protectedPaths);
    }
}
