package io.encsync.core.sync;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestEntry;
import io.encsync.core.manifest.ManifestStore;
import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.fs.RelativePath;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.names.NameDecryptionException;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Push: a local folder → a store, incrementally, then the manifest, last.
 *
 * <ol>
 *   <li>Scan the source (filters, symlink mode), then take the remote's {@link PushLock} (not in a
 *       dry run): one push at a time per remote.</li>
 *   <li>Read the manifest. With one, it is the destination listing: a push that changes nothing
 *       costs one manifest read and local stats, no per-file remote call. Without one (first push,
 *       or a remote written by rclone), list the store: every source file is uploaded, because
 *       only an upload gives us the hash and nonce the manifest needs; remote files not in the
 *       source are deleted with {@code delete}, else kept with a warning that the manifest cannot
 *       vouch for them.</li>
 *   <li>Plan (size + mtime, or SHA-256 with {@code checksum}: local files of the same size are
 *       hashed), tell the listener, stop here in a dry run.</li>
 *   <li>If there is anything to do, {@link Store#cleanupAbandonedWrites()} (a killed push leaves
 *       its files planned again, so its leftovers are cleaned by the next push that has work).</li>
 *   <li>Upload on {@code transfers} threads ({@link Upload}): one pass reads each file, hashes the
 *       plaintext and encrypts it with a fresh nonce. A file that shrinks while read fails (the
 *       store's atomic put leaves the old object); one that grows or changes is uploaded as read
 *       (the manifest describes exactly those bytes) and reported as changed during upload.</li>
 *   <li>Delete (with {@code delete}).</li>
 *   <li>Write the new manifest — last, so a push killed midway leaves the previous manifest valid
 *       for every object it did not replace (a replaced one is reported by pull as stale until the
 *       next push re-uploads it, which it will: its mtime or size still differ). It keeps the
 *       entries of files not re-uploaded and of failed uploads (their objects are untouched).
 *       When nothing changed the manifest is not rewritten and the generation stays the same; a
 *       file whose permission bits alone changed is not uploaded again, only its entry's mode.</li>
 * </ol>
 *
 * <p>Cancellation: interrupting the calling thread stops the transfers and throws
 * {@link CancellationException}. Uploads in flight are abandoned by the store's atomic put (the
 * old object stays); the manifest is then written once more with exactly the uploads that
 * completed, so the remote stays consistent and the next push continues where this one stopped.
 */
public final class Push {
    private Push() {
    }

    /** Pushes {@code source} to {@code dest}; see the class comment. */
    public static SyncResult run(Path source, Store dest, CryptContext ctx, SyncOptions options,
                                 SyncListener listener) {
        return run(source, dest, ctx, options, listener, Clock.systemUTC());
    }

    static SyncResult run(Path source, Store dest, CryptContext ctx, SyncOptions options, SyncListener listener,
                          Clock clock) {
        long start = System.nanoTime();
        SyncListener out = new SerialListener(listener);
        List<SourceFile> files = SourceScan.scan(source, options, out);
        if (options.dryRun()) {
            return pushLocked(files, dest, ctx, options, out, clock, start); // reads only: no lock
        }
        try (PushLock lock = PushLock.acquire(dest, ctx, options.breakLock(), out, clock)) {
            return pushLocked(files, dest, ctx, options, out, clock, start);
        }
    }

