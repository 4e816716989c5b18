package io.encsync.core.sync;

import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.store.ContentSource;
import io.encsync.core.store.Store;
import io.encsync.core.store.StoreObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Shared helpers of the sync tests: configs, files with fixed mtimes, tree snapshots, raw store access. */
final class Fixtures {
    static final String PASSWORD = "sync-test-password";
    static final Instant T0 = Instant.parse("2024-01-02T03:04:05.123456789Z");

    private Fixtures() {
    }

    static CryptConfig config(FilenameEncryption mode, FilenameEncoding encoding) {
        return config(mode, encoding, true);
    }

    static CryptConfig config(FilenameEncryption mode, FilenameEncoding encoding, boolean directoryNames) {
        return CryptConfig.builder().password(SecretBytes.utf8(PASSWORD)).filenameEncryption(mode)
                .filenameEncoding(encoding).directoryNameEncryption(directoryNames).build();
    }

    static CryptConfig config() {
        return config(FilenameEncryption.STANDARD, FilenameEncoding.BASE32);
    }

    static CryptContext context() {
        return CryptContext.open(config(), 1);
    }

    /**
     * One context with the default test password for the whole test JVM (key derivation costs
     * scrypt once); never closed, the JVM's end discards it.
     */
    static CryptContext shared() {
        return Shared.CONTEXT;
    }

    private static final class Shared {
        static final CryptContext CONTEXT = context();
    }

    static CryptContext context(String password) {
        return CryptContext.open(CryptConfig.builder().password(SecretBytes.utf8(password)).build(), 1);
    }

    static Path write(Path root, String rel, String content) {
        return write(root, rel, content.getBytes(StandardCharsets.UTF_8), T0);
    }

    static Path write(Path root, String rel, byte[] content, Instant mtime) {
        try {
            Path p = root.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            Files.setLastModifiedTime(p, FileTime.from(mtime));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** b[i] = i mod 251, like the rclone vectors: no two blocks alike. */
    static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ((i + seed) % 251);
        }
        return b;
    }

    /** Every regular file under {@code root} (links not followed) with its content, by relative path. */
    static Map<String, String> tree(Path root) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (a.isRegularFile()) {
                    byte[] bytes = Files.readAllBytes(p);
                    out.put(root.relativize(p).toString().replace('\\', '/'),
                            bytes.length > 64 ? "sha:" + java.util.Arrays.hashCode(bytes) + "/" + bytes.length
                                    : new String(bytes, StandardCharsets.UTF_8));
                } else if (a.isSymbolicLink()) {
                    out.put(root.relativize(p) + " ->", Files.readSymbolicLink(p).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Raw object bytes of a store, by key (for byte-identical comparisons). */
    static Map<String, byte[]> objects(Store store) {
        Map<String, byte[]> out = new TreeMap<>();
        for (StoreObject o : store.list()) {
            out.put(o.key(), bytes(store, o.key()));
        }
        return out;
    }

    static byte[] bytes(Store store, String key) {
        try (InputStream in = store.open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void putRaw(Store store, String key, byte[] bytes) {
        store.put(key, ContentSource.ofBytes(bytes), T0);
    }

    /** A listener that records warnings, plans and progress. */
    static final class Recorder implements SyncListener {
        final List<String> warnings = new ArrayList<>();
        final List<Plan> plans = new ArrayList<>();
        final List<Progress> progress = new ArrayList<>();
        final List<String> done = new ArrayList<>();

        @Override
        public void onPlan(Plan plan) {
            plans.add(plan);
        }

        @Override
        public void onWarning(String message) {
            warnings.add(message);
        }

        @Override
        public void onFileDone(Action action, long bytes, FileError error) {
            done.add(action.path() + (error == null ? "" : " FAILED"));
        }

        @Override
        public void onProgress(Progress p) {
            progress.add(p);
        }
    }
}
