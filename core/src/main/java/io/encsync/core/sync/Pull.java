package io.encsync.core.sync;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestStore;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.fs.FileModes;
import io.encsync.core.fs.PathRules;
import io.encsync.core.fs.PendingFile;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.store.Store;
import io.encsync.core.sync.PullSources.Expected;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Pull: a store → a local folder, verifying before writing.
 *
 * <ol>
 *   <li>Read and verify the manifest (a wrong password stops here, before anything is written).
 *       Without one, warn that the remote cannot be verified and pull by listing.
 *       {@code minGeneration} refuses an older manifest (a rolled-back remote).</li>
 *   <li>List the store, decrypt every name (strictly: undecryptable names are errors, or warnings
 *       when not {@code strict}; never restored), validate every decrypted path with
 *       {@link PathRules} (no {@code ..}, absolute, control characters…).</li>
 *   <li>Pair with the manifest: listed but missing → "missing"; present but not listed → "not
 *       listed in the manifest"; object size ≠ the encrypted size of the manifest size →
 *       "truncated or replaced", all before any download.</li>
 *   <li>Plan against the target (size + mtime, or SHA-256 with {@code checksum}; names that would
 *       collide on the target are refused), stop in a dry run.</li>
 *   <li>Download on {@code transfers} threads into a temporary file in the final folder (folders
 *       created one level at a time, never through a symlink), decrypting and hashing in one pass;
 *       the header nonce and the SHA-256 must match the manifest, else the temp is dropped
 *       ("content does not match the manifest (swapped or stale)"); then flush, set the mtime and
 *       the recorded permission bits (0644 when the manifest predates modes or there is none),
 *       rename atomically. A file the plan keeps as unchanged is given the recorded mode if it has
 *       other bits.</li>
 *   <li>With {@code delete}, remove regular local files that the remote does not have (never
 *       through a link, never a file whose remote copy failed verification).</li>
 * </ol>
 *
 * <p>Links stored by {@code push --links} ({@code <name>.rclonelink}) are restored as the regular
 * files they are on the remote, never as symlinks: a link from the remote could point anywhere.
 *
 * <p>Cancellation: interrupting the calling thread stops the downloads and throws
 * {@link java.util.concurrent.CancellationException}; temporary files are removed and no final
 * name is ever half-written.
 */
public final class Pull {
    private Pull() {
    }

    /** Pulls {@code source} into {@code target}; see the class comment. */
    public static SyncResult run(Store source, Path target, CryptContext ctx, SyncOptions options,
                                 SyncListener listener) {
        long start = System.nanoTime();
        SyncListener out = new SerialListener(listener);
        Optional<Manifest> manifest = ManifestStore.read(source, ctx);
        checkGeneration(manifest, options, source);
        if (manifest.isEmpty()) {
            out.onWarning(source.describe() + " cannot be verified: no encsync manifest (written by rclone?) — "
                    + "truncated, swapped, replayed or deleted files would go unnoticed");
        }
        Predicate<String> filter = Filters.compile(options);
        List<FileError> errors = new ArrayList<>();
        RemoteTree remote = RemoteTree.read(source, ctx, filter, options.strict(), errors, out, manifest.isEmpty());
        if (manifest.isEmpty() && remote.undecryptable() > 0 && remote.undecryptable() == remote.objects()) {
            throw new WrongPasswordException("the password, password2 or filename settings are wrong: none of the "
                    + remote.objects() + " objects in " + source.describe() + " has a name that decrypts with them");
        }

        PullSources sources = manifest.isPresent()
                ? PullSources.verified(manifest.get(), remote, filter, options.strict(), source, errors, out)
                : PullSources.unverified(remote, errors);
        Map<String, Expected> expected = sources.expected();
        Set<String> protectedPaths = sources.protectedPaths();

        if (manifest.isEmpty() && ctx.config().filenameEncryption() == FilenameEncryption.OFF) {
            PasswordProof.byContent(source, ctx, expected.values().stream().map(e -> e.item()).toList());
        }
        // Only now, with the keys proven, is anything created in the target.
        // Closing the folder makes the renames durable, once per folder written into.
        try (TargetFolder folder = TargetFolder.open(target, options.dryRun())) {
            List<ListingEntry> local = new ArrayList<>();
            for (ListingEntry l : folder.scan(filter)) {
                // A file whose remote copy is known but failed verification is never deleted.
                if (options.delete() && protectedPaths.contains(l.path()) && !expected.containsKey(l.path())) {
                    continue;
                }
                local.add(l);
            }
            boolean checksum = options.checksum() && manifest.isPresent();
            List<ListingEntry> remoteRows = expected.values().stream().map(Expected::listing).toList();
            if (checksum) {
                local = folder.hashWhereSizesMatch(local, expected, out);
            }
            Plan plan = Planner.pull(checksum, options.delete(), folder.caseInsensitive()).plan(remoteRows, local);
            out.onPlan(plan);
            for (Action a : plan.actions(Action.Kind.REFUSE)) {
                errors.add(new FileError(a.path(), ErrorCategory.INTEGRITY, Names.quote(a.path()) + ": " + a.reason()));
            }
            long generation = manifest.map(Manifest::generation).orElse(0L);
            if (options.dryRun()) {
                return new SyncResult(plan.count(Action.Kind.DOWNLOAD), plan.count(Action.Kind.SKIP),
                        plan.count(Action.Kind.DELETE), plan.bytesToTransfer(), Push.seconds(start), generation, true,
                        errors);
            }

            // A file kept as unchanged still gets the recorded mode (e.g. one pulled before modes were kept).
            for (Action a : plan.actions(Action.Kind.SKIP)) {
                Expected e = expected.get(a.path());
                if (e != null && e.entry() != null) {
                    folder.keepMode(a.path(), e.entry().mode());
                }
            }

            AtomicLong downloaded = new AtomicLong();
            AtomicLong deleted = new AtomicLong();
            List<Action> work = new ArrayList<>(plan.actions(Action.Kind.DOWNLOAD));
            work.addAll(plan.actions(Action.Kind.DELETE));
            try (Transfers transfers = new Transfers(options.transfers(), out, options.progressInterval(),
                    work.size(), plan.bytesToTransfer())) {
                for (Action a : work) {
                    if (a.kind() == Action.Kind.DOWNLOAD) {
                        Expected e = expected.get(a.path());
                        transfers.submit(a, () -> {
                            long n = download(e, source, ctx, folder, generation, transfers);
                            downloaded.incrementAndGet();
                            return n;
                        });
                    } else {
                        transfers.submit(a, () -> {
                            folder.delete(a.path());
                            deleted.incrementAndGet();
                            return 0;
                        });
                    }
                }
                transfers.await();
                errors.addAll(transfers.errors());
                errors.sort((x, y) -> x.path().compareTo(y.path()));
                return new SyncResult(downloaded.get(), plan.count(Action.Kind.SKIP), deleted.get(),
                        transfers.bytesDone(), Push.seconds(start), generation, false, errors);
            }
        }
    }

