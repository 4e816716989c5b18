package io.encsync.jenkins;

import static io.encsync.jenkins.ArtifactIdentityTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import jenkins.model.ArtifactManagerConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.flow.StashManager;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A build keeps where and how its data was encrypted; credentials, the delete policy and the
 * download limit are the current configuration's. So old builds survive credentials re-created
 * under new ids, obey a deletion switched off later, say which credential no longer opens them,
 * and can be deleted without the password.
 */
@WithJenkins
class ArtifactSettingsTest {

    @Test
    void anOldBuildReadsAfterItsCredentialsAreRecreatedUnderNewIds(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        EncryptedArtifactManagerFactory f = ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = ArtifactIdentityTest.archiving(folder, "p", "data.txt");
        WorkflowRun b1 = r.buildAndAssertSuccess(p);

        CredentialsStore store = Fixtures.storeOf(r.jenkins);
        store.removeCredentials(Domain.global(), Fixtures.find(r.jenkins, "pw"));
        store.removeCredentials(Domain.global(), Fixtures.find(r.jenkins, "aws"));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "pw-new",
                "the same password, re-created", Secret.fromString(Fixtures.PASSWORD)));
        store.addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL, "aws-new",
                "AKIAI44QH8DHBEXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "other keys"));
        EncryptedArtifactManagerFactory now = copyOf(f, "pw-new");
        now.getS3().setAwsCredentialsId("aws-new");
        ArtifactManagerConfiguration.get().getArtifactManagerFactories().replaceBy(List.of(now));

        assertThat(read(b1, "data.txt")).isEqualTo("data.txt of " + p.getFullName() + " #1");
        WorkflowRun b2 = r.buildAndAssertSuccess(p);
        assertThat(read(b2, "data.txt")).isEqualTo("data.txt of " + p.getFullName() + " #2");
        assertThat(read(b1, "data.txt")).isEqualTo("data.txt of " + p.getFullName() + " #1");
    }

    @Test
    void withDeletionSwitchedOffDeletingAnOldBuildLeavesItsObjects(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        EncryptedArtifactManagerFactory f = ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        WorkflowJob p = ArtifactIdentityTest.archiving(Fixtures.folder(r), "p", "data.txt");
        WorkflowRun b1 = r.buildAndAssertSuccess(p);
        assertThat(Fixtures.keys(bucket)).hasSize(2);

        f.setDeleteArtifacts(false);
        b1.delete();

        assertThat(Fixtures.keys(bucket)).as("the current setting (off) decides, not the one of the build's start")
                .hasSize(2);
    }

    @Test
    void afterAPasswordChangeAnOldBuildSaysWhichCredentialNoLongerOpensItAndStillDeletes(JenkinsRule r)
            throws Exception {
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        WorkflowJob p = ArtifactIdentityTest.archiving(Fixtures.folder(r), "p", "data.txt");
        WorkflowRun b1 = r.buildAndAssertSuccess(p);
        replacePassword(r, "pw", "a-new-password-of-2027");

        assertThatThrownBy(() -> read(b1, "data.txt")).isInstanceOf(IOException.class)
                .hasMessageContaining("'pw'").hasMessageContaining("'pw2'")
                .hasMessageContaining(p.getFullName() + " #1")
                .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
        assertThatThrownBy(() -> b1.getArtifactManager().root().list()).isInstanceOf(IOException.class)
                .hasMessageContaining("'pw'");

        // Deleting needs S3 access only: not even a password credential is needed.
        CredentialsStore store = Fixtures.storeOf(r.jenkins);
        store.removeCredentials(Domain.global(), Fixtures.find(r.jenkins, "pw"));
        store.removeCredentials(Domain.global(), Fixtures.find(r.jenkins, "pw2"));
        b1.delete();
        assertThat(Fixtures.keys(bucket)).isEmpty();
    }

    @Test
    void withoutEncryptedStorageConfiguredNowAnOldBuildSaysSoAndItsDeletionKeepsTheObjects(JenkinsRule r)
            throws Exception {
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        WorkflowJob p = ArtifactIdentityTest.archiving(Fixtures.folder(r), "p", "data.txt");
        WorkflowRun b1 = r.buildAndAssertSuccess(p);

        ArtifactManagerConfiguration.get().getArtifactManagerFactories().clear();

        assertThatThrownBy(() -> read(b1, "data.txt")).isInstanceOf(IOException.class)
                .hasMessageContaining("not the artifact storage configured now")
                .hasMessageContaining(p.getFullName() + " #1").hasMessageContaining("s3://" + bucket + "/")
                .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
        b1.delete();
        assertThat(p.getBuildByNumber(1)).as("the build is deleted").isNull();
        assertThat(Fixtures.keys(bucket)).as("nothing knows the policy or the credentials: kept").hasSize(2);
    }

    @Test
    void deletingABuildsArtifactsSavesTheBuild(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        WorkflowJob p = ArtifactIdentityTest.archiving(Fixtures.folder(r), "p", "data.txt");
        WorkflowRun b1 = r.buildAndAssertSuccess(p);
        File buildXml = new File(b1.getRootDir(), "build.xml");
        assertThat(Files.readString(buildXml.toPath())).contains("<artifactsGeneration>1</artifactsGeneration>");

        b1.deleteArtifacts();

        assertThat(Fixtures.keys(bucket)).isEmpty();
        assertThat(Files.readString(buildXml.toPath())).as("build.xml forgets the deleted archive")
                .doesNotContain("<artifactsGeneration>1</artifactsGeneration>");
        b1.reload();
        assertThat(b1.getArtifactManager().root().list()).as("after a reload: no artifacts, and no error").isEmpty();
    }

    @Test
    void aCopyForARestartedBuildAfterAPasswordChangeFailsNamingTheCredential(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = ArtifactIdentityTest.archiving(folder, "p", "data.txt");
        WorkflowRun b1 = r.buildAndAssertSuccess(p);
        WorkflowRun next = r.buildAndAssertSuccess(Fixtures.pipeline(folder, "q", "echo 'nothing archived'"));
        replacePassword(r, "pw", "a-new-password-of-2027");

        assertThatThrownBy(() -> ((StashManager.StashAwareArtifactManager) b1.getArtifactManager())
                .copyAllArtifactsAndStashes(next, TaskListener.NULL))
                .isInstanceOf(AbortException.class).hasMessageContaining("'pw'")
                .hasMessageContaining(p.getFullName() + " #1");
        assertThat(next.getArtifactManager().root().list()).as("nothing copied").isEmpty();
    }

    /** The same credential id, another secret: what an administrator does to change the password. */
    static void replacePassword(JenkinsRule r, String id, String secret) throws IOException {
        CredentialsStore store = Fixtures.storeOf(r.jenkins);
        store.removeCredentials(Domain.global(), Fixtures.find(r.jenkins, id));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, id,
                "a new password", Secret.fromString(secret)));
    }

    static EncryptedArtifactManagerFactory copyOf(EncryptedArtifactManagerFactory f) {
        return copyOf(f, f.getCrypt().getPasswordCredentialsId());
    }

    /** A copy of {@code f} (as saved and loaded), with another password credential id. */
    static EncryptedArtifactManagerFactory copyOf(EncryptedArtifactManagerFactory f, String passwordCredentialsId) {
        EncryptedArtifactManagerFactory c = (EncryptedArtifactManagerFactory) Jenkins.XSTREAM2.fromXML(
                Jenkins.XSTREAM2.toXML(f).replace("<passwordCredentialsId>" + f.getCrypt().getPasswordCredentialsId() + "<",
                        "<passwordCredentialsId>" + passwordCredentialsId + "<"));
        assertThat(c.getCrypt().getPasswordCredentialsId()).isEqualTo(passwordCredentialsId);
        return c;
    }
}
