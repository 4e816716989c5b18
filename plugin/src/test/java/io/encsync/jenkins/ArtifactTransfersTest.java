package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.testing.FaultProxy;
import io.encsync.core.testing.MotoServer;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import jenkins.util.VirtualFile;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The artifact storage's transfers over a build's life, through a proxy before moto that fails
 * and counts requests: presigned URLs refused as expired are renewed once by the controller, the
 * build page reads a set's manifest once per generation, and an archive that failed for one file
 * still records the manifest it wrote. Plus the build page's URIs for names with spaces.
 */
@WithJenkins
class ArtifactTransfersTest {
    private static final Predicate<FaultProxy.Request> PRESIGNED = q -> q.hasQueryParam("X-Amz-Signature");

    @Test
    void urlsLiveForTheConfiguredLifetimeAndThoseRefusedAsExpiredAreRenewedOnce(JenkinsRule r) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(MotoServer.shared().endpoint())) {
            ArtifactStorageTest.storage(r, Fixtures.newBucket(), proxy.endpoint().toString()).setUrlLifetimeMinutes(5);
            Folder folder = Fixtures.agentAndFolder(r);
            WorkflowJob p = Fixtures.pipeline(folder, "p", """
                    node('remote') {
                      writeFile file: 'a.txt', text: 'alpha'
                      writeFile file: 'b.txt', text: 'beta'
                      stash name: 's', includes: '*.txt'
                      sh 'rm a.txt b.txt'
                      unstash 's'
                      echo "unstashed ${readFile 'a.txt'} ${readFile 'b.txt'}"
                    }
                    """);
            // The controller's role session ended: S3 refuses the URLs it signed before.
            proxy.respond(PRESIGNED.and(FaultProxy.Request::isPutObject), 1, 400, "ExpiredToken")
                    .respond(PRESIGNED.and(FaultProxy.Request::isGetObject), 2, 403, "AccessDenied");

            WorkflowRun b = r.buildAndAssertSuccess(p);

            r.assertLogContains("unstashed alpha beta", b);
            assertThat(proxy.faultsInjected()).isEqualTo(3);
            assertThat(proxy.count(PRESIGNED.and(FaultProxy.Request::isPutObject))).isEqualTo(3);
            assertThat(proxy.count(PRESIGNED.and(FaultProxy.Request::isGetObject))).isEqualTo(4);
            assertThat(proxy.requests()).filteredOn(PRESIGNED).hasSize(7)
                    .allSatisfy(q -> assertThat(q.query()).contains("X-Amz-Expires=300"));
        }
    }

    @Test
    void theBuildPageReadsTheManifestOncePerGeneration(JenkinsRule r) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(MotoServer.shared().endpoint())) {
            ArtifactStorageTest.storage(r, Fixtures.newBucket(), proxy.endpoint().toString());
            Folder folder = Fixtures.agentAndFolder(r);
            WorkflowJob p = Fixtures.pipeline(folder, "p", """
                    node('remote') {
                      writeFile file: 'a.txt', text: 'a'
                      writeFile file: 'b.txt', text: 'b'
                      writeFile file: 'c.txt', text: 'c'
                      archiveArtifacts artifacts: '*.txt'
                    }
                    """);
            WorkflowRun b = r.buildAndAssertSuccess(p);
            Predicate<FaultProxy.Request> manifestReads = q -> q.isGetObject() && q.path().endsWith("/" + Manifest.KEY);
            int before = proxy.count(manifestReads);

            VirtualFile root = b.getArtifactManager().root();
            assertThat(root.list()).hasSize(3);
            for (int i = 0; i < 3; i++) {
                for (String name : new String[] {"a.txt", "b.txt", "c.txt"}) {
                    try (InputStream in = root.child(name).open()) {
                        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(name.substring(0, 1));
                    }
                }
            }

            assertThat(proxy.count(manifestReads) - before).as("manifest reads for a listing and 9 downloads")
                    .isEqualTo(1);
        }
    }

    @Test
    void anArchiveThatFailedForOneFileStillRecordsTheManifestItWrote(JenkinsRule r) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(MotoServer.shared().endpoint())) {
            ArtifactStorageTest.storage(r, Fixtures.newBucket(), proxy.endpoint().toString());
            Folder folder = Fixtures.agentAndFolder(r);
            String badName;
            try (CryptContext names = CryptContext.open(CryptConfig.builder().password(SecretBytes.utf8(Fixtures.PASSWORD))
                    .password2(SecretBytes.utf8(Fixtures.PASSWORD2)).build(), 1)) {
                badName = names.names().encryptFileName("bad.txt");
            }
            proxy.respond(PRESIGNED.and(q -> q.path().endsWith("/" + badName)), -1, 403, "AccessDenied");
            WorkflowJob p = Fixtures.pipeline(folder, "p", """
                    node('remote') {
                      writeFile file: 'good.txt', text: 'good'
                      writeFile file: 'bad.txt', text: 'bad'
                      archiveArtifacts artifacts: '*.txt'
                    }
                    """);

            WorkflowRun b = r.assertBuildStatus(Result.FAILURE, p.scheduleBuild2(0));

            r.assertLogContains("'bad.txt'", b);
            VirtualFile root = b.getArtifactManager().root();
            assertThat(root.list()).extracting(VirtualFile::getName).as("the archived file is listed").containsExactly("good.txt");
            try (InputStream in = root.child("good.txt").open()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("good");
            }
        }
    }

    @Test
    void buildPageUrisKeepNamesWithSpaces(JenkinsRule r) throws Exception {
        ArtifactStorageTest.storage(r, Fixtures.newBucket(), Fixtures.endpoint());
        Folder folder = Fixtures.agentAndFolder(r);
        WorkflowJob p = Fixtures.pipeline(folder, "my job", """
                node('remote') {
                  writeFile file: 'docs/read me.txt', text: 'r'
                  writeFile file: 'docs/other.txt', text: 'o'
                  archiveArtifacts artifacts: 'docs/**'
                }
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        VirtualFile root = b.getArtifactManager().root();

        URI readMe = root.child("docs/read me.txt").toURI();
        URI other = root.child("docs/other.txt").toURI();

        assertThat(readMe).isNotEqualTo(other);
        assertThat(readMe.getFragment()).isEqualTo("docs/read me.txt");
        assertThat(readMe.getPath()).contains("/my job/");
        assertThat(URI.create(readMe.toASCIIString())).isEqualTo(readMe);
    }
}
