package io.encsync.core.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures the local half of an unstash of many small files: each written through
 * {@link SafeTarget} and {@link PendingFile} as {@code PresignedDownloader} writes it (temporary
 * file, sync, rename; folders synced once when the target closes), four at once. A main, not a
 * test: timings belong in benchmarks. Count the syncs with {@code strace -f -c -e trace=fsync,fdatasync}.
 *
 * <pre>
 * java -cp core/target/test-classes:core/target/classes io.encsync.core.fs.UnstashWriteBenchmark \
 *     DIR [files=5000] [size=200] [folders=50] [rounds=3] [sorted|interleaved]
 * </pre>
 */
public final class UnstashWriteBenchmark {
    private UnstashWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int folders = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        // sorted: each folder's files one after another (a manifest's order); interleaved: file i
        // goes to folder i % folders, so more folders than SafeTarget keeps open are revisited.
        boolean interleaved = args.length > 5 && args[5].equals("interleaved");
        byte[] content = new byte[size];
        for (int round = 1; round <= rounds; round++) {
            Path target = Files.createTempDirectory(base, "unstash-");
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try (SafeTarget safe = SafeTarget.open(target)) {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < files; i++) {
                    int folder = interleaved ? i % folders : i * folders / files;
                    RelativePath path = PathRules.defaults().parse("d" + folder + "/f" + i + ".txt", null);
                    done.add(pool.submit(() -> {
                        try (PendingFile pending = safe.openForWrite(path)) {
                            pending.output().write(content);
                            pending.commit(Instant.now());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("round %d: %d files of %d bytes in %d folders (%s): %.2f s (%.0f files/s)%n", round,
                    files, size, folders, interleaved ? "interleaved" : "sorted", seconds, files / seconds);
            delete(target);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
