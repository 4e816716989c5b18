package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Label;
import hudson.model.TaskListener;
import hudson.slaves.DumbSlave;
import io.encsync.jenkins.artifacts.EncryptedArtifactManager;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import jenkins.util.VirtualFile;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.flow.StashManager;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;

/**
 * The encrypted storage over a restart of Jenkins: what a build archived and stashed in one
 * session is read, unstashed and deleted in the next, where the manager is the one Jenkins read
 * back from {@code build.xml} and no cached state of the first session survives.
 */
class ArtifactStorageRestartTest {
    @RegisterExtension
    final JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @Test
    void aBuildArchivedAndStashedBeforeARestartReadsUnstashesAndDeletesAfterIt() throws Throwable {
        String bucket = Fixtures.newBucket();
        AtomicReference<byte[]> data = new AtomicReference<>();
        sessions.then(r -> {
            ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
            DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            // 200 kB of random bytes: several 64 KiB chunks of the crypt format.
            p.setDefinition(new CpsFlowDefinition("""
                    node('remote') {
                      writeFile file: 'out/app.txt', text: 'release 1'
                      sh 'head -c 200000 /dev/urandom > out/data.bin'
                      archiveArtifacts artifacts: 'out/**'
                    }
                    """, true));
            WorkflowRun b = r.buildAndAssertSuccess(p);
            FilePath ws = agent.getWorkspaceFor(p);
            data.set(bytes(ws.child("out/data.bin")));
            // A stash of the finished build, which Jenkins' end-of-build cleanup has already passed.
            StashManager.stash(b, "kept", ws, launcher(ws), new EnvVars(), TaskListener.NULL, "out/**", null, true,
                    false);
            assertThat(read(b.getArtifactManager().root().child("out/app.txt"))).isEqualTo(bytes("release 1"));
        });
        assertThat(Fixtures.keys(bucket)).as("archived and stashed in S3").isNotEmpty();
        sessions.then(r -> {
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            assertThat(b.getArtifactManager()).isInstanceOf(EncryptedArtifactManager.class);

            VirtualFile root = b.getArtifactManager().root();
            assertThat(root.child("out").list()).extracting(VirtualFile::getName)
                    .containsExactlyInAnyOrder("app.txt", "data.bin");
            assertThat(read(root.child("out/app.txt"))).isEqualTo(bytes("release 1"));
            assertThat(read(root.child("out/data.bin"))).isEqualTo(data.get());
            JenkinsRule.WebClient wc = r.createWebClient();
            Page page = wc.goTo(b.getUrl() + "artifact/out/data.bin", null);
            assertThat(page.getWebResponse().getContentAsStream().readAllBytes()).isEqualTo(data.get());

            DumbSlave agent = r.createOnlineSlave(Label.get("after"));
            FilePath ws = agent.getRootPath().child("restored");
            try (LogRecorder log = Fixtures.controllerLog()) {
                StashManager.unstash(b, "kept", ws, launcher(ws), new EnvVars(), TaskListener.NULL);
                Fixtures.assertNothingRejectedByTheClassFilter(log);
            }
            assertThat(bytes(ws.child("out/data.bin"))).isEqualTo(data.get());
            assertThat(ws.child("out/app.txt").readToString()).isEqualTo("release 1");

            b.delete();
            assertThat(Fixtures.keys(bucket)).as("deleting the build deletes its artifacts and its stash").isEmpty();
        });
    }

    @Test
    void aPipelineThatStashedBeforeARestartUnstashesAfterItOnAnotherAgent() throws Throwable {
        String bucket = Fixtures.newBucket();
        sessions.then(r -> {
            ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
            r.createOnlineSlave(Label.get("remote"));
            WorkflowJob p = r.createProject(WorkflowJob.class, "p");
            // The agent labelled 'after' exists only in the second session.
            p.setDefinition(new CpsFlowDefinition("""
                    node('remote') {
                      writeFile file: 'out/app.txt', text: 'written before the restart'
                      stash name: 'x', includes: 'out/**'
                      archiveArtifacts artifacts: 'out/**'
                    }
                    echo 'waiting for the restart'
                    sleep 10
                    node('after') {
                      unstash 'x'
                      echo "unstashed: ${readFile 'out/app.txt'}"
                    }
                    """, true));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            r.waitForMessage("waiting for the restart", b);
        });
        sessions.then(r -> {
            r.createOnlineSlave(Label.get("after"));
            WorkflowRun b = r.jenkins.getItemByFullName("p", WorkflowJob.class).getBuildByNumber(1);
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            r.assertLogContains("unstashed: written before the restart", b);
            assertThat(read(b.getArtifactManager().root().child("out/app.txt")))
                    .isEqualTo(bytes("written before the restart"));
            b.delete();
            assertThat(Fixtures.keys(bucket)).isEmpty();
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static byte[] bytes(FilePath f) throws Exception {
        try (InputStream in = f.read()) {
            return in.readAllBytes();
        }
    }

    private static byte[] read(VirtualFile f) throws Exception {
        try (InputStream in = f.open()) {
            return in.readAllBytes();
        }
    }

    private static Launcher launcher(FilePath ws) {
        return new Launcher.RemoteLauncher(TaskListener.NULL, ws.getChannel(), true);
    }
}
