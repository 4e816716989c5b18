package io.encsync.jenkins;

import static io.encsync.jenkins.ArtifactIdentityTest.paths;
import static io.encsync.jenkins.ArtifactIdentityTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Items;
import hudson.tasks.Builder;
import io.encsync.jenkins.artifacts.ArtifactPlace;
import io.encsync.jenkins.artifacts.EncryptedArtifactManager;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import io.encsync.jenkins.freestyle.DecryptDirBuilder;
import io.encsync.jenkins.freestyle.EncryptDirBuilder;
import io.encsync.jenkins.freestyle.EncryptedBackupPublisher;
import io.encsync.jenkins.freestyle.ProvisionPrivateBucketBuilder;
import io.encsync.jenkins.freestyle.S3EncryptedPullBuilder;
import io.encsync.jenkins.freestyle.S3EncryptedPushBuilder;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.steps.AbstractCryptStep;
import io.encsync.jenkins.steps.AbstractS3Step;
import io.encsync.jenkins.steps.DecryptDirStep;
import io.encsync.jenkins.steps.EncryptDirStep;
import io.encsync.jenkins.steps.ProvisionPrivateBucketStep;
import io.encsync.jenkins.steps.S3EncryptedPullStep;
import io.encsync.jenkins.steps.S3EncryptedPushStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jenkins.model.ArtifactManagerConfiguration;
import jenkins.model.ArtifactManagerFactory;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Configuration written by earlier releases loads with the same values: each freestyle build step,
 * the backup action, the global settings, the artifact storage and a build that archived through
 * it. The files are the ones the plugin at commit bfa4ace wrote in the Jenkins runtime, with every
 * field set to a value other than its default (resources {@code ConfigCompatibilityTest/bfa4ace},
 * see its README). Each test loads them as Jenkins does at startup, checks every value, saves in
 * today's shape, loads that again and checks the same values once more.
 */
@WithJenkins
class ConfigCompatibilityTest {
    static final String RELEASE = "/io/encsync/jenkins/ConfigCompatibilityTest/bfa4ace";
    /** The moto server of the run that wrote the files; replaced with this run's. */
    private static final String RECORDED_ENDPOINT = "http://127.0.0.1:37649";
    private static final String BUCKET = "jenkins-1bce591f";

    static Path resources() throws Exception {
        return Path.of(ConfigCompatibilityTest.class.getResource(RELEASE).toURI());
    }

    /** Copies {@code name} of the resources into {@code JENKINS_HOME}, with this run's moto endpoint. */
    private static Path install(JenkinsRule r, String name) throws Exception {
        Path to = r.jenkins.getRootDir().toPath().resolve(name);
        Files.createDirectories(to.getParent());
        Files.writeString(to, Files.readString(resources().resolve(name)).replace(RECORDED_ENDPOINT, Fixtures.endpoint()));
        return to;
    }

    @Test
    void everyBuildStepAndTheBackupActionLoadWithEveryValue(JenkinsRule r) throws Exception {
        Path job = install(r, "jobs/every-step/config.xml").getParent();
        FreeStyleProject p = (FreeStyleProject) Items.load(r.jenkins, job.toFile());
        r.jenkins.putItem(p);
        assertEveryStep(p);

        p.save();
        String saved = Files.readString(job.resolve("config.xml"));
        FreeStyleProject again = (FreeStyleProject) Items.load(r.jenkins, job.toFile());
        assertThat(saved).as("saved again").isNotEmpty();
        assertEveryStep(again);
    }

    @Test
    void theGlobalSettingsAndTheArtifactStorageLoadWithEveryValue(JenkinsRule r) throws Exception {
        install(r, "io.encsync.jenkins.EncsyncConfiguration.xml");
        install(r, "jenkins.model.ArtifactManagerConfiguration.xml");
        EncsyncConfiguration.get().load();
        ArtifactManagerConfiguration.get().load();
        assertGlobal(EncsyncConfiguration.get());

        EncsyncConfiguration.get().save();
        ArtifactManagerConfiguration.get().save();
        ArtifactManagerConfiguration.get().getArtifactManagerFactories().clear();
        ArtifactManagerConfiguration.get().load();
        assertGlobal(new EncsyncConfiguration());
    }

