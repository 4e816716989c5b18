package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import io.encsync.jenkins.artifacts.EncryptedArtifactManager;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.plugins.workflow.ArtifactManagerTest;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Jenkins' own conformance gauntlet for artifact managers, workflow-api's
 * {@link ArtifactManagerTest}, run against the encrypted storage on moto, with its file names of
 * odd characters ({@code xxx#?:$&'"<>čॐ}) on. The gauntlet builds a freestyle job on an agent JVM
 * that archives a small tree, then checks the build's {@link jenkins.util.VirtualFile} tree
 * (names, parents, listing with globs, lengths, contents, absent paths), stashes, empty stashes,
 * {@code allowEmpty}, the copy to a second build, clearing stashes and deleting (or, with deletion
 * switched off, not deleting). Artifact-manager-s3 runs the same methods against its own factory.
 *
 * <p>Around the gauntlet we check what it cannot see: that the objects really are in S3, that
 * deleting the builds leaves none behind, and that the controller's class filter refused nothing
 * that crossed the agent's channel.
 */
@WithJenkins
class ArtifactManagerConformanceTest {

    /** Our factory on a fresh bucket, with the fixtures' credentials; the gauntlet registers it itself. */
    private static EncryptedArtifactManagerFactory factory(JenkinsRule r, String bucket) throws IOException {
        Fixtures.addCredentials(r.jenkins);
        EncryptedArtifactManagerFactory f = new EncryptedArtifactManagerFactory(new S3Location(bucket), new CryptRemote("pw"));
        f.getS3().setPrefix("ci");
        f.getS3().setRegion("us-east-1");
        f.getS3().setEndpoint(Fixtures.endpoint());
        f.getS3().setPathStyle(true);
        f.getS3().setAwsCredentialsId("aws");
        f.getCrypt().setPassword2CredentialsId("pw2");
        return f;
    }

    private static FreeStyleProject theGauntletsJob(JenkinsRule r) {
        List<FreeStyleProject> jobs = r.jenkins.getAllItems(FreeStyleProject.class);
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    @Test
    void artifactArchiveAndDeleteWithOddCharacters(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();

        try (LogRecorder log = Fixtures.controllerLog()) {
            ArtifactManagerTest.artifactArchiveAndDelete(r, factory(r, bucket), true);
            Fixtures.assertNothingRejectedByTheClassFilter(log);
        }

        FreeStyleBuild b = theGauntletsJob(r).getBuildByNumber(1);
        assertThat(b.getArtifactManager()).isInstanceOf(EncryptedArtifactManager.class);
        assertThat(Fixtures.keys(bucket)).as("the build's deletion deletes every object it wrote").isEmpty();
    }

    /** The gauntlet's variant for a manager that keeps artifacts when their build is deleted. */
    @Test
    void artifactArchiveWithDeletionSwitchedOff(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        EncryptedArtifactManagerFactory f = factory(r, bucket);
        f.setDeleteArtifacts(false);

        try (LogRecorder log = Fixtures.controllerLog()) {
            ArtifactManagerTest.artifactArchive(r, f, true);
            Fixtures.assertNothingRejectedByTheClassFilter(log);
        }

        assertThat(Fixtures.keys(bucket)).as("the objects stay").isNotEmpty();
    }

    @Test
    void artifactStashAndDeleteWithOddCharacters(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();

        try (LogRecorder log = Fixtures.controllerLog()) {
            ArtifactManagerTest.artifactStashAndDelete(r, factory(r, bucket), true);
            Fixtures.assertNothingRejectedByTheClassFilter(log);
        }

        FreeStyleProject p = theGauntletsJob(r);
        FreeStyleBuild b1 = p.getBuildByNumber(1);
        FreeStyleBuild b2 = p.getBuildByNumber(2);
        assertThat(b1.getArtifactManager()).isInstanceOf(EncryptedArtifactManager.class);
        assertThat(b2.getArtifactManager()).isInstanceOf(EncryptedArtifactManager.class);
        assertThat(Fixtures.keys(bucket)).as("the artifacts of #1 and the copies in #2").isNotEmpty();
        b1.delete();
        b2.delete();
        assertThat(Fixtures.keys(bucket)).as("deleting both builds leaves no artifact or stash behind").isEmpty();
    }
}
