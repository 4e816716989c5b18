package io.encsync.jenkins;

import static io.encsync.jenkins.ArtifactIdentityTest.paths;
import static io.encsync.jenkins.ArtifactIdentityTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Items;
import hudson.util.Secret;
import io.encsync.jenkins.artifacts.EncryptedArtifactManager;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.ArtifactManagerConfiguration;
import org.htmlunit.Page;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Existing data: a build archived by 84a96cb (its {@code build.xml} holds the whole factory, its
 * objects live under {@code <prefix>/<job>/<number>/} without a storage id) still reads after the
 * upgrade, with the current configuration's credentials, and deletes only its own objects. The
 * build record and objects are the ones that release wrote (resources {@code ArtifactUpgradeTest/84a96cb}).
 */
@WithJenkins
class ArtifactUpgradeTest {
    private static final String BUCKET = "legacy-84a96cb";
    private static final String RECORDED_ENDPOINT = "http://127.0.0.1:34115";

    @Test
    void aBuildArchivedBy84a96cbStillReadsWithTheCurrentCredentialsAndDeletesOnlyItsObjects(JenkinsRule r)
            throws Exception {
        Path data = Path.of(ArtifactUpgradeTest.class.getResource("ArtifactUpgradeTest/84a96cb").toURI());
        try (S3Client s3 = Fixtures.s3()) {
            if (!Fixtures.bucketExists(BUCKET)) {
                s3.createBucket(b -> b.bucket(BUCKET));
            }
            for (String key : Fixtures.keys(BUCKET)) {
                s3.deleteObject(q -> q.bucket(BUCKET).key(key));
            }
            Path objects = data.resolve("bucket");
            try (var walk = Files.walk(objects)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    String key = objects.relativize(f).toString().replace('\\', '/');
                    s3.putObject(q -> q.bucket(BUCKET).key(key), RequestBody.fromFile(f));
                }
            }
        }
        // Today's configuration names other credential ids than the old build.xml ('aws', 'pw', 'pw2'):
        // those are ignored, the current ones serve.
        CredentialsStore store = Fixtures.storeOf(r.jenkins);
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "crypt-2026", "pw",
                Secret.fromString(Fixtures.PASSWORD)));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "crypt2-2026", "pw2",
                Secret.fromString(Fixtures.PASSWORD2)));
        store.addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL, "s3-2026",
                Fixtures.KEY_ID, Fixtures.SECRET_KEY, "keys"));
        EncryptedArtifactManagerFactory f = new EncryptedArtifactManagerFactory(new S3Location(BUCKET), new CryptRemote("crypt-2026"));
        f.getS3().setPrefix("ci");
        f.getS3().setRegion("us-east-1");
        f.getS3().setEndpoint(Fixtures.endpoint());
        f.getS3().setPathStyle(true);
        f.getS3().setAwsCredentialsId("s3-2026");
        f.getCrypt().setPassword2CredentialsId("crypt2-2026");
        ArtifactManagerConfiguration.get().getArtifactManagerFactories().replaceBy(List.of(f));
        Fixtures.agent(r);

        // The job as 84a96cb left it on disk, loaded as Jenkins loads jobs at startup.
        Path job = r.jenkins.getRootDir().toPath().resolve("jobs/legacy-job");
        Files.createDirectories(job.resolve("builds/1"));
        Files.copy(data.resolve("jobs/legacy-job/config.xml"), job.resolve("config.xml"));
        Files.writeString(job.resolve("builds/1/build.xml"), Files.readString(
                data.resolve("jobs/legacy-job/builds/1/build.xml")).replace(RECORDED_ENDPOINT, Fixtures.endpoint()));
        Files.writeString(job.resolve("nextBuildNumber"), "2");
        FreeStyleProject p = (FreeStyleProject) Items.load(r.jenkins, job.toFile());
        r.jenkins.putItem(p);
        FreeStyleBuild old = p.getBuildByNumber(1);

        assertThat(old.getArtifactManager()).isInstanceOf(EncryptedArtifactManager.class);
        assertThat(((EncryptedArtifactManager) old.getArtifactManager()).layout().root())
                .as("the old path, without a storage id").isEqualTo("ci/legacy-job/1/");
        assertThat(paths(old)).containsExactlyInAnyOrder("out/legacy.txt", "out/docs/read me.md");
        assertThat(read(old, "out/legacy.txt")).isEqualTo("archived by 84a96cb");
        Page page = r.createWebClient().goTo(old.getUrl() + "artifact/out/docs/read%20me.md", null);
        assertThat(page.getWebResponse().getContentAsString()).isEqualTo("# notes");
        old.save();
        assertThat(Files.readString(job.resolve("builds/1/build.xml"))).as("saved in the new shape")
                .doesNotContain("<config>").doesNotContain("passwordCredentialsId").contains("<place>");

        // A new build of the job gets its own root beside the old one.
        FreeStyleBuild next = r.buildAndAssertSuccess(p);
        assertThat(((EncryptedArtifactManager) next.getArtifactManager()).layout().root())
                .matches("ci/legacy-job/2-[0-9a-f]{16}/");
        assertThat(read(next, "out/legacy.txt")).isEqualTo("archived by 84a96cb");

        old.delete();
        assertThat(Fixtures.keys(BUCKET)).as("the old build's three objects are gone, the new build's stay")
                .hasSize(3).allMatch(k -> k.startsWith("ci/legacy-job/2-"));
        assertThat(read(next, "out/docs/read me.md")).isEqualTo("# notes");
    }
}
