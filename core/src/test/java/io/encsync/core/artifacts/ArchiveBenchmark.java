package io.encsync.core.artifacts;

import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Measures an archive of many small files with encryption on against the same code path with
 * encryption off (plaintext-sized plan, plaintext bodies): issue #12's bar is "no more than 1.5×
 * as long as plain presigned PUTs against the same moto". A main, not a test: timings belong in
 * benchmarks. Rounds alternate the two modes on one private moto server, which is reset before
 * each round so both see the same empty server; the median of each is printed.
 *
 * <p>Run (from the repository root, after {@code mvn -pl core test-compile}):
 * <pre>
 * mvn -q -pl core dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp core/target/test-classes:core/target/classes:$(cat cp.txt) \
 *     io.encsync.core.artifacts.ArchiveBenchmark [files=10000] [size=4096] [rounds=3]
 * </pre>
 */
public final class ArchiveBenchmark {
    private ArchiveBenchmark() {
    }

    /** One timed archive: the whole round trip, and the agent's upload alone. */
    private record Timing(double total, double upload) {
    }

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 4096;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path ws = Files.createTempDirectory("archive-bench");
        Map<String, String> artifacts = workspace(ws, files, size);
        CryptConfig crypt = CryptConfig.builder().password(SecretBytes.utf8("benchmark passphrase")).build();
        try (MotoServer moto = MotoServer.start()) {
            System.out.printf("%d files of %d bytes, %d rounds per mode, %d transfers, moto at %s%n", files, size,
                    rounds, HttpTransferOptions.DEFAULT_TRANSFERS, moto.endpoint());
            // Warm-up: JIT for both modes, not counted.
            Map<String, String> few = Map.copyOf(artifacts.entrySet().stream().limit(500)
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            run(moto, crypt, ws, few, true);
            run(moto, crypt, ws, few, false);
            List<Timing> encrypted = new ArrayList<>();
            List<Timing> plain = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                encrypted.add(run(moto, crypt, ws, artifacts, true));
                plain.add(run(moto, crypt, ws, artifacts, false));
                System.out.printf("round %d: encrypted %.2f s (upload %.2f s), plain %.2f s (upload %.2f s)%n", r + 1,
                        encrypted.get(r).total(), encrypted.get(r).upload(), plain.get(r).total(), plain.get(r).upload());
            }
            double e = median(encrypted.stream().map(Timing::total).toList());
            double p = median(plain.stream().map(Timing::total).toList());
            double eu = median(encrypted.stream().map(Timing::upload).toList());
            double pu = median(plain.stream().map(Timing::upload).toList());
            System.out.printf("median archive (scan+plan+upload+complete): encrypted %.2f s, plain %.2f s, ratio %.2f%n",
                    e, p, e / p);
            System.out.printf("median agent upload alone:                  encrypted %.2f s, plain %.2f s, ratio %.2f%n",
                    eu, pu, eu / pu);
        } finally {
            try (var walk = Files.walk(ws)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The baseline's objects: the plaintext itself, through the same planner and uploader. */
    private static final ObjectBody PLAINTEXT = new ObjectBody() {
        @Override
        public long size(long plaintextSize) {
            return plaintextSize;
        }

        @Override
        public java.io.InputStream open(io.encsync.core.cipher.ContentCipher cipher, java.io.InputStream plaintext,
                                        byte[] nonce) {
            return plaintext;
        }

        @Override
        public String toString() {
            return "plaintext (benchmark baseline)";
        }
    };

    private static Timing run(MotoServer moto, CryptConfig crypt, Path ws, Map<String, String> artifacts,
                              boolean encrypted) {
        ObjectBody body = encrypted ? ObjectBody.CRYPT : PLAINTEXT;
        moto.reset();
        String bucket = "bench-" + UUID.randomUUID().toString().substring(0, 12);
        S3Settings settings = ArtifactFixture.settings(moto.endpoint());
        try (S3Client admin = MotoServer.admin(moto.endpoint(), ArtifactFixture.CREDENTIALS)) {
            admin.createBucket(r -> r.bucket(bucket));
        }
        ArtifactSet set = new ArtifactBuild(bucket, "bench", "job", 1).artifacts();
        try (ArtifactController controller = ArtifactController.open(settings, crypt, ArtifactOptions.defaults())) {
            // An empty plan waits for the key derivation (scrypt), which is not what is measured.
            controller.planUpload(set, ArtifactScan.scan(ws, Map.of()), body).close();
            PresignedUploader uploader = new PresignedUploader(HttpTransferOptions.defaults(), body);
            long start = System.nanoTime();
            Map<String, Object> scan = ArtifactScan.scan(ws, artifacts);
            ArchiveResult result;
            long uploadStart;
            long uploadEnd;
            try (UploadPlan plan = controller.planUpload(set, scan, body)) {
                uploadStart = System.nanoTime();
                Map<String, Object> reply = uploader.upload(ws, plan.toWire());
                uploadEnd = System.nanoTime();
                result = controller.complete(plan, reply);
            }
            double total = (System.nanoTime() - start) / 1e9;
            result.throwIfFailed();
            if (result.archived() != artifacts.size()) {
                throw new IllegalStateException("archived " + result.archived() + " of " + artifacts.size());
            }
            return new Timing(total, (uploadEnd - uploadStart) / 1e9);
        }
    }

    private static Map<String, String> workspace(Path ws, int files, int size) throws IOException {
        Map<String, String> artifacts = new java.util.TreeMap<>();
        for (int i = 0; i < files; i++) {
            String path = "out/" + (i % 100) + "/file-" + i + ".bin";
            ArtifactFixture.write(ws.resolve(path), ArtifactFixture.random(size, i), Instant.ofEpochSecond(1_700_000_000L + i));
            artifacts.put(path, path);
        }
        return artifacts;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