    @Test
    void aBuildArchivedThroughTheStorageReadsWithItsPlaceAndStorageId(JenkinsRule r) throws Exception {
        Path data = resources();
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
        Fixtures.addCredentials(r.jenkins);
        install(r, "jenkins.model.ArtifactManagerConfiguration.xml");
        ArtifactManagerConfiguration.get().load();
        Fixtures.agent(r);
        Path job = install(r, "jobs/archiving/config.xml").getParent();
        install(r, "jobs/archiving/builds/1/build.xml");
        Files.writeString(job.resolve("nextBuildNumber"), "2");
        FreeStyleProject p = (FreeStyleProject) Items.load(r.jenkins, job.toFile());
        r.jenkins.putItem(p);

        FreeStyleBuild b = p.getBuildByNumber(1);
        assertArchived(b);
        b.save();
        b.reload();
        assertArchived(b);
    }

    private static void assertArchived(FreeStyleBuild b) throws Exception {
        assertThat(b.getArtifactManager()).isInstanceOf(EncryptedArtifactManager.class);
        EncryptedArtifactManager m = (EncryptedArtifactManager) b.getArtifactManager();
        assertThat(m.layout().root()).isEqualTo("ci/store/archiving/1-32ed505cf7801f99/");
        ArtifactPlaceView place = ArtifactPlaceView.of(m);
        assertThat(place.values()).containsExactly(BUCKET, "ci/store", "us-east-1", Fixtures.endpoint(), true,
                "obfuscate", "base64", false);
        assertThat(m.place().source()).as("written before folders had their own storage: the global one").isNull();
        assertThat(m.place().passwordCredentialsId()).as("a global build follows the global credentials").isNull();
        assertThat(paths(b)).containsExactlyInAnyOrder("out/today.txt", "out/docs/read me.md");
        assertThat(read(b, "out/today.txt")).isEqualTo("archived by today");
        assertThat(read(b, "out/docs/read me.md")).isEqualTo("# notes");
    }

    private static void assertGlobal(EncsyncConfiguration g) {
        assertThat(g.isAllowSystemToStoreKeys()).isTrue();
        assertThat(g.isSendProxyPasswordToAgents()).isTrue();
        assertThat(g.isAllowControllerAwsIdentity()).isTrue();
        assertThat(g.getRoleSessionSeconds()).isEqualTo(1800);
        assertThat(g.getControllerEndpoints()).isEqualTo("https://minio.example.com:9000\n" + Fixtures.endpoint());

        List<ArtifactManagerFactory> factories = ArtifactManagerConfiguration.get().getArtifactManagerFactories();
        assertThat(factories).hasSize(1).first().isInstanceOf(EncryptedArtifactManagerFactory.class);
        EncryptedArtifactManagerFactory f = (EncryptedArtifactManagerFactory) factories.get(0);
        assertThat(Settings.s3(f)).containsExactly(BUCKET, "ci/store", "us-east-1", Fixtures.endpoint(), true, "aws");
        assertThat(Settings.crypt(f)).containsExactly("pw", "pw2", "obfuscate", "base64", false);
        assertThat(f.isDeleteArtifacts()).isFalse();
        assertThat(f.getMaxDownloadSizeMiB()).isEqualTo(77);
        assertThat(f.getUrlLifetimeMinutes()).isEqualTo(15);
    }

