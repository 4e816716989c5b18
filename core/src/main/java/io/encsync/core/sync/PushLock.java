package io.encsync.core.sync;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.ObjectNotFoundException;
import io.encsync.core.store.Store;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One push at a time per remote. Two pushes that overlap would each write the manifest from their
 * own view, and the files the loser replaced would then fail verification on every pull until they
 * change again. So a push first creates {@value #KEY} exclusively ({@link Store#putIfAbsent}: a
 * hard link on a folder, {@code If-None-Match: *} on S3) and deletes it when done.
 *
 * <p>The lock holds a random owner id, the host name, the process id and the time, encrypted like
 * any crypt file (so the bucket does not learn build host names). Like the manifest, its name
 * decodes in no rclone mode, so rclone skips it silently. A lock left by a killed push is removed
 * automatically when it names this host and a process that no longer runs; otherwise the error
 * says who holds it and that {@code --break-lock} removes it.
 */
final class PushLock implements AutoCloseable {
    static final String KEY = Manifest.LOCK_KEY;
    /** Attempts to take the lock when it keeps disappearing and reappearing between our calls. */
    private static final int ATTEMPTS = 3;
    private static final int MAX_SIZE = 64 * 1024;
    /**
     * Owners of the locks this JVM holds now. A lock naming this host and this process but not
     * listed here was left by a push of this JVM that ended without releasing it (a Jenkins agent
     * runs many pushes in one long-lived process), so it is stale like one of an ended process.
     */
    private static final Set<String> HELD = ConcurrentHashMap.newKeySet();

    private final Store store;
    private final CryptContext ctx;
    private final Holder mine;
    private final SyncListener out;

    private PushLock(Store store, CryptContext ctx, Holder mine, SyncListener out) {
        this.store = store;
        this.ctx = ctx;
        this.mine = mine;
        this.out = out;
    }

    /** Who holds a lock; {@code owner} is null when the lock does not decrypt with our keys. */
    record Holder(String owner, String host, long pid, Instant since) {
        String describe() {
            return owner == null ? "written with other keys, since " + since
                    : "host " + host + ", process " + pid + ", since " + since;
        }

        byte[] encode() {
            return ("encsync-lock 1\nowner=" + owner + "\nhost=" + host + "\npid=" + pid + "\nsince=" + since + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        }

        static Holder decode(String text) {
            Map<String, String> fields = new HashMap<>();
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            try {
                return new Holder(fields.get("owner"), fields.getOrDefault("host", "?"),
                        Long.parseLong(fields.getOrDefault("pid", "-1")), Instant.parse(fields.get("since")));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not an encsync lock", e);
            }
        }
    }

    /**
     * Takes the lock of {@code store}, removing a stale one (this host, process gone) or, with
     * {@code breakLock}, any other one, each with a warning.
     *
     * @throws EncsyncException (remote) when another push holds it
     */
    static PushLock acquire(Store store, CryptContext ctx, boolean breakLock, SyncListener out, Clock clock) {
        Holder mine = new Holder(Push.newRepositoryId(), thisHost(), ProcessHandle.current().pid(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS));
        byte[] sealed = seal(mine.encode(), ctx);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (store.putIfAbsent(KEY, ContentSource.ofBytes(sealed), mine.since())) {
                return held(new PushLock(store, ctx, mine, out));
            }
            Optional<Holder> holder = read(store, ctx);
            if (holder.isEmpty()) {
                continue; // released between our two calls
            }
            Holder h = holder.get();
            if (mine.owner().equals(h.owner())) {
                return held(new PushLock(store, ctx, mine, out)); // our own create, retried after a lost answer
            }
            if (breakLock) {
                out.onWarning("removed the push lock of " + store.describe() + " (" + h.describe()
                        + ") as --break-lock asked");
            } else if (isStale(h)) {
                out.onWarning("removed a stale push lock of " + store.describe() + ": the push of process "
                        + h.pid() + " on this host ended without releasing it");
            } else {
                throw new EncsyncException(ErrorCategory.REMOTE, store.describe() + " is locked by another push ("
                        + h.describe() + ") — wait for it to finish; if it no longer runs (killed on another "
                        + "machine), push again with --break-lock");
            }
            store.delete(KEY);
        }
        throw new EncsyncException(ErrorCategory.REMOTE, "could not take the push lock of " + store.describe()
                + ": another push took it each time — run again");
    }

    /** The holder of the lock now, if there is one. */
    static Optional<Holder> read(Store store, CryptContext ctx) {
        byte[] sealed;
        try (InputStream in = store.open(KEY)) {
            sealed = in.readNBytes(MAX_SIZE);
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream in = ctx.contentCipher().decryptingStream(new ByteArrayInputStream(sealed), KEY)) {
            return Optional.of(Holder.decode(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException | EncsyncException | IllegalArgumentException e) {
            Instant since = store.stat(KEY).map(o -> o.modTime()).orElse(Instant.EPOCH);
            return Optional.of(new Holder(null, "?", -1, since.truncatedTo(ChronoUnit.SECONDS)));
        }
    }

    private static PushLock held(PushLock lock) {
        HELD.add(lock.mine.owner());
        return lock;
    }

    /** A lock of this host whose process has ended, or of this process whose push has ended. */
    static boolean isStale(Holder h) {
        if (h.owner() == null || !h.host().equals(thisHost()) || h.pid() <= 0) {
            return false;
        }
        if (h.pid() == ProcessHandle.current().pid()) {
            return !HELD.contains(h.owner());
        }
        return ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true);
    }

    /**
     * Releases the lock if it is still ours; a failure is a warning (the next push from this host
     * removes it). Runs with the interrupt flag cleared, so a cancelled push still releases.
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            Optional<Holder> now = read(store, ctx);
            if (now.isPresent() && mine.owner().equals(now.get().owner())) {
                store.delete(KEY);
            }
        } catch (RuntimeException e) {
            out.onWarning("could not remove the push lock of " + store.describe() + " (" + e.getMessage()
                    + "); the next push from this host removes it, from another host use --break-lock");
        } finally {
            HELD.remove(mine.owner());
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static byte[] seal(byte[] plain, CryptContext ctx) {
        ContentCipher cipher = ctx.contentCipher();
        try (InputStream in = cipher.encryptingStream(new ByteArrayInputStream(plain), cipher.newNonce())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This machine's name, without a DNS lookup (which can hang where DNS is broken). */
    static String thisHost() {
        for (String file : new String[] {"/proc/sys/kernel/hostname", "/etc/hostname"}) {
            try {
                String name = Files.readString(Path.of(file)).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException | RuntimeException e) {
                // Not Linux, or not readable: try the next source.
            }
        }
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String name = System.getenv(variable);
            if (name != null && !name.isBlank()) {
                return name.strip();
            }
        }
        return "unknown";
    }
}