    /** Refuses a remote older than {@code minGeneration} (a rolled-back tree), for push, pull and check. */
    static void checkGeneration(Optional<Manifest> manifest, SyncOptions options, Store source) {
        long min = options.minGeneration();
        if (min == 0) {
            return;
        }
        if (manifest.isEmpty()) {
            throw new IntegrityException(source.describe() + " has no manifest, but generation " + min
                    + " or newer is required — the remote was replaced or its manifest deleted; nothing was changed");
        }
        long g = manifest.get().generation();
        if (g < min) {
            throw new IntegrityException("manifest generation " + g + " of " + source.describe()
                    + " is older than the required " + min + " — the remote was rolled back; nothing was changed");
        }
    }

    /** Decrypts, verifies and writes one file through a temporary file; returns its plaintext size. */
    private static long download(Expected e, Store source, CryptContext ctx, TargetFolder folder, long generation,
                                 Transfers transfers) throws IOException {
        String path = e.listing().path();
        String shown = Names.quote(path);
        long size = e.listing().size();
        try (PendingFile pending = folder.begin(e.item().path());
             // Every block is checked with Poly1305 (and the plaintext against the manifest's
             // SHA-256): a store-level hash of the ciphertext (S3's MD5) would add nothing.
             InputStream raw = source.openAuthenticatedContent(e.item().object().key())) {
            byte[] header = raw.readNBytes(ContentCipher.HEADER_SIZE);
            byte[] nonce = ContentCipher.readNonce(header, shown);
            if (e.entry() != null && !java.util.Arrays.equals(nonce, e.entry().nonceBytes())) {
                throw mismatch(shown, generation, "its header nonce is not the one recorded");
            }
            // Blocks may be opened on the cipher's workers ahead of this thread (see ThreadBudget);
            // this thread reads, hashes and writes them in order. Closing the stream (also after a
            // failed write) cancels the blocks read ahead.
            try (InputStream plain = ctx.contentCipher().decryptingStream(
                    new SequenceInputStream(new ByteArrayInputStream(header), raw), shown)) {
                Hashing.ExactHashingStream hashing = new Hashing.ExactHashingStream(plain, size, transfers::addBytes,
                        shown + ": truncated — it decrypts to fewer than the " + size
                                + " bytes expected; not restored");
                copy(hashing, pending.output(), folder, path);
                if (plain.read() != -1) {
                    throw new IntegrityException(shown + ": longer than the " + size
                            + " bytes expected — not restored");
                }
                verifyHash(e, hashing, shown, generation);
            }
            // The recorded permission bits, exactly (as Jenkins' untar); without a manifest, 0644.
            pending.commit(Times.fromNanos(e.listing().mtimeNanos()),
                    e.entry() != null ? e.entry().mode() : FileModes.DEFAULT);
            return size;
        }
    }

    private static void verifyHash(Expected e, Hashing.ExactHashingStream hashing, String shown, long generation) {
        if (e.entry() != null && !java.util.HexFormat.of().formatHex(hashing.sha256()).equals(e.entry().sha256())) {
            throw mismatch(shown, generation, "its SHA-256 differs from the one recorded");
        }
    }

    /**
     * Copies with errors sorted by side: a source that ends early is an integrity failure (the
     * object changed since it was listed), a failed write is local I/O with its cause (disk full…).
     */
    private static void copy(Hashing.ExactHashingStream in, OutputStream out, TargetFolder folder, String path)
            throws IOException {
        byte[] buf = new byte[ContentCipher.BLOCK_DATA_SIZE];
        while (true) {
            int n;
            try {
                n = in.read(buf);
            } catch (IOException e) {
                if (in.endedEarly()) {
                    throw new IntegrityException(e.getMessage(), e);
                }
                throw e;
            }
            if (n < 0) {
                return;
            }
            try {
                out.write(buf, 0, n);
            } catch (IOException e) {
                throw folder.writeError(path, e);
            }
        }
    }

    private static IntegrityException mismatch(String shown, long generation, String why) {
        return new IntegrityException(shown + ": content does not match the manifest (swapped or stale): " + why
                + " at generation " + generation + " — not restored; restore this file from another copy");
    }
}
