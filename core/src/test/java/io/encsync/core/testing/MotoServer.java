package io.encsync.core.testing;

import io.encsync.core.store.s3.S3Settings;
import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real moto server (S3, IAM, STS emulator) on a free loopback port, started once per test JVM
 * and stopped when the JVM exits. Tests share it and use unique bucket and user names.
 *
 * <p>Also the one way core's tests reach it: {@link #settings(URI)} for the code under test (short
 * backoff, S3's smallest parts), {@link #admin(URI, ExecutionInterceptor...)} for set-up and for
 * looking at what the code wrote, {@link #newBucket(URI)} for a fresh bucket. The {@code URI}
 * forms take this server's endpoint or a fault proxy's in front of it.
 *
 * <p>Never skipped: when {@code moto_server} is missing the tests fail and say how to install it.
 */
public final class MotoServer implements AutoCloseable {
    /** What moto accepts with authorization off (any key does; these are the ones its docs use). */
    public static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** The JVM-wide server, started on first use. */
    public static synchronized MotoServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
            MotoServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "moto-server-stop"));
        }
        return shared;
    }

    /** Starts a private server (for tests that switch authorization on or reset state). */
    public static MotoServer start() {
        String executable = findExecutable();
        int port = freePort();
        try {
            Path log = Files.createTempFile("moto-server-", ".log");
            ProcessBuilder pb = new ProcessBuilder(executable, "-H", "127.0.0.1", "-p", Integer.toString(port));
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
            // moto must not try to reach anything real.
            pb.environment().remove("AWS_PROFILE");
            Process process = pb.start();
            MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("could not start " + executable + ": " + e.getMessage(), e);
        }
    }

    private static String findExecutable() {
        String override = System.getenv("MOTO_SERVER");
        if (override != null && !override.isBlank()) {
            return override;
        }
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add(System.getProperty("user.home") + "/.local/bin");
        for (String dir : dirs) {
            Path candidate = Path.of(dir, "moto_server");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("moto_server was not found on PATH. The S3, IAM and provisioning tests "
                + "need it: install it with  python3 -m pip install 'moto[server]'  (or set MOTO_SERVER to its path)");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited at start:\n" + Files.readString(log));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for moto_server", e);
            }
        }
        close();
        throw new IllegalStateException("moto_server did not answer on " + endpoint + " within 60 s:\n" + Files.readString(log));
    }

    /** {@code http://127.0.0.1:PORT}: use with path-style addressing. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Settings for the code under test at {@code endpoint} (moto, or a proxy in front of it): short
     * backoff so fault tests stay quick, 5 MiB parts and a 6 MiB multipart threshold so a 12 MiB
     * object is a multipart upload of 3 parts.
     */
    public static S3Settings.Builder settings(URI endpoint) {
        return S3Settings.builder()
                .endpoint(endpoint)
                .pathStyle(true)
                .region("us-east-1")
                .credentialsProvider(CREDENTIALS)
                .backoffBase(Duration.ofMillis(5))
                .throttlingBackoffBase(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(100))
                .socketTimeout(Duration.ofSeconds(20))
                .partSize(5 * S3Settings.MIB)
                .multipartThreshold(6 * S3Settings.MIB);
    }

    /** Plain SDK access for set-up and for looking at what the code under test wrote. */
    public static S3Client admin(URI endpoint, ExecutionInterceptor... interceptors) {
        return admin(endpoint, CREDENTIALS, interceptors);
    }

    /** As {@link #admin(URI, ExecutionInterceptor...)}, signing with {@code credentials}. */
    public static S3Client admin(URI endpoint, AwsCredentialsProvider credentials, ExecutionInterceptor... interceptors) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .build();
    }

    /** Creates a bucket with a unique name and returns the name. */
    public static String newBucket(URI endpoint) {
        String bucket = "encsync-" + UUID.randomUUID().toString().substring(0, 13);
        try (S3Client s3 = admin(endpoint)) {
            s3.createBucket(r -> r.bucket(bucket));
        }
        return bucket;
    }

    /**
     * Switches IAM authorization: {@code true} enforces it from the next request on, {@code false}
     * turns it off. Server-wide: only for servers from {@link #start()}, never the shared one.
     */
    public void enforceAuthorization(boolean on) {
        post("/moto-api/reset-auth", on ? "0" : "inf");
    }

    /** Wipes every backend. Turn authorization off first (see the threat model, moto notes). */
    public void reset() {
        post("/moto-api/reset", "");
    }

    private void post(String path, String body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.resolve(path))
                            .header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("moto " + path + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The server's output so far, for failure messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
