package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Label;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Aborting the build mid-transfer cancels the task on the agent and leaves nothing half-written:
 * no unfinished multipart upload, no new manifest, and the next push completes.
 */
@WithJenkins
class AbortTest {

    @Test
    void abortingMidTransferCancelsOnTheAgentAndLeavesNoPartialObjects(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = folder.createProject(WorkflowJob.class, "p");
        // 120 files of 8 MiB on one transfer thread: minutes of work, so the abort lands mid-transfer.
        p.setDefinition(new CpsFlowDefinition("""
                node('remote') {
                  sh 'mkdir -p big && for i in $(seq 1 120); do head -c 8388608 /dev/urandom > big/f$i.bin; done'
                  echo 'files ready'
                  s3EncryptedPush(source: 'big', transfers: 1, %s)
                }
                """.formatted(Fixtures.s3Args(bucket)), true));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Plan: 120 to upload", b);
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        try (S3Client s3 = Fixtures.s3()) {
            assertThat(s3.listMultipartUploads(m -> m.bucket(bucket)).uploads())
                    .as("unfinished multipart uploads").isEmpty();
        }
        assertThat(Fixtures.keys(bucket)).as("objects written").hasSizeLessThan(120)
                .noneMatch(k -> k.contains("encsync-manifest"));
        Fixtures.assertNoSecretAnywhere(b);

        // Nothing stuck: a new push of the same files completes.
        p.setDefinition(new CpsFlowDefinition("""
                node('remote') {
                  def pushed = s3EncryptedPush(source: 'big', transfers: 4, %s)
                  echo "after abort transferred=${pushed.transferred + pushed.unchanged}"
                }
                """.formatted(Fixtures.s3Args(bucket)), true));
        r.assertLogContains("after abort transferred=120", r.buildAndAssertSuccess(p));
    }
}
