package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.FilePath;
import hudson.model.Label;
import hudson.model.TaskListener;
import hudson.slaves.DumbSlave;
import io.encsync.core.artifacts.ArtifactBuild;
import io.encsync.core.artifacts.ArtifactSet;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.rclone.RcloneConfig;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.testing.Rclone;
import io.encsync.jenkins.artifacts.EncryptedArtifactManager;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jenkins.model.ArtifactManagerConfiguration;
import jenkins.util.VirtualFile;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.flow.StashManager;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * "Encrypted S3 artifact storage" in a real Jenkins with real agent JVMs against moto: stash and
 * unstash across agents, downloads from the build page, tampering, deletion, and a restore with
 * stock rclone. (The 1,000-file + 300 MiB archive with its channel accounting is
 * {@link ArtifactArchiveOnAgentTest}.)
 */
@WithJenkins
class ArtifactStorageTest {
    static final String PREFIX = "ci";

    /** Configures the storage globally, with the fixtures' credentials in the global store. */
    static EncryptedArtifactManagerFactory storage(JenkinsRule r, String bucket, String endpoint) throws IOException {
        Fixtures.addCredentials(r.jenkins);
        EncryptedArtifactManagerFactory f = new EncryptedArtifactManagerFactory(new S3Location(bucket), new CryptRemote("pw"));
        f.getS3().setPrefix(PREFIX);
        f.getS3().setRegion("us-east-1");
        f.getS3().setEndpoint(endpoint);
        f.getS3().setPathStyle(true);
        f.getS3().setAwsCredentialsId("aws");
        f.getCrypt().setPassword2CredentialsId("pw2");
        ArtifactManagerConfiguration.get().getArtifactManagerFactories().replaceBy(List.of(f));
        return f;
    }

    /** Where {@code b}'s objects are, as its manager recorded it (with its storage id). */
    static ArtifactBuild layout(String bucket, WorkflowRun b) throws hudson.AbortException {
        ArtifactBuild layout = ((EncryptedArtifactManager) b.getArtifactManager()).layout();
        assertThat(layout.bucket()).isEqualTo(bucket);
        return layout;
    }

    /** Every key under {@code prefix}, with its size. */
    static Map<String, Long> objects(String bucket, String prefix) {
        Map<String, Long> out = new TreeMap<>();
        try (S3Client s3 = Fixtures.s3()) {
            s3.listObjectsV2Paginator(q -> q.bucket(bucket).prefix(prefix)).contents()
                    .forEach(o -> out.put(o.key(), o.size()));
        }
        return out;
    }

    /** The one data object of a set holding one file. */
    static String onlyObject(String bucket, ArtifactSet set) {
        List<String> keys = objects(bucket, set.root()).keySet().stream()
                .filter(k -> !k.equals(set.manifestKey())).toList();
        assertThat(keys).as("data objects of %s", set).hasSize(1);
        return keys.get(0);
    }

    static byte[] get(String bucket, String key) {
        try (S3Client s3 = Fixtures.s3()) {
            return s3.getObjectAsBytes(q -> q.bucket(bucket).key(key)).asByteArray();
        }
    }

    static void put(String bucket, String key, byte[] body) {
        try (S3Client s3 = Fixtures.s3()) {
            s3.putObject(q -> q.bucket(bucket).key(key), RequestBody.fromBytes(body));
        }
    }