    /** Everything after the scan, while this push holds the lock (or in a dry run, which writes nothing). */
    private static SyncResult pushLocked(List<SourceFile> files, Store dest, CryptContext ctx, SyncOptions options,
                                         SyncListener out, Clock clock, long start) {
        Optional<Manifest> previous = ManifestStore.read(dest, ctx);
        // A push onto a rolled-back remote would build on stale state (and reuse generation numbers).
        Pull.checkGeneration(previous, options, dest);

        Map<String, SourceFile> byPath = new HashMap<>();
        List<ListingEntry> sourceListing = new ArrayList<>(files.size());
        for (SourceFile f : files) {
            byPath.put(f.path(), f);
            sourceListing.add(ListingEntry.of(f.path(), f.size(), f.mtimeNanos()));
        }

        // Remote files the filters exclude are neither compared nor deleted (as rclone does without
        // --delete-excluded); their manifest entries are carried over untouched.
        java.util.function.Predicate<String> filter = Filters.compile(options);
        List<ListingEntry> destListing = new ArrayList<>();
        boolean checksum = options.checksum();
        if (previous.isPresent()) {
            previous.get().entries().values().stream().filter(e -> filter.test(e.path()))
                    .forEach(e -> destListing.add(ListingEntry.of(e)));
            if (checksum) {
                sourceListing = hashWhereSizesMatch(sourceListing, byPath, previous.get(), out);
            }
        } else {
            listWithoutManifest(dest, ctx, out).stream().filter(e -> filter.test(e.path())).forEach(destListing::add);
            checksum = true; // no recorded hashes: every source file counts as changed
        }

        Plan plan = Planner.push(checksum, options.delete()).plan(sourceListing, destListing);
        out.onPlan(plan);
        if (options.dryRun()) {
            long current = previous.map(Manifest::generation).orElse(0L);
            return new SyncResult(plan.count(Action.Kind.UPLOAD), plan.count(Action.Kind.SKIP),
                    plan.count(Action.Kind.DELETE), plan.bytesToTransfer(), seconds(start), current, true, List.of());
        }
        if (!plan.isNoOp()) {
            // Only when there is work: leftovers of a killed writer are invisible to listings and to
            // the plan, and walking a large local remote for them would double a no-change push.
            dest.cleanupAbandonedWrites();
        }
        if (previous.isEmpty() && !options.delete()) {
            for (ListingEntry d : destListing) {
                if (!byPath.containsKey(d.path())) {
                    out.onWarning(Names.quote(d.path()) + " is on " + dest.describe()
                            + " but not in the source and in no manifest: pull will report it as not listed"
                            + " — delete it with --delete, or push it again");
                }
            }
        }

        Map<String, ManifestEntry> entries = new ConcurrentHashMap<>(
                previous.map(m -> (Map<String, ManifestEntry>) m.entries()).orElse(Map.of()));
        // A chmod keeps size and mtime, so the plan skips the file: its content stays, and only the
        // manifest records the new mode (entries of manifests older than modes read as 0644).
        for (Action a : plan.actions(Action.Kind.SKIP)) {
            ManifestEntry recorded = entries.get(a.path());
            SourceFile f = byPath.get(a.path());
            if (recorded != null && f != null && recorded.mode() != f.mode()) {
                entries.put(a.path(), recorded.withMode(f.mode()));
            }
        }
        long filesTotal = plan.count(Action.Kind.UPLOAD) + plan.count(Action.Kind.DELETE);
        AtomicLong deleted = new AtomicLong();
        AtomicLong uploaded = new AtomicLong();
        List<FileError> errors;
        try (Transfers transfers = new Transfers(options.transfers(), out, options.progressInterval(),
                filesTotal, plan.bytesToTransfer())) {
            for (Action a : plan.actions(Action.Kind.UPLOAD)) {
                SourceFile f = byPath.get(a.path());
                transfers.submit(a, () -> {
                    long bytes = upload(f, dest, ctx, entries, transfers);
                    uploaded.incrementAndGet();
                    return bytes;
                });
            }
            for (Action a : plan.actions(Action.Kind.DELETE)) {
                transfers.submit(a, () -> {
                    dest.delete(ctx.names().encryptFileName(a.path()));
                    entries.remove(a.path());
                    deleted.incrementAndGet();
                    return 0;
                });
            }
            try {
                transfers.await();
            } catch (CancellationException e) {
                recordAfterCancel(dest, ctx, previous, entries, clock, e);
                throw e;
            }
            errors = transfers.errors();
            long generation = writeManifestIfChanged(dest, ctx, previous, entries, clock);
            return new SyncResult(uploaded.get(), plan.count(Action.Kind.SKIP), deleted.get(), transfers.bytesDone(),
                    seconds(start), generation, false, errors);
        }
    }

    /**
     * Writes the manifest when the file set changed and returns the generation now on the remote.
     * The first push always writes one, so that every later pull can verify.
     */
    private static long writeManifestIfChanged(Store dest, CryptContext ctx, Optional<Manifest> previous,
                                               Map<String, ManifestEntry> entries, Clock clock) {
        long current = previous.map(Manifest::generation).orElse(0L);
        dest.flush(); // the objects before the manifest that lists them
        if (previous.isPresent() && previous.get().sameFiles(entries)) {
            return current;
        }
        Manifest next = new Manifest(previous.map(Manifest::repositoryId).orElseGet(Push::newRepositoryId),
                current + 1, clock.instant(), new TreeMap<>(entries).values());
        ManifestStore.write(dest, next, ctx);
        dest.flush();
        return next.generation();
    }

