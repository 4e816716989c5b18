package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent side runs with no AWS SDK at all: its classes are loaded from core's classes and
 * BouncyCastle only, in a class loader that cannot see the SDK, and archive and restore a set
 * that the controller (with the SDK) planned and completes.
 */
class AgentClasspathTest {
    private static final Instant T = Instant.parse("2024-06-07T08:09:10Z");

    @TempDir
    Path tmp;

    @Test
    void uploaderAndDownloaderNeedNoAwsSdk() throws Exception {
        Path ws = tmp.resolve("ws");
        ArtifactFixture.write(ws.resolve("a.txt"), "agent without the SDK".getBytes(StandardCharsets.UTF_8), T);
        ArtifactFixture.write(ws.resolve("big.bin"), ArtifactFixture.random(9 * 1024 * 1024, 4), T);
        try (ArtifactFixture fx = ArtifactFixture.start(); URLClassLoader agent = agentLoader()) {
            assertThatThrownBy(() -> agent.loadClass("software.amazon.awssdk.services.s3.S3Client"))
                    .as("the agent's class loader really lacks the SDK").isInstanceOf(ClassNotFoundException.class);
            ArtifactSet set = fx.build(9).artifacts();

            Map<?, ?> scan = ArtifactFixture.channel(call(agent, "ArtifactScan", "scan", null, ws,
                    Map.of("a.txt", "a.txt", "big.bin", "big.bin")));
            ArchiveResult archived;
            try (UploadPlan plan = fx.controller.planUpload(set, scan)) {
                Object uploader = agent.loadClass(name("PresignedUploader"))
                        .getConstructor(agent.loadClass(name("HttpTransferOptions")))
                        .newInstance((Object) call(agent, "HttpTransferOptions", "defaults", null));
                Map<?, ?> reply = ArtifactFixture.channel(call(agent, "PresignedUploader", "upload", uploader, ws,
                        ArtifactFixture.channel(plan.toWire())));
                archived = fx.controller.complete(plan, reply);
            }
            assertThat(archived.failures()).isEmpty();
            assertThat(archived.archived()).isEqualTo(2);

            Object downloader = agent.loadClass(name("PresignedDownloader"))
                    .getConstructor(agent.loadClass(name("HttpTransferOptions")))
                    .newInstance((Object) call(agent, "HttpTransferOptions", "defaults", null));
            Path out = tmp.resolve("out");
            try (DownloadPlan plan = fx.controller.planDownload(set)) {
                DownloadResult restored = DownloadResult.fromWire(ArtifactFixture.channel(call(agent,
                        "PresignedDownloader", "download", downloader, out, ArtifactFixture.channel(plan.toWire()))));
                assertThat(restored.failures()).isEmpty();
            }
            assertThat(Files.readString(out.resolve("a.txt"))).isEqualTo("agent without the SDK");
            assertThat(Files.readAllBytes(out.resolve("big.bin"))).isEqualTo(Files.readAllBytes(ws.resolve("big.bin")));
        }
    }

    @Test
    void theProxySettingOfTheTransfersNeedsNoAwsSdk() throws Exception {
        java.util.HashMap<String, Object> wire = io.encsync.core.aws.ProxySettings.of("proxy.example.com", 3128, "ci",
                io.encsync.core.keys.SecretBytes.utf8("pw"), java.util.List.of("127\\.0\\.0\\.1")).toWire();
        try (URLClassLoader agent = agentLoader()) {
            Class<?> proxyClass = agent.loadClass("io.encsync.core.aws.ProxySettings");
            Object proxy = proxyClass.getMethod("fromWire", Map.class).invoke(null, ArtifactFixture.channel(wire));
            Object selector = proxyClass.getMethod("selector").invoke(proxy);
            assertThat(((java.net.ProxySelector) selector).select(java.net.URI.create("http://127.0.0.1:9000/b")))
                    .containsExactly(java.net.Proxy.NO_PROXY);
            assertThat(((java.util.Optional<?>) proxyClass.getMethod("authenticator").invoke(proxy))).isPresent();
            Object options = agent.loadClass(name("HttpTransferOptions")).getMethod("builder").invoke(null);
            options.getClass().getMethod("proxy", proxyClass).invoke(options, proxy);
            assertThat(options.getClass().getMethod("build").invoke(options)).isNotNull();
        }
    }

    /** core's classes and BouncyCastle, over the platform loader: no SDK, no test classes. */
    private static URLClassLoader agentLoader() {
        URL core = ArtifactScan.class.getProtectionDomain().getCodeSource().getLocation();
        URL bouncyCastle = org.bouncycastle.crypto.engines.XSalsa20Engine.class.getProtectionDomain().getCodeSource()
                .getLocation();
        return new URLClassLoader("agent", new URL[] {core, bouncyCastle}, ClassLoader.getPlatformClassLoader());
    }

    private static String name(String simple) {
        return "io.encsync.core.artifacts." + simple;
    }

    /** Calls the public method {@code method} of agent class {@code type} that takes {@code args}. */
    @SuppressWarnings("unchecked")
    private static <T> T call(ClassLoader loader, String type, String method, Object target, Object... args)
            throws Exception {
        for (Method m : loader.loadClass(name(type)).getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                return (T) m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(type + "." + method);
    }
}
