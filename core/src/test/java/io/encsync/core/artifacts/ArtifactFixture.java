package io.encsync.core.artifacts;

import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A bucket on the shared moto server, a controller over it, and the archive and restore round
 * trips as the plugin will run them: every message between controller and agent goes through
 * Java serialization with a filter that admits only {@code java.*} classes, primitives and arrays of them,
 * as a remoting channel with a strict class filter would.
 */
final class ArtifactFixture implements AutoCloseable {
    /** Distinct values, so a test can search serialized messages for them. */
    static final String ACCESS_KEY_ID = "AKIAARTIFACTSFIXTURE";
    static final String SECRET_ACCESS_KEY = "artifact-fixture-secret/Zq8vN3+kLm0pQ";
    static final String PASSWORD = "artifact fixture passphrase 7f3a";
    static final String PASSWORD2 = "artifact fixture salt 91c2";
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));

    final URI endpoint;
    final String bucket;
    final S3Settings settings;
    final CryptConfig crypt;
    final ArtifactController controller;
    final S3Client admin;
    final HttpTransferOptions transfers;
    private CryptContext names;
    /** The generation each set's last archive reached, as a build records it (keyed by location). */
    private final java.util.Map<String, Long> generations = new java.util.concurrent.ConcurrentHashMap<>();

    private ArtifactFixture(URI endpoint, URI moto) {
        this.endpoint = endpoint;
        this.bucket = "encsync-art-" + UUID.randomUUID().toString().substring(0, 12);
        this.admin = MotoServer.admin(moto, CREDENTIALS);
        admin.createBucket(r -> r.bucket(bucket));
        this.settings = settings(endpoint);
        this.crypt = CryptConfig.builder().password(SecretBytes.utf8(PASSWORD)).password2(SecretBytes.utf8(PASSWORD2))
                .build();
        this.controller = ArtifactController.open(settings, crypt, ArtifactOptions.defaults());
        this.transfers = HttpTransferOptions.builder().backoffBase(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(50))
                .build();
    }

    /** A fresh bucket on the shared moto server. */
    static ArtifactFixture start() {
        URI moto = MotoServer.shared().endpoint();
        return new ArtifactFixture(moto, moto);
    }

    /** A fresh bucket; controller and agents talk to {@code endpoint} (a proxy before moto). */
    static ArtifactFixture through(URI endpoint) {
        return new ArtifactFixture(endpoint, MotoServer.shared().endpoint());
    }

    /** Small parts (S3's minimum), so a 50 MiB file is a multipart upload of 10 parts. */
    static S3Settings settings(URI endpoint) {
        return MotoServer.settings(endpoint).credentialsProvider(CREDENTIALS).socketTimeout(Duration.ofSeconds(30))
                .multipartThreshold(8 * S3Settings.MIB).build();
    }

    ArtifactBuild build(long number) {
        return new ArtifactBuild(bucket, "ci/artifacts", "team/app", number);
    }

    /**
     * Steps 1–4 of an archive, every message through the filtered channel, merging into the
     * generation this fixture's last archive into {@code set} reached, as a build does.
     */
    ArchiveResult archive(ArtifactSet set, Path workspace, Map<String, String> artifacts) {
        Map<?, ?> scan = channel(ArtifactScan.scan(workspace, artifacts));
        try (UploadPlan plan = controller.planUpload(set, scan, generations.getOrDefault(set.location(), 0L))) {
            Map<?, ?> reply = channel(new PresignedUploader(transfers).upload(workspace, channel(plan.toWire())));
            ArchiveResult result = controller.complete(plan, reply);
            generations.put(set.location(), result.generation());
            return result;
        }
    }

    /** Every regular file under {@code workspace}, archived under its own relative path. */
    ArchiveResult archiveAll(ArtifactSet set, Path workspace) throws IOException {
        return archive(set, workspace, filesUnder(workspace));
    }

    /** The restore round trip; returns the agent's parsed reply. */
    DownloadResult restore(ArtifactSet set, Path target) {
        try (DownloadPlan plan = controller.planDownload(set)) {
            return DownloadResult.fromWire(channel(new PresignedDownloader(transfers).download(target, channel(plan.toWire()))));
        }
    }

    /** Serializes and deserializes {@code message}, admitting only java.* classes, primitives and arrays of them. */
    static Map<?, ?> channel(Map<String, Object> message) {
        return (Map<?, ?>) deserialize(serialize(message));
    }

    static byte[] serialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws InvalidClassException (wrapped) when the stream names any other class */
    static Object deserialize(byte[] serialized) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            in.setObjectInputFilter(ArtifactFixture::javaOnly);
            return in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectInputFilter.Status javaOnly(ObjectInputFilter.FilterInfo info) {
        Class<?> c = info.serialClass();
        if (c == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (c.isArray()) {
            c = c.getComponentType(); // HashMap.readObject checks Map.Entry[] itself
        }
        return c.isPrimitive() || c.getName().startsWith("java.") ? ObjectInputFilter.Status.ALLOWED
                : ObjectInputFilter.Status.REJECTED;
    }

    static Map<String, String> filesUnder(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (var walk = Files.walk(root)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String rel = root.relativize(p).toString().replace('\\', '/');
                files.put(rel, rel);
            });
        }
        return files;
    }

    static Path write(Path file, byte[] content, Instant mtime) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        return file;
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Plain keys under {@code prefix}, as moto lists them. */
    Map<String, Long> objects(String prefix) {
        Map<String, Long> out = new TreeMap<>();
        admin.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()
                .forEach(o -> out.put(o.key(), o.size()));
        return out;
    }

    /** The S3 key of {@code path} in {@code set}: the root plus rclone's encrypted name. */
    String objectKey(ArtifactSet set, String path) {
        synchronized (this) {
            if (names == null) {
                names = CryptContext.open(crypt, 1);
            }
        }
        return set.objectKey(names.names().encryptFileName(path));
    }

    int openMultipartUploads(String prefix) {
        return admin.listMultipartUploads(r -> r.bucket(bucket).prefix(prefix)).uploads().size();
    }

    @Override
    public void close() {
        controller.close();
        admin.close();
        if (names != null) {
            names.close();
        }
    }
}