    /**
     * After a cancel, every upload either completed (its entry is recorded) or left the old object
     * (atomic put), so one small manifest write makes the remote consistent again. The interrupt
     * flag is cleared for that write and restored; a failure is attached to the cancellation.
     */
    private static void recordAfterCancel(Store dest, CryptContext ctx, Optional<Manifest> previous,
                                          Map<String, ManifestEntry> entries, Clock clock, CancellationException e) {
        boolean interrupted = Thread.interrupted();
        try {
            writeManifestIfChanged(dest, ctx, previous, entries, clock);
        } catch (RuntimeException failed) {
            e.addSuppressed(failed);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Uploads one file and records its entry, also when it changed while read (the entry describes what was sent). */
    private static long upload(SourceFile f, Store dest, CryptContext ctx, Map<String, ManifestEntry> entries,
                               Transfers transfers) throws IOException {
        Upload.Result r = Upload.run(f, dest, ctx, transfers::addBytes);
        entries.put(f.path(), r.entry());
        if (r.changedWhileRead()) {
            throw new EncsyncException(ErrorCategory.LOCAL_IO, Names.quote(f.path())
                    + ": file changed during upload — the first "
                    + f.size() + " bytes read were uploaded and recorded; push again to upload the current content");
        }
        return f.size();
    }

    /** Hashes the local files whose size equals the manifest's, for {@code --checksum}. */
    private static List<ListingEntry> hashWhereSizesMatch(List<ListingEntry> source, Map<String, SourceFile> files,
                                                          Manifest manifest, SyncListener out) {
        List<ListingEntry> result = new ArrayList<>(source.size());
        for (ListingEntry s : source) {
            ManifestEntry m = manifest.entries().get(s.path());
            if (m != null && m.size() == s.size()) {
                try {
                    result.add(s.withSha256(Hashing.sha256Hex(files.get(s.path()).open())));
                } catch (IOException e) {
                    out.onWarning(Names.quote(s.path()) + ": cannot read it to compare checksums (" + e.getMessage()
                            + "); it will be uploaded");
                    result.add(s);
                }
            } else {
                result.add(s);
            }
        }
        return result;
    }

    /**
     * The decrypted listing of a store that has no manifest. Names that do not decrypt are not ours
     * to judge on a push (they are reported by pull); if there are objects and none decrypts, the
     * password is wrong, and pushing would mix two keys in one remote.
     */
    private static List<ListingEntry> listWithoutManifest(Store dest, CryptContext ctx, SyncListener out) {
        List<ListingEntry> result = new ArrayList<>();
        List<RemoteTree.Item> items = new ArrayList<>();
        int undecryptable = 0;
        int objects = 0;
        for (StoreObject o : dest.list()) {
            if (Manifest.isReservedKey(o.key())) {
                continue;
            }
            objects++;
            try {
                String path = ctx.names().decryptFileName(o.key());
                long size;
                try {
                    size = ContentCipher.decryptedSize(o.size());
                } catch (IntegrityException e) {
                    size = 0;
                }
                result.add(ListingEntry.of(path, size, Times.toNanos(o.modTime())));
                if (items.size() < 3 && o.size() > ContentCipher.HEADER_SIZE) {
                    try {
                        items.add(new RemoteTree.Item(RelativePath.of(path), o));
                    } catch (IntegrityException e) {
                        // An unsafe name is pull's to report; it proves nothing here.
                    }
                }
            } catch (NameDecryptionException e) {
                undecryptable++;
            }
        }
        if (objects > 0 && undecryptable == objects) {
            throw new WrongPasswordException("the password, password2 or filename settings are wrong: none of the "
                    + objects + " objects in " + dest.describe() + " has a name that decrypts with them");
        }
        if (ctx.config().filenameEncryption() == FilenameEncryption.OFF && !items.isEmpty()) {
            PasswordProof.byContent(dest, ctx, items); // plain names prove nothing about the keys
        }
        if (undecryptable > 0) {
            out.onWarning(undecryptable + " object(s) in " + dest.describe()
                    + " have names that do not decrypt with these settings; they are left alone");
        }
        return result;
    }

    static String newRepositoryId() {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