    @Test
    void stashOnOneAgentUnstashOnAnotherAndDownloadFromTheBuildPage(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        EncryptedArtifactManagerFactory f = storage(r, bucket, Fixtures.endpoint());
        f.setMaxDownloadSizeMiB(1);
        DumbSlave a = r.createOnlineSlave(Label.get("a"));
        r.createOnlineSlave(Label.get("b"));
        Folder folder = Fixtures.folder(r);
        LogRecorder log = Fixtures.controllerLog();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                def sums
                node('a') {
                  writeFile file: 'dist/read me.txt', text: 'hello from a'
                  sh 'mkdir -p dist/bin && head -c 300000 /dev/urandom > dist/bin/r.bin && head -c 2097152 /dev/urandom > dist/large.bin'
                  stash name: 'out', includes: 'dist/**'
                  archiveArtifacts artifacts: 'dist/**'
                  sums = sh(returnStdout: true, script: 'cd dist && find . -type f -print0 | sort -z | xargs -0 sha256sum')
                }
                node('b') {
                  sh 'rm -rf dist'
                  unstash 'out'
                  def there = sh(returnStdout: true, script: 'cd dist && find . -type f -print0 | sort -z | xargs -0 sha256sum')
                  if (there != sums) { error "unstashed files differ:\\n${sums}\\n${there}" }
                  echo "unstashed identical: ${there.readLines().size()} files"
                }
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("unstashed identical: 3 files", b);
        r.assertLogContains("Stashed 3 file(s)", b);
        r.assertLogContains("Archived 3 artifact(s)", b);
        assertThat(b.getArtifactManager()).isInstanceOf(EncryptedArtifactManager.class);
        assertThat(objects(bucket, layout(bucket, b).stashesRoot())).as("stashes are removed at the end of the build")
                .isEmpty();

        // The build page lists the artifacts by their plain names and serves the decrypted bytes.
        FilePath ws = a.getWorkspaceFor(p);
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        assertThat(wc.getPage(b, "artifact/dist/").getWebResponse().getContentAsString())
                .contains("read me.txt", "large.bin", "bin");
        Page readme = wc.goTo(b.getUrl() + "artifact/dist/read%20me.txt", null);
        assertThat(readme.getWebResponse().getContentAsString()).isEqualTo("hello from a");
        Page bin = wc.goTo(b.getUrl() + "artifact/dist/bin/r.bin", null);
        assertThat(bin.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(bin.getWebResponse().getContentAsStream().readAllBytes()).isEqualTo(bytes(ws.child("dist/bin/r.bin")));

        // Over the download limit (1 MiB here): refused, with core's message naming the artifact.
        Page large = wc.goTo(b.getUrl() + "artifact/dist/large.bin", null);
        assertThat(large.getWebResponse().getStatusCode()).isNotEqualTo(200);
        VirtualFile largeFile = b.getArtifactManager().root().child("dist/large.bin");
        assertThat(largeFile.length()).isEqualTo(2097152);
        assertThatThrownBy(largeFile::open).isInstanceOf(IOException.class)
                .hasMessageContaining("'dist/large.bin'").hasMessageContaining("more than the 1048576")
                .hasMessageContaining("unstash or copy it to an agent instead");
        assertThat(b.getArtifacts()).extracting(a2 -> a2.relativePath)
                .containsExactlyInAnyOrder("dist/read me.txt", "dist/bin/r.bin", "dist/large.bin");
        Fixtures.assertNoSecretAnywhere(r, log);
    }

    @Test
    void tamperingIsDetectedOnUnstashAndOnDownloadNamingTheArtifact(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        storage(r, bucket, Fixtures.endpoint());
        DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = dataJob(folder);
        WorkflowRun b1 = r.buildAndAssertSuccess(p);
        WorkflowRun b2 = r.buildAndAssertSuccess(p);
        FilePath ws = agent.getWorkspaceFor(p);
        // Stashes of a finished build, through the manager's own stash and unstash on the agent.
        ws.child("data.txt").write("stash of 1", "UTF-8");
        stash(b1, ws);
        ws.child("data.txt").write("stash of 2", "UTF-8");
        stash(b2, ws);
        ArtifactSet stash1 = layout(bucket, b1).stash("s");
        ArtifactSet stash2 = layout(bucket, b2).stash("s");
        ArtifactSet artifacts1 = layout(bucket, b1).artifacts();
        ArtifactSet artifacts2 = layout(bucket, b2).artifacts();
        assertThat(unstash(b2, ws)).isEqualTo("stash of 2");

        // 1. An older build's object of the same name, swapped in (same size, valid for the password).
        String stashKey = onlyObject(bucket, stash2);
        String artifactKey = onlyObject(bucket, artifacts2);
        byte[] original = get(bucket, stashKey);
        byte[] originalArtifact = get(bucket, artifactKey);
        put(bucket, stashKey, get(bucket, onlyObject(bucket, stash1)));
        put(bucket, artifactKey, get(bucket, onlyObject(bucket, artifacts1)));
        assertThatThrownBy(() -> unstash(b2, ws)).hasMessageContaining("'data.txt'")
                .hasMessageContaining("swapped or stale");
        assertThat(ws.child("data.txt").readToString()).as("nothing written over the file").isEqualTo("stash of 2");
        assertThatThrownBy(() -> read(b2, "data.txt")).isInstanceOf(IOException.class)
                .hasMessageContaining("'data.txt'").hasMessageContaining("swapped or stale");
        JenkinsRule.WebClient wc = r.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        Page swapped = wc.goTo(b2.getUrl() + "artifact/data.txt", null);
        assertThat(swapped.getWebResponse().getStatusCode()).isNotEqualTo(200);
        assertThat(swapped.getWebResponse().getContentAsString()).doesNotContain("version 1");

        // 2. A deleted object.
        put(bucket, artifactKey, originalArtifact);
        assertThat(read(b2, "data.txt")).isEqualTo("version 2");
        try (S3Client s3 = Fixtures.s3()) {
            s3.deleteObject(q -> q.bucket(bucket).key(stashKey));
            s3.deleteObject(q -> q.bucket(bucket).key(artifactKey));
        }
        assertThatThrownBy(() -> unstash(b2, ws)).hasMessageContaining("'data.txt'").hasMessageContaining("missing");
        assertThatThrownBy(() -> read(b2, "data.txt")).hasMessageContaining("'data.txt'").hasMessageContaining("missing");

        // 3. A flipped byte in the encrypted content.
        byte[] flipped = original.clone();
        flipped[flipped.length - 3] ^= 0x20;
        put(bucket, stashKey, flipped);
        byte[] flippedArtifact = originalArtifact.clone();
        flippedArtifact[flippedArtifact.length - 3] ^= 0x20;
        put(bucket, artifactKey, flippedArtifact);
        assertThatThrownBy(() -> unstash(b2, ws)).hasMessageContaining("'data.txt'");
        assertThat(ws.child("data.txt").readToString()).isEqualTo("stash of 2");
        assertThatThrownBy(() -> read(b2, "data.txt")).isInstanceOf(IOException.class)
                .hasMessageContaining("'data.txt'");
        Page flippedPage = wc.goTo(b2.getUrl() + "artifact/data.txt", null);
        assertThat(flippedPage.getWebResponse().getContentAsString()).doesNotContain("version 2");

        // And the untouched build still reads.
        assertThat(read(b1, "data.txt")).isEqualTo("version 1");
        assertThat(unstash(b1, ws)).isEqualTo("stash of 1");
    }

    @Test
    void aRestartedBuildGetsCopiesOfTheArtifactsAndStashesThatVerify(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        storage(r, bucket, Fixtures.endpoint());
        DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = dataJob(folder);
        WorkflowRun b1 = r.buildAndAssertSuccess(p);
        FilePath ws = agent.getWorkspaceFor(p);
        ws.child("data.txt").write("stash of 1", "UTF-8");
        stash(b1, ws);
        WorkflowJob q = Fixtures.pipeline(folder, "q", "echo 'nothing archived'");
        WorkflowRun next = r.buildAndAssertSuccess(q);

        ((EncryptedArtifactManager) b1.getArtifactManager()).copyAllArtifactsAndStashes(next, TaskListener.NULL);

        assertThat(objects(bucket, layout(bucket, next).root())).hasSize(4);
        assertThat(read(next, "data.txt")).isEqualTo("version 1");
        ws.child("data.txt").write("overwritten", "UTF-8");
        assertThat(unstash(next, ws)).isEqualTo("stash of 1");
        // The copy is checked against the generation the original recorded, as the original is.
        put(bucket, onlyObject(bucket, layout(bucket, next).artifacts()),
                get(bucket, onlyObject(bucket, layout(bucket, b1).stash("s"))));
        assertThatThrownBy(() -> read(next, "data.txt")).hasMessageContaining("'data.txt'");
    }

    /** A job whose build N archives data.txt holding "version N", on the agent "remote". */
    private static WorkflowJob dataJob(Folder folder) throws Exception {
        return Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'data.txt', text: "version ${currentBuild.number}"
                  archiveArtifacts artifacts: 'data.txt'
                }
                """);
    }

    private static void stash(WorkflowRun b, FilePath ws) throws Exception {
        StashManager.stash(b, "s", ws, launcher(ws), new hudson.EnvVars(), TaskListener.NULL, "data.txt", null,
                true, false);
    }

    /** Unstashes "s" of {@code b} into the agent workspace; the text of the file there afterwards. */
    private static String unstash(WorkflowRun b, FilePath ws) throws Exception {
        StashManager.unstash(b, "s", ws, launcher(ws), new hudson.EnvVars(), TaskListener.NULL);
        return ws.child("data.txt").readToString();
    }

    private static hudson.Launcher launcher(FilePath ws) {
        return new hudson.Launcher.RemoteLauncher(TaskListener.NULL, ws.getChannel(), true);
    }

    private static String read(WorkflowRun b, String path) throws IOException {
        try (InputStream in = b.getArtifactManager().root().child(path).open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(FilePath f) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.copyTo(out);
        return out.toByteArray();
    }

    @Test
    void deletingABuildDeletesItsObjectsUnlessTheOptionIsOffNow(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        EncryptedArtifactManagerFactory f = storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'a.txt', text: 'a'
                  archiveArtifacts artifacts: 'a.txt'
                }
                """);
        WorkflowRun b1 = r.buildAndAssertSuccess(p);
        WorkflowRun b2 = r.buildAndAssertSuccess(p);
        String root1 = layout(bucket, b1).root();
        String root2 = layout(bucket, b2).root();
        assertThat(objects(bucket, root1)).hasSize(2);
        assertThat(objects(bucket, root2)).hasSize(2);

