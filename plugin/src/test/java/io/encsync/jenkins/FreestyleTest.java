package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.tasks.ArtifactArchiver;
import hudson.tasks.Shell;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** Freestyle build steps and the post-build action: configuration round trips and real builds. */
@WithJenkins
class FreestyleTest {

    @Test
    void everyDescribableSurvivesAConfigurationRoundTrip(JenkinsRule r) throws Exception {
        S3EncryptedPushBuilder push = new S3EncryptedPushBuilder("dist", "acme-backups", "pw");
        push.setPrefix("ci/app");
        push.setRegion("eu-west-1");
        push.setEndpoint("https://minio.example.com:9000");
        push.setPathStyle(true);
        push.setAwsCredentialsId("aws");
        push.setIncludes("**/*.jar");
        push.setExcludes("**/*.tmp");
        push.setDelete(true);
        push.setTransfers(8);
        push.setPassword2CredentialsId("pw2");
        push.setFilenameEncryption("obfuscate");
        push.setFilenameEncoding("base64");
        push.setDirectoryNameEncryption(false);
        r.assertEqualDataBoundBeans(push, r.configRoundtrip(push));

        S3EncryptedPullBuilder pull = new S3EncryptedPullBuilder("acme-backups", "restored", "pw");
        pull.setMinGeneration(3);
        pull.setDryRun(true);
        r.assertEqualDataBoundBeans(pull, r.configRoundtrip(pull));

        r.assertEqualDataBoundBeans(new EncryptDirBuilder("src", "vault", "pw"),
                r.configRoundtrip(new EncryptDirBuilder("src", "vault", "pw")));
        r.assertEqualDataBoundBeans(new DecryptDirBuilder("vault", "back", "pw"),
                r.configRoundtrip(new DecryptDirBuilder("vault", "back", "pw")));

        ProvisionPrivateBucketBuilder prov = new ProvisionPrivateBucketBuilder("acme-backups", "eu-west-1");
        prov.setMode("plan");
        prov.setVersioning(false);
        prov.setUserName("ci-backup");
        prov.setCredentialsIdForNewKey("backup-user");
        r.assertEqualDataBoundBeans(prov, r.configRoundtrip(prov));

        EncryptedBackupPublisher pub = new EncryptedBackupPublisher("acme-backups", "pw");
        pub.setPrefix("builds/${BUILD_NUMBER}");
        pub.setWorkspaceGlob("target/*.jar");
        pub.setOnFailure(true);
        r.assertEqualDataBoundBeans(pub, r.configRoundtrip(pub));
    }

    @Test
    void buildStepsAndBackupActionRunOnTheAgent(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        String bucket = Fixtures.newBucket();
        FreeStyleProject p = folder.createProject(FreeStyleProject.class, "fs");
        p.setAssignedLabel(Label.get("remote"));
        p.getBuildersList().add(new Shell("mkdir -p out && echo artifact > out/app.jar && echo note > out/n.txt"));
        EncryptDirBuilder enc = new EncryptDirBuilder("out", "vault", "pw");
        p.getBuildersList().add(enc);
        p.getBuildersList().add(new DecryptDirBuilder("vault", "back", "pw"));
        S3EncryptedPushBuilder push = new S3EncryptedPushBuilder("out", bucket, "pw");
        push.setPrefix("step");
        configure(push);
        p.getBuildersList().add(push);
        p.getPublishersList().add(new ArtifactArchiver("out/*.jar"));
        EncryptedBackupPublisher backup = new EncryptedBackupPublisher(bucket, "pw");
        backup.setPrefix("archive/${BUILD_NUMBER}");
        backup.setRegion("us-east-1");
        backup.setEndpoint(Fixtures.endpoint());
        backup.setPathStyle(true);
        backup.setAwsCredentialsId("aws");
        p.getPublishersList().add(backup);

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        assertThat(b.getWorkspace().child("back/app.jar").readToString()).isEqualTo("artifact\n");
        assertThat(Fixtures.keys(bucket)).anyMatch(k -> k.startsWith("step/"))
                .anyMatch(k -> k.startsWith("archive/" + b.getNumber() + "/"));
        r.assertLogContains("Pushed to s3://" + bucket + "/archive/" + b.getNumber(), b);
        Fixtures.assertNoSecretAnywhere(b);

        // A restore job: pull what the build step pushed; plan a bucket with the provisioning step.
        FreeStyleProject restore = folder.createProject(FreeStyleProject.class, "restore");
        restore.setAssignedLabel(Label.get("remote"));
        S3EncryptedPullBuilder pull = new S3EncryptedPullBuilder(bucket, "restored", "pw");
        pull.setPrefix("step");
        pull.setMinGeneration(1);
        configure(pull);
        restore.getBuildersList().add(pull);
        ProvisionPrivateBucketBuilder plan = new ProvisionPrivateBucketBuilder("planned-" + bucket, "us-east-1");
        plan.setMode("plan");
        plan.setAwsCredentialsId("aws");
        plan.setEndpoint(Fixtures.endpoint());
        plan.setTlsOnly(false);
        restore.getBuildersList().add(plan);
        FreeStyleBuild rb = r.buildAndAssertSuccess(restore);
        assertThat(rb.getWorkspace().child("restored/app.jar").readToString()).isEqualTo("artifact\n");
        r.assertLogContains("Pulled from s3://" + bucket + "/step", rb);
        r.assertLogContains("Planning private bucket s3://planned-" + bucket, rb);
        assertThat(Fixtures.keys(bucket)).noneMatch(k -> k.startsWith("planned"));
        Fixtures.assertNoSecretAnywhere(rb);
    }

    private static void configure(AbstractS3Builder s) {
        s.setRegion("us-east-1");
        s.setEndpoint(Fixtures.endpoint());
        s.setPathStyle(true);
        s.setAwsCredentialsId("aws");
        s.setPassword2CredentialsId("pw2");
    }
}
