package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.IntegrityException;
import io.encsync.core.aws.ProxySettings;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.testing.FaultProxy;
import io.encsync.core.testing.MotoServer;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's presigned transfers go through the controller's HTTP proxy, sent as plain data in
 * the transfer's message, and reach no-proxy hosts directly.
 */
class AgentProxyTest {
    private static final Instant T = Instant.parse("2024-06-07T08:09:10Z");
    private static final Predicate<FaultProxy.Request> PRESIGNED = q -> q.hasQueryParam("X-Amz-Signature");

    @TempDir
    Path tmp;

    private static ProxySettings overChannel(ProxySettings p) {
        return ProxySettings.fromWire(ArtifactFixture.channel(p.toWire()));
    }

    @Test
    void uploadsAndDownloadsGoThroughTheProxyUnlessTheHostIsExempt() throws Exception {
        Path ws = tmp.resolve("ws");
        ArtifactFixture.write(ws.resolve("a.txt"), "through the proxy".getBytes(StandardCharsets.UTF_8), T);
        try (ArtifactFixture fx = ArtifactFixture.start(); FaultProxy proxy = FaultProxy.start(MotoServer.shared().endpoint())) {
            int port = proxy.address().getPort();
            HttpTransferOptions via = HttpTransferOptions.builder()
                    .proxy(overChannel(ProxySettings.of("127.0.0.1", port, null, null, List.of("example\\.com")))).build();
            ArtifactSet set = fx.build(1).artifacts();
            Map<?, ?> scan = ArtifactFixture.channel(ArtifactScan.scan(ws, Map.of("a.txt", "a.txt")));
            try (UploadPlan plan = fx.controller.planUpload(set, scan)) {
                Map<?, ?> reply = ArtifactFixture.channel(new PresignedUploader(via).upload(ws, ArtifactFixture.channel(plan.toWire())));
                assertThat(fx.controller.complete(plan, reply).failures()).isEmpty();
            }
            assertThat(proxy.count(PRESIGNED.and(q -> q.method().equals("PUT")))).isEqualTo(1);
            try (DownloadPlan plan = fx.controller.planDownload(set)) {
                DownloadResult r = DownloadResult.fromWire(ArtifactFixture.channel(
                        new PresignedDownloader(via).download(tmp.resolve("restored"), ArtifactFixture.channel(plan.toWire()))));
                assertThat(r.failures()).isEmpty();
            }
            assertThat(proxy.count(PRESIGNED.and(q -> q.method().equals("GET")))).isEqualTo(1);
            assertThat(tmp.resolve("restored/a.txt")).hasContent("through the proxy");

            int seen = proxy.requests().size();
            HttpTransferOptions exempt = HttpTransferOptions.builder()
                    .proxy(overChannel(ProxySettings.of("127.0.0.1", port, null, null, List.of("127\\.0\\.0\\..*")))).build();
            try (DownloadPlan plan = fx.controller.planDownload(set)) {
                DownloadResult r = DownloadResult.fromWire(ArtifactFixture.channel(
                        new PresignedDownloader(exempt).download(tmp.resolve("direct"), ArtifactFixture.channel(plan.toWire()))));
                assertThat(r.failures()).isEmpty();
            }
            assertThat(proxy.requests()).as("a no-proxy host is reached directly").hasSize(seen);
        }
    }

    @Test
    void theSelectorAndAuthenticatorFollowTheSetting() throws Exception {
        ProxySettings p = overChannel(ProxySettings.of("proxy.example.com", 3128, "ci", SecretBytes.utf8("proxy-pw"),
                List.of(".*\\.internal", "localhost")));
        assertThat(p.selector().select(URI.create("https://s3.amazonaws.com/b/k")))
                .containsExactly(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("proxy.example.com", 3128)));
        assertThat(p.selector().select(URI.create("http://minio.internal:9000/b"))).containsExactly(Proxy.NO_PROXY);
        assertThat(p.selector().select(URI.create("http://localhost:9000/b"))).containsExactly(Proxy.NO_PROXY);
        Authenticator auth = p.authenticator().orElseThrow();
        PasswordAuthentication forProxy = auth.requestPasswordAuthenticationInstance("proxy.example.com", null, 3128,
                "http", "realm", "basic", null, Authenticator.RequestorType.PROXY);
        assertThat(forProxy.getUserName()).isEqualTo("ci");
        assertThat(new String(forProxy.getPassword())).isEqualTo("proxy-pw");
        assertThat(auth.requestPasswordAuthenticationInstance("s3.amazonaws.com", null, 443, "https", "realm", "basic",
                null, Authenticator.RequestorType.SERVER)).as("never answers the server").isNull();
        assertThat(p.toString()).contains("proxy.example.com:3128", "ci").doesNotContain("proxy-pw");
        assertThat(HttpTransferOptions.builder().proxy(p).build().toString()).doesNotContain("proxy-pw");
    }

    @Test
    void oneSettingTravelsAsATaskFieldAndAsTheArtifactMessageAlike() throws Exception {
        ProxySettings p = ProxySettings.of("proxy.example.com", 3128, "ci", SecretBytes.utf8("proxy-pw"),
                List.of(".*\\.internal"));
        assertThat(overChannel(p)).isEqualTo(p);
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(ArtifactFixture.serialize(p)))) {
            assertThat(in.readObject()).as("inside a task").isEqualTo(p);
        }
        assertThat(p.forTarget(java.util.Optional.of(URI.create("http://minio.internal:9000")))).isEmpty();
        assertThat(p.forTarget(java.util.Optional.empty())).get()
                .satisfies(c -> assertThat(c.host()).isEqualTo("proxy.example.com"));
        assertThatThrownBy(() -> ProxySettings.of("p", 8080, null, null, List.of("(unclosed")))
                .isInstanceOf(io.encsync.core.EncsyncException.class).hasMessageContaining("'(unclosed' is not a regular expression");
    }

    @Test
    void withoutAPasswordThereIsNoAuthenticatorAndTheMessageHoldsNone() {
        ProxySettings p = ProxySettings.of("proxy.example.com", 3128, "ci", null, List.of());
        assertThat(p.authenticator()).isEmpty();
        assertThat(p.toWire()).doesNotContainKey("password").containsEntry("user", "ci");
    }

    @Test
    void aMalformedMessageIsRefusedWithWhatIsWrong() {
        Map<String, Object> m = new HashMap<>(ProxySettings.of("p", 8080, null, null, List.of()).toWire());
        m.put("port", 70000L);
        assertThatThrownBy(() -> ProxySettings.fromWire(m)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("port 70000");
        m.put("port", 8080L);
        m.put("noProxy", List.of("(unclosed"));
        assertThatThrownBy(() -> ProxySettings.fromWire(m)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("'(unclosed' is not a regular expression");
        m.put("format", "something-else");
        assertThatThrownBy(() -> ProxySettings.fromWire(m)).isInstanceOf(IntegrityException.class);
    }
}