    private static void assertEveryStep(FreeStyleProject p) {
        List<Builder> builders = p.getBuildersList().toList();
        assertThat(builders).hasSize(5);

        EncryptDirStep enc = ((EncryptDirBuilder) builders.get(0)).getStep();
        assertThat(List.of(enc.getSource(), enc.getTarget())).containsExactly("plain", "enc");
        assertThat(Settings.crypt(enc)).containsExactly("pw-enc", "pw2-e", "obfuscate", "base32768", false);

        DecryptDirStep dec = ((DecryptDirBuilder) builders.get(1)).getStep();
        assertThat(List.of(dec.getSource(), dec.getTarget())).containsExactly("enc2", "plain2");
        assertThat(Settings.crypt(dec)).containsExactly("pw-dec", "pw2-d", "obfuscate", "base32768", false);

        S3EncryptedPushStep push = ((S3EncryptedPushBuilder) builders.get(2)).getStep();
        assertThat(push.getSource()).isEqualTo("out");
        assertSync(push, "push");

        S3EncryptedPullStep pull = ((S3EncryptedPullBuilder) builders.get(3)).getStep();
        assertThat(pull.getTarget()).isEqualTo("in");
        assertThat(pull.getMinGeneration()).isEqualTo(42);
        assertSync(pull, "pull");

        ProvisionPrivateBucketStep prov = ((ProvisionPrivateBucketBuilder) builders.get(4)).getStep();
        assertThat(Settings.provision(prov)).containsExactly("prov-bucket", "eu-west-1", "http://127.0.0.1:5999",
                "admin-aws");
        assertThat(List.of(prov.getUserName(), prov.getUserPath(), prov.isVersioning(), prov.isTlsOnly(),
                prov.getMode(), prov.isForce(), prov.getCredentialsIdForNewKey()))
                .containsExactly("sync-user", "/ci/", false, false, "plan", true, "new-key");

        assertThat(p.getPublishersList().toList()).hasSize(1);
        EncryptedBackupPublisher backup = (EncryptedBackupPublisher) p.getPublishersList().get(0);
        assertThat(backup.isOnFailure()).isTrue();
        assertThat(backup.getPush().getSource()).isEqualTo("backup-src");
        assertSync(backup.getPush(), "backup");
    }

    private static void assertSync(AbstractS3Step s, String tag) {
        assertThat(Settings.s3(s)).containsExactly(tag + "-bucket", "pre/" + tag, "eu-central-1",
                "https://s3." + tag + ".example.com", true, "aws-" + tag);
        assertThat(Settings.crypt(s)).containsExactly("pw-" + tag, "pw2-" + tag, "obfuscate", "base32768", false);
        assertThat(Settings.transfer(s)).containsExactly("**/*.bin", "tmp/**", true, true, 7);
    }

    /**
     * The values under test, read through the model's getters (the one place to follow the model
     * when it changes; the expected values never change).
     */
    static final class Settings {
        static List<Object> s3(S3Location s) {
            return List.of(s.getBucket(), s.getPrefix(), s.getRegion(), s.getEndpoint(), s.isPathStyle(),
                    s.getAwsCredentialsId());
        }

        static List<Object> s3(AbstractS3Step s) {
            return s3(s.getS3());
        }

        static List<Object> s3(EncryptedArtifactManagerFactory f) {
            return s3(f.getS3());
        }

        static List<Object> crypt(CryptRemote c) {
            return List.of(c.getPasswordCredentialsId(), c.getPassword2CredentialsId(), c.getFilenameEncryption(),
                    c.getFilenameEncoding(), c.isDirectoryNameEncryption());
        }

        static List<Object> crypt(AbstractCryptStep s) {
            return crypt(s.getCrypt());
        }

        static List<Object> crypt(EncryptedArtifactManagerFactory f) {
            return crypt(f.getCrypt());
        }

        static List<Object> transfer(AbstractS3Step s) {
            return List.of(s.getIncludes(), s.getExcludes(), s.isDelete(), s.isDryRun(), s.getTransfers());
        }

        static List<Object> provision(ProvisionPrivateBucketStep s) {
            return List.of(s.getS3().getBucket(), s.getS3().getRegion(), s.getS3().getEndpoint(),
                    s.getS3().getAwsCredentialsId());
        }
    }

    /** What a build keeps of the storage, as a list. */
    record ArtifactPlaceView(List<Object> values) {
        static ArtifactPlaceView of(EncryptedArtifactManager m) throws Exception {
            java.lang.reflect.Field f = EncryptedArtifactManager.class.getDeclaredField("place");
            f.setAccessible(true);
            ArtifactPlace p = (ArtifactPlace) f.get(m);
            return new ArtifactPlaceView(List.of(p.bucket(), p.prefix(), p.region(), p.endpoint(), p.pathStyle(),
                    p.filenameEncryption(), p.filenameEncoding(), p.directoryNameEncryption()));
        }
    }
}
