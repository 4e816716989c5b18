package io.encsync.jenkins;

import static io.encsync.jenkins.Fixtures.s3Args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.TaskListener;
import hudson.slaves.DumbSlave;
import io.encsync.jenkins.artifacts.EncryptedArtifactManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.flow.StashManager;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 18, defects 2 and 6, in a real Jenkins with real agent JVMs against moto: an executable
 * keeps its permission bits through stash and unstash, push and pull, encryptDir and decryptDir
 * (as Jenkins' own tar-based stash keeps them); and a set's manifest is bound to its place, so a
 * copy of another build's set over this one is refused by unstash and by the build page.
 */
@WithJenkins
class FileModesAndPlacesTest {

    @Test
    void anExecutableStashedOnOneAgentRunsAfterUnstashOnAnother(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        r.createOnlineSlave(Label.get("a"));
        r.createOnlineSlave(Label.get("b"));
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('a') {
                  writeFile file: 'tools/hello.sh', text: '#!/bin/sh\\necho "hello from a stashed script"\\n'
                  writeFile file: 'tools/private.key', text: 'k'
                  writeFile file: 'tools/shared.txt', text: 's'
                  sh 'chmod 755 tools/hello.sh && chmod 600 tools/private.key && chmod 666 tools/shared.txt'
                  stash name: 'tools', includes: 'tools/**'
                  archiveArtifacts artifacts: 'tools/**'
                }
                node('b') {
                  sh 'rm -rf tools'
                  unstash 'tools'
                  sh './tools/hello.sh'
                  sh 'echo "modes: $(stat -c %a tools/hello.sh) $(stat -c %a tools/private.key) $(stat -c %a tools/shared.txt)"'
                }
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("hello from a stashed script", b);
        r.assertLogContains("modes: 755 600 666", b);
        // Copying artifacts to an agent (copyArtifacts, FilePath.copyRecursiveTo) reads the mode from the VirtualFile.
        assertThat(b.getArtifactManager().root().child("tools/hello.sh").mode()).isEqualTo(0755);
        assertThat(b.getArtifactManager().root().child("tools/private.key").mode()).isEqualTo(0600);
    }

    @Test
    void pushPullEncryptDirAndDecryptDirKeepTheExecutableBit(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'src/bin/run.sh', text: '#!/bin/sh\\necho "ran $0"\\n'
                  writeFile file: 'src/notes.txt', text: 'notes'
                  sh 'chmod 755 src/bin/run.sh && chmod 640 src/notes.txt'
                  s3EncryptedPush(source: 'src', prefix: 'ci', %1$s)
                  s3EncryptedPull(target: 'restored', prefix: 'ci', %1$s)
                  sh './restored/bin/run.sh'
                  encryptDir(source: 'src', target: 'vault', passwordCredentialsId: 'pw')
                  decryptDir(source: 'vault', target: 'back', passwordCredentialsId: 'pw')
                  sh './back/bin/run.sh'
                  sh 'echo "modes: $(stat -c %%a restored/bin/run.sh) $(stat -c %%a restored/notes.txt) $(stat -c %%a back/bin/run.sh) $(stat -c %%a back/notes.txt)"'
                }
                """.formatted(s3Args(bucket)));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("ran ./restored/bin/run.sh", b);
        r.assertLogContains("ran ./back/bin/run.sh", b);
        r.assertLogContains("modes: 755 640 755 640", b);
    }

    @Test
    void anotherBuildsSetCopiedOverThisOneIsRefusedByUnstashAndTheBuildPage(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'data.txt', text: "version ${currentBuild.number}"
                  archiveArtifacts artifacts: 'data.txt'
                }
                """);
        WorkflowRun pr = r.buildAndAssertSuccess(p);      // think: a pull request's build
        WorkflowRun release = r.buildAndAssertSuccess(p); // and a release's
        FilePath ws = agent.getWorkspaceFor(p);
        ws.child("data.txt").write("stash of 1", "UTF-8");
        stash(pr, ws);
        ws.child("data.txt").write("stash of 2", "UTF-8");
        stash(release, ws);
        assertThat(unstash(release, ws)).isEqualTo("stash of 2");
        assertThat(read(release)).isEqualTo("version 2");

        // Someone with write access to the bucket, but no password, replaces the release build's
        // objects and manifests with copies of the pull request build's (a server-side copy).
        String prRoot = buildRoot(bucket, pr);
        String releaseRoot = buildRoot(bucket, release);
        try (S3Client s3 = Fixtures.s3()) {
            Map<String, Long> releaseObjects = ArtifactStorageTest.objects(bucket, releaseRoot);
            releaseObjects.keySet().forEach(k -> s3.deleteObject(q -> q.bucket(bucket).key(k)));
            for (String key : ArtifactStorageTest.objects(bucket, prRoot).keySet()) {
                String target = releaseRoot + key.substring(prRoot.length());
                s3.copyObject(q -> q.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(target));
            }
        }

        String release2 = p.getFullName() + " #" + release.getNumber();
        ws.child("data.txt").write("untouched", "UTF-8");
        assertThatThrownBy(() -> unstash(release, ws)).hasMessageContaining("the manifest of stash 's' of " + release2)
                .hasMessageContaining("sealed for another set");
        assertThat(ws.child("data.txt").readToString()).as("nothing restored").isEqualTo("untouched");
        // The build page keeps the manifest it verified for the build's generation: with it cached
        // (read above), the copied object's nonce is not the recorded one; read afresh (after a
        // restart), the copied manifest is sealed for the other set. Either way refused, naming the set.
        assertThatThrownBy(() -> read(release)).isInstanceOf(IOException.class)
                .hasMessageContaining("artifacts of " + release2)
                .hasMessageMatching("(?s).*(sealed for another set|not the one recorded).*");
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        Page page = wc.goTo(release.getUrl() + "artifact/data.txt", null);
        assertThat(page.getWebResponse().getStatusCode()).isNotEqualTo(200);
        assertThat(page.getWebResponse().getContentAsString()).doesNotContain("version 1");
        // The pull request's own build still reads.
        assertThat(read(pr)).isEqualTo("version 1");
        assertThat(unstash(pr, ws)).isEqualTo("stash of 1");
    }

    /** The key prefix of everything of {@code b}: its artifacts set's root without {@code artifacts/}. */
    private static String buildRoot(String bucket, WorkflowRun b) {
        String location = ((EncryptedArtifactManager) b.getArtifactManager()).artifactsLocation();
        String prefix = "s3://" + bucket + "/";
        assertThat(location).startsWith(prefix).endsWith("/artifacts/");
        return location.substring(prefix.length(), location.length() - "artifacts/".length());
    }

    private static void stash(WorkflowRun b, FilePath ws) throws Exception {
        StashManager.stash(b, "s", ws, launcher(ws), new hudson.EnvVars(), TaskListener.NULL, "data.txt", null,
                true, false);
    }

    private static String unstash(WorkflowRun b, FilePath ws) throws Exception {
        StashManager.unstash(b, "s", ws, launcher(ws), new hudson.EnvVars(), TaskListener.NULL);
        return ws.child("data.txt").readToString();
    }

    private static hudson.Launcher launcher(FilePath ws) {
        return new hudson.Launcher.RemoteLauncher(TaskListener.NULL, ws.getChannel(), true);
    }

    private static String read(WorkflowRun b) throws IOException {
        try (InputStream in = b.getArtifactManager().root().child("data.txt").open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
