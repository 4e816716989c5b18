package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Run;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jenkins.model.ArtifactManager;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * A build's objects belong to that build, whatever happens to its job's name afterwards: a job
 * renamed, and another created under the old name, never share, show or delete each other's
 * artifacts; deleting a job (or its folder) deletes its builds' objects when deletion is on.
 */
@WithJenkins
class ArtifactIdentityTest {

    @Test
    void aJobCreatedAgainUnderAnOldNameKeepsItsBuildsApart(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        Folder folder = Fixtures.folder(r);
        WorkflowJob first = archiving(folder, "a", "first.txt");
        WorkflowRun old = r.buildAndAssertSuccess(first);
        first.renameTo("b");
        WorkflowJob second = archiving(folder, "a", "second.txt");
        WorkflowRun fresh = r.buildAndAssertSuccess(second);
        assertThat(fresh.getNumber()).isEqualTo(1);

        assertThat(paths(fresh)).as("the new a #1 shows only its own files").containsExactly("second.txt");
        assertThat(paths(old)).as("the renamed job's #1 shows only its own files").containsExactly("first.txt");
        assertThat(read(old, "first.txt")).isEqualTo("first.txt of " + folder.getFullName() + "/a #1");
        assertThat(read(fresh, "second.txt")).isEqualTo("second.txt of " + folder.getFullName() + "/a #1");

        fresh.delete();
        assertThat(read(old, "first.txt")).as("deleting the new a #1 leaves b #1")
                .isEqualTo("first.txt of " + folder.getFullName() + "/a #1");

        WorkflowRun next = r.buildAndAssertSuccess(second);
        assertThat(Fixtures.keys(bucket)).as("b #1 and a #2, a manifest and one object each").hasSize(4);
        first.delete();
        assertThat(Fixtures.keys(bucket)).as("deleting job b deletes its objects, and only those").hasSize(2);
        assertThat(read(next, "second.txt")).isEqualTo("second.txt of " + folder.getFullName() + "/a #2");
        next.delete();
        assertThat(Fixtures.keys(bucket)).isEmpty();
    }

    @Test
    void deletingAJobOrItsFolderDeletesItsBuildsObjectsWhenDeletionIsOn(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        EncryptedArtifactManagerFactory f = ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        Folder kept = Fixtures.folder(r);
        WorkflowJob p = archiving(kept, "p", "p.txt");
        r.buildAndAssertSuccess(p);
        r.buildAndAssertSuccess(p);
        Folder deleted = Fixtures.folder(r);
        WorkflowJob q = archiving(deleted, "q", "q.txt");
        r.buildAndAssertSuccess(q);
        WorkflowJob s = archiving(deleted, "s", "s.txt");
        r.buildAndAssertSuccess(s);
        assertThat(Fixtures.keys(bucket)).hasSize(8);

        f.setDeleteArtifacts(false);
        p.delete();
        assertThat(Fixtures.keys(bucket)).as("deletion is off: the objects stay").hasSize(8);

        f.setDeleteArtifacts(true);
        WorkflowJob t = archiving(kept, "t", "t.txt");
        WorkflowRun other = r.buildAndAssertSuccess(t);
        deleted.delete();
        assertThat(Fixtures.keys(bucket)).as("the folder's two jobs' objects are gone, p's and t's stay").hasSize(6);
        assertThat(read(other, "t.txt")).isEqualTo("t.txt of " + kept.getFullName() + "/t #1");
    }

    /** A job that archives {@code file} holding "{@code file} of {@code <job> #<number>}". */
    static WorkflowJob archiving(Folder folder, String name, String file) throws Exception {
        return Fixtures.pipeline(folder, name, """
                node('remote') {
                  writeFile file: '%s', text: "%s of ${env.JOB_NAME} #${currentBuild.number}"
                  archiveArtifacts artifacts: '%s'
                }
                """.formatted(file, file, file));
    }

    static java.util.List<String> paths(Run<?, ?> b) {
        return b.getArtifacts().stream().map(a -> a.relativePath).toList();
    }

    static String read(Run<?, ?> b, String path) throws IOException {
        ArtifactManager m = b.getArtifactManager();
        try (InputStream in = m.root().child(path).open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
