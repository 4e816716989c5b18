package io.encsync.core.sync;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestEntry;
import io.encsync.core.manifest.ManifestStore;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * Check: compares a local tree with a remote without downloading file data.
 *
 * <p>With a manifest: local files are hashed and compared with the manifest (size, then SHA-256);
 * the store is listed and, for every manifest entry, the object must exist, have exactly the
 * encrypted size of the recorded size, and carry the recorded nonce in its 32-byte header — the
 * one read per object, rclone's cryptcheck idea made exact (a swapped, replayed or truncated
 * object fails one of these). Objects the manifest does not list, and names that do not decrypt
 * or are unsafe, are differences too. Without a manifest only names and sizes can be compared;
 * the listener is warned and {@link CheckReport#verified()} is false.
 */
public final class Check {
    private Check() {
    }

    public static CheckReport run(Path local, Store remote, CryptContext ctx, SyncOptions options,
                                  SyncListener listener) {
        SyncListener out = new SerialListener(listener);
        Optional<Manifest> manifest = ManifestStore.read(remote, ctx);
        Pull.checkGeneration(manifest, options, remote);
        Predicate<String> filter = Filters.compile(options);
        List<SourceFile> files = SourceScan.scan(local, options, out);
        List<FileError> nameErrors = new ArrayList<>();
        RemoteTree tree = RemoteTree.read(remote, ctx, filter, true, nameErrors, out, manifest.isEmpty());
        ConcurrentLinkedQueue<Difference> diffs = new ConcurrentLinkedQueue<>();
        for (FileError e : nameErrors) {
            diffs.add(new Difference(e.path(), Difference.Kind.UNREADABLE, e.message()));
        }
        Map<String, SourceFile> localByPath = new TreeMap<>();
        files.forEach(f -> localByPath.put(f.path(), f));

        if (manifest.isEmpty()) {
            out.onWarning(remote.describe() + " has no encsync manifest (written by rclone?): only names and sizes "
                    + "are compared, not contents");
            compareWithoutManifest(localByPath, tree, diffs);
            return report(diffs, localByPath.size(), 0, false);
        }
        Manifest m = manifest.get();
        Map<String, Runnable> jobs = new TreeMap<>();
        for (SourceFile f : localByPath.values()) {
            ManifestEntry e = m.entries().get(f.path());
            if (e == null) {
                diffs.add(new Difference(f.path(), Difference.Kind.ONLY_LOCAL, "not on the remote"));
            } else if (e.size() != f.size()) {
                diffs.add(new Difference(f.path(), Difference.Kind.SIZE_DIFFERS,
                        "local " + f.size() + " bytes, remote " + e.size() + " bytes"));
            } else {
                jobs.put(f.path() + "\0local", () -> compareContent(f, e, diffs));
            }
        }
        for (ManifestEntry e : m.entries().values()) {
            if (!filter.test(e.path())) {
                continue;
            }
            if (!localByPath.containsKey(e.path())) {
                diffs.add(new Difference(e.path(), Difference.Kind.ONLY_REMOTE, "not in the local tree"));
            }
            RemoteTree.Item item = tree.item(e.path());
            if (item == null) {
                diffs.add(new Difference(e.path(), Difference.Kind.MISSING_OBJECT, "listed in the manifest (generation "
                        + m.generation() + ") but " + remote.describe() + " has no object for it"));
            } else if (item.object().size() != ContentCipher.encryptedSize(e.size())) {
                diffs.add(new Difference(e.path(), Difference.Kind.TAMPERED, "truncated or replaced: the object is "
                        + item.object().size() + " bytes, the manifest says " + ContentCipher.encryptedSize(e.size())));
            } else {
                jobs.put(e.path() + "\0remote", () -> compareNonce(remote, item, e, diffs));
            }
        }
        for (RemoteTree.Item item : tree.items()) {
            if (!m.entries().containsKey(item.path().toString())) {
                diffs.add(new Difference(item.path().toString(), Difference.Kind.UNLISTED,
                        "on the remote but not listed in the manifest (added by someone else)"));
            }
        }
        runAll(jobs, options, out);
        return report(diffs, localByPath.size(), m.generation(), true);
    }

    private static void compareContent(SourceFile f, ManifestEntry e, ConcurrentLinkedQueue<Difference> diffs) {
        try {
            if (!Hashing.sha256Hex(f.open()).equals(e.sha256())) {
                diffs.add(new Difference(f.path(), Difference.Kind.CONTENT_DIFFERS, "same size, different content"));
            }
        } catch (IOException ex) {
            diffs.add(new Difference(f.path(), Difference.Kind.UNREADABLE,
                    "cannot read the local file: " + ex.getMessage()));
        }
    }

    private static void compareNonce(Store remote, RemoteTree.Item item, ManifestEntry e,
                                     ConcurrentLinkedQueue<Difference> diffs) {
        String path = item.path().toString();
        try (InputStream in = remote.open(item.object().key(), 0, ContentCipher.HEADER_SIZE)) {
            byte[] nonce = ContentCipher.readNonce(in.readNBytes(ContentCipher.HEADER_SIZE), Names.quote(path));
            if (!Arrays.equals(nonce, e.nonceBytes())) {
                diffs.add(new Difference(path, Difference.Kind.TAMPERED,
                        "content does not match the manifest (swapped or stale): its header nonce differs"));
            }
        } catch (IOException | RuntimeException ex) {
            diffs.add(new Difference(path, Difference.Kind.UNREADABLE, ex.getMessage()));
        }
    }

    private static void compareWithoutManifest(Map<String, SourceFile> local, RemoteTree tree,
                                               ConcurrentLinkedQueue<Difference> diffs) {
        for (SourceFile f : local.values()) {
            RemoteTree.Item item = tree.item(f.path());
            if (item == null) {
                diffs.add(new Difference(f.path(), Difference.Kind.ONLY_LOCAL, "not on the remote"));
            } else if (item.object().size() != ContentCipher.encryptedSize(f.size())) {
                diffs.add(new Difference(f.path(), Difference.Kind.SIZE_DIFFERS, "local " + f.size()
                        + " bytes, remote object of " + item.object().size() + " bytes"));
            }
        }
        for (RemoteTree.Item item : tree.items()) {
            if (!local.containsKey(item.path().toString())) {
                diffs.add(new Difference(item.path().toString(), Difference.Kind.ONLY_REMOTE, "not in the local tree"));
            }
        }
    }

    /** Runs the hashing and header reads on {@code transfers} threads; keys are path + NUL + side. */
    private static void runAll(Map<String, Runnable> jobs, SyncOptions options, SyncListener out) {
        try (Transfers transfers = new Transfers(options.transfers(), out, options.progressInterval(),
                jobs.size(), 0)) {
            jobs.forEach((id, job) -> {
                String path = id.substring(0, id.indexOf('\0'));
                transfers.submit(new Action(Action.Kind.SKIP, path, "compared", null, null), () -> {
                    job.run();
                    return 0;
                });
            });
            transfers.await();
        }
    }

    private static CheckReport report(ConcurrentLinkedQueue<Difference> diffs, long compared, long generation,
                                      boolean verified) {
        List<Difference> list = new ArrayList<>(diffs);
        list.sort(Comparator.comparing(Difference::path).thenComparing(Difference::kind));
        return new CheckReport(list, compared, generation, verified);
    }
}