        b1.delete();
        f.setDeleteArtifacts(false);
        b2.delete();

        assertThat(objects(bucket, root1)).as("deleted with the build (the default)").isEmpty();
        assertThat(objects(bucket, root2)).as("kept: the current setting is off").hasSize(2);
    }

    @Test
    void stockRcloneRestoresOneBuildsArtifacts(JenkinsRule r, @TempDir Path tmp) throws Exception {
        String bucket = Fixtures.newBucket();
        storage(r, bucket, Fixtures.endpoint());
        DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'out/app.txt', text: 'release ' + currentBuild.number
                  writeFile file: 'out/docs/read me.md', text: '# notes'
                  sh 'head -c 9437200 /dev/urandom > out/big.bin'
                  archiveArtifacts artifacts: 'out/**'
                }
                """);
        r.buildAndAssertSuccess(p);
        WorkflowRun b2 = r.buildAndAssertSuccess(p);
        FilePath ws = agent.getWorkspaceFor(p);

        Path conf = tmp.resolve("rclone.conf");
        S3Settings settings = Fixtures.settings();
        RcloneConfig config = RcloneConfig.builder().s3(layout(bucket, b2).artifacts().s3Location(), settings)
                .s3Keys(Fixtures.KEY_ID, SecretBytes.utf8(Fixtures.SECRET_KEY))
                .password(SecretBytes.utf8(Fixtures.PASSWORD)).password2(SecretBytes.utf8(Fixtures.PASSWORD2)).build();
        config.writeTo(conf);
        Path restored = tmp.resolve("restored");

        Rclone.run(conf, "copy", config.cryptRemoteName() + ":", restored.toString()).assertOk();

        assertThat(Files.readString(restored.resolve("out/app.txt"))).isEqualTo("release 2");
        assertThat(Files.readString(restored.resolve("out/docs/read me.md"))).isEqualTo("# notes");
        assertThat(Files.readAllBytes(restored.resolve("out/big.bin"))).isEqualTo(bytes(ws.child("out/big.bin")));
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(restored)) {
            walk.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).as("exactly the build's artifacts; the manifest is no file for rclone").hasSize(3);
        assertThat(objects(bucket, layout(bucket, b2).artifacts().root()).values())
                .as("objects have crypt sizes").contains(ContentCipher.encryptedSize(9437200));
    }
}
