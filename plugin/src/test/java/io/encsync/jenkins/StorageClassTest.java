package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.tasks.Shell;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import io.encsync.jenkins.freestyle.EncryptedBackupPublisher;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.steps.S3EncryptedPushStep;
import java.util.Map;
import java.util.TreeMap;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The storage class of uploaded objects, one setting of {@link S3Location}: a Pipeline push (given
 * flat), the backup action and the artifact storage each write their data objects in it, on a real
 * agent against moto, and the manifest stays in the bucket's default.
 */
@WithJenkins
class StorageClassTest {

    /** Each object of {@code bucket} under {@code prefix} with its storage class, as S3 lists them. */
    private static Map<String, String> classes(String bucket, String prefix) {
        Map<String, String> out = new TreeMap<>();
        try (S3Client s3 = Fixtures.s3()) {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                out.put(o.key(), o.storageClassAsString());
            }
        }
        return out;
    }

    private static void assertDataIn(Map<String, String> objects, String storageClass) {
        assertThat(objects).as("objects written").isNotEmpty();
        objects.forEach((key, sc) -> {
            if (key.endsWith(".encsync-manifest") || key.endsWith(".encsync-lock")) {
                assertThat(sc).as(key + " (read first by every run)").isEqualTo("STANDARD");
            } else {
                assertThat(sc).as(key).isEqualTo(storageClass);
            }
        });
        assertThat(objects.keySet()).as("a data object besides the manifest")
                .anyMatch(k -> !k.endsWith(".encsync-manifest") && !k.endsWith(".encsync-lock"));
    }

    @Test
    void aPipelinePushGivenTheSettingFlatWritesItsFilesInThatClass(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('%s') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  s3EncryptedPush(source: 'src', prefix: 'sc', storageClass: 'standard_ia', %s)
                }
                """.formatted(Fixtures.AGENT, Fixtures.s3Args(bucket)));
        r.buildAndAssertSuccess(p);
        assertDataIn(classes(bucket, "sc/"), "STANDARD_IA");
    }

    @Test
    void theBackupActionWritesItsFilesInThatClass(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        FreeStyleProject p = folder.createProject(FreeStyleProject.class, "fs");
        p.setAssignedLabel(Label.get(Fixtures.AGENT));
        p.getBuildersList().add(new Shell("mkdir -p out && echo a > out/a.txt"));
        S3EncryptedPushStep push = Fixtures.onMoto(new S3EncryptedPushStep("out", new S3Location(bucket), new CryptRemote("pw")));
        push.getS3().setPrefix("backup");
        push.getS3().setStorageClass("GLACIER_IR");
        p.getPublishersList().add(new EncryptedBackupPublisher(push));
        FreeStyleBuild b = r.buildAndAssertSuccess(p);
        r.assertLogContains("1 transferred", b);
        assertDataIn(classes(bucket, "backup/"), "GLACIER_IR");
    }

    @Test
    void theArtifactStorageUploadsArtifactsInTheCurrentClass(JenkinsRule r) throws Exception {
        Fixtures.agent(r);
        String bucket = Fixtures.newBucket();
        EncryptedArtifactManagerFactory f = ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        f.getS3().setStorageClass("STANDARD_IA");
        WorkflowJob p = r.jenkins.createProject(WorkflowJob.class, "arch");
        p.setDefinition(new org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition("""
                node('%s') {
                  writeFile file: 'out/app.jar', text: 'artifact'
                  archiveArtifacts 'out/*.jar'
                }
                """.formatted(Fixtures.AGENT), true));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        assertThat(b.getArtifacts()).hasSize(1);
        assertDataIn(classes(bucket, ArtifactStorageTest.PREFIX + "/"), "STANDARD_IA");
    }
}
