package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import hudson.model.TaskListener;
import hudson.model.listeners.ItemListener;
import io.encsync.jenkins.artifacts.EncryptedArtifactManager;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import jenkins.util.VirtualFile;
import org.htmlunit.Page;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockFolder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The encrypted storage for a job named as branch-api names a multibranch project's branch jobs:
 * the branch name with {@code /} encoded as {@code %2F}, long, put straight into its parent (which
 * skips the name check that refuses {@code %} in a job created by hand). The name is part of the
 * build's place in S3 and of its URLs on the build page ({@code %252F} there).
 */
@WithJenkins
class ArtifactStorageBranchNamesTest {
    /** branch-api's name for the branch {@code feature/JIRA-4711-...}. */
    static final String BRANCH_JOB = "feature%2FJIRA-4711-keep-release-artifacts-encrypted-in-s3-across-agents-and-stages";

    @Test
    void aBranchJobArchivesStashesAndReadsBackFromTheBuildPage(JenkinsRule r) throws Exception {
        assertThat(BRANCH_JOB).hasSizeGreaterThan(70);
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.agent(r);
        MockFolder project = r.createFolder("org-repo");
        WorkflowJob p = branchJob(project, BRANCH_JOB, """
                node('remote') {
                  dir('src') {
                    writeFile file: 'f.txt', text: 'content'
                    writeFile file: 'docs/read me.md', text: '# notes'
                    archiveArtifacts artifacts: '**'
                    stash name: 'x', includes: '**'
                  }
                  dir('dest') {
                    unstash 'x'
                    if (readFile('f.txt') != 'content' || readFile('docs/read me.md') != '# notes') { error 'unstash differs' }
                    echo 'unstashed identical'
                  }
                }
                """);
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("unstashed identical", b);
        assertThat(b.getArtifactManager()).isInstanceOf(EncryptedArtifactManager.class);

        VirtualFile root = b.getArtifactManager().root();
        assertThat(root.list("**", null, false)).containsExactlyInAnyOrder("f.txt", "docs/read me.md");
        assertThat(read(root.child("f.txt"))).isEqualTo("content");
        assertThat(b.getUrl()).contains("feature%252FJIRA-4711");
        JenkinsRule.WebClient wc = r.createWebClient();
        assertThat(wc.getPage(b, "artifact/").getWebResponse().getContentAsString()).contains("f.txt", "docs");
        Page f = wc.goTo(b.getUrl() + "artifact/f.txt", null);
        assertThat(f.getWebResponse().getContentAsString()).isEqualTo("content");
        Page readMe = wc.goTo(b.getUrl() + "artifact/docs/read%20me.md", null);
        assertThat(readMe.getWebResponse().getContentAsString()).isEqualTo("# notes");

        // A second build of the branch that continues this one (as a restart from a stage does).
        p.setDefinition(new CpsFlowDefinition("echo 'nothing archived'", true));
        WorkflowRun b2 = r.buildAndAssertSuccess(p);
        ((EncryptedArtifactManager) b.getArtifactManager()).copyAllArtifactsAndStashes(b2, TaskListener.NULL);
        assertThat(read(b2.getArtifactManager().root().child("docs/read me.md"))).isEqualTo("# notes");

        assertThat(Fixtures.keys(bucket)).isNotEmpty();
        b.delete();
        b2.delete();
        assertThat(Fixtures.keys(bucket)).as("deleting the branch's builds deletes their objects").isEmpty();
    }

    /** A Pipeline job put into {@code parent} the way branch-api puts a branch job into its project. */
    static WorkflowJob branchJob(MockFolder parent, String name, String script) throws Exception {
        WorkflowJob p = new WorkflowJob(parent, name);
        parent.add(p, name);
        p.onCreatedFromScratch();
        p.setDefinition(new CpsFlowDefinition(script, true));
        p.save();
        ItemListener.fireOnCreated(p);
        return p;
    }

    private static String read(VirtualFile f) throws Exception {
        try (InputStream in = f.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
