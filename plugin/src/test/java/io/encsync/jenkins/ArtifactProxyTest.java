package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.ProxyConfiguration;
import io.encsync.core.testing.FaultProxy;
import io.encsync.core.testing.MotoServer;
import io.encsync.jenkins.artifacts.ArtifactAgentCalls;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.function.Predicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue #18, proxies: the agent's presigned uploads and downloads (archive, stash, unstash) go
 * through Jenkins' HTTP proxy, as every other S3 request of the plugin does, and a no-proxy host
 * bypasses it. The proxy is a loopback forwarding proxy in front of moto that counts requests.
 */
@WithJenkins
class ArtifactProxyTest {
    private static final String PROXY_PASSWORD = "proxy-password-for-the-controller-only";
    private static final Predicate<FaultProxy.Request> PRESIGNED_PUT =
            q -> q.hasQueryParam("X-Amz-Signature") && q.method().equals("PUT");
    private static final Predicate<FaultProxy.Request> PRESIGNED_GET =
            q -> q.hasQueryParam("X-Amz-Signature") && q.method().equals("GET");

    @Test
    void agentsPresignedTransfersGoThroughJenkinsProxyExceptToNoProxyHosts(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'out/a.txt', text: 'alpha'
                  archiveArtifacts 'out/*.txt'
                  stash name: 's', includes: 'out/*.txt'
                  dir('elsewhere') {
                    unstash 's'
                    echo "unstashed=${readFile('out/a.txt')}"
                  }
                }
                """);
        try (FaultProxy proxy = FaultProxy.start(MotoServer.shared().endpoint())) {
            r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.address().getPort(), null, null, ""));
            WorkflowRun b = r.buildAndAssertSuccess(p);
            r.assertLogContains("unstashed=alpha", b);
            assertThat(proxy.count(PRESIGNED_PUT)).as("the agent's presigned uploads through Jenkins' proxy")
                    .isEqualTo(2);
            assertThat(proxy.count(PRESIGNED_GET)).as("the agent's presigned download through Jenkins' proxy")
                    .isEqualTo(1);

            int seen = proxy.requests().size();
            int seenPresigned = proxy.count(PRESIGNED_PUT.or(PRESIGNED_GET));
            r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.address().getPort(), null, null,
                    "example.com\n127.0.0.*"));
            r.assertLogContains("unstashed=alpha", r.buildAndAssertSuccess(p));
            assertThat(proxy.count(PRESIGNED_PUT.or(PRESIGNED_GET))).as("the agent reaches a no-proxy host directly")
                    .isEqualTo(seenPresigned);
            assertThat(proxy.requests()).as("and so does the controller").hasSize(seen);
        }
    }

    /** As for tasks: the proxy's password goes with an agent's transfer only when an administrator allows it. */
    @Test
    void theProxyPasswordGoesWithAnAgentsTransferOnlyWhenAllowed(JenkinsRule r) throws Exception {
        r.jenkins.setProxy(new ProxyConfiguration("proxy.example.com", 3128, "ci-user", PROXY_PASSWORD, "*.internal"));
        byte[] upload = serialized(new ArtifactAgentCalls.Upload(new HashMap<>()));
        byte[] download = serialized(new ArtifactAgentCalls.Download(new HashMap<>()));
        for (byte[] sent : List.of(upload, download)) {
            String text = new String(sent, StandardCharsets.ISO_8859_1);
            assertThat(text).contains("proxy.example.com", "ci-user").doesNotContain(PROXY_PASSWORD);
        }
        assertThat(new ArtifactAgentCalls.Upload(new HashMap<>()).toString()).doesNotContain("proxy");

        EncsyncConfiguration.get().setSendProxyPasswordToAgents(true);
        assertThat(new String(serialized(new ArtifactAgentCalls.Upload(new HashMap<>())), StandardCharsets.ISO_8859_1))
                .contains(PROXY_PASSWORD);
    }

    private static byte[] serialized(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }
}
