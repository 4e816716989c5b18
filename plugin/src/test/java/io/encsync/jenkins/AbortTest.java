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
 * only whole objects, no unfinished multipart upload after the next push, which completes.
 */
@WithJenkins
class AbortTest {

    @Test
    void abortingMidTransferCancelsOnTheAgentAndLeavesNoPartialObjects(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = folder.createProject(WorkflowJob.class, "p");
        // One 96 MiB file (a multipart upload, sorted first) and 40 of 4 MiB on one transfer thread:
        // far more work than the time between the plan line and the stop, so the abort lands mid-transfer.
        p.setDefinition(new CpsFlowDefinition("""
                node('remote') {
                  sh 'mkdir -p big && head -c 100663296 /dev/urandom > big/a-large.bin && for i in $(seq 1 40); do head -c 4194304 /dev/urandom > big/f$i.bin; done'
                  echo 'files ready'
                  s3EncryptedPush(source: 'big', transfers: 1, %s)
                }
                """.formatted(Fixtures.s3Args(bucket)), true));

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Plan: 41 to upload", b);
        b.doStop();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        // Only whole objects are visible: besides the manifest (which records what completed), each
        // has the exact encrypted size of a 4 MiB or a 96 MiB file (32-byte header, 16-byte tag per 64 KiB block).
        try (S3Client s3 = Fixtures.s3()) {
            assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents())
                    .filteredOn(o -> !o.key().endsWith(".encsync-manifest"))
                    .as("objects written before the abort").hasSizeLessThan(41)
                    .allSatisfy(o -> assertThat(o.size()).isIn(encrypted(4L << 20), encrypted(96L << 20)));
        }
        Fixtures.assertNoSecretAnywhere(b);

        // Nothing stuck: a new push of the same files completes.
        p.setDefinition(new CpsFlowDefinition("""
                node('remote') {
                  def pushed = s3EncryptedPush(source: 'big', transfers: 4, %s)
                  echo "after abort transferred=${pushed.transferred + pushed.unchanged}"
                }
                """.formatted(Fixtures.s3Args(bucket)), true));
        r.assertLogContains("after abort transferred=41", r.buildAndAssertSuccess(p));
        // An upload the abort left unfinished (its abort call is best effort) was cleaned up by this push.
        try (S3Client s3 = Fixtures.s3()) {
            assertThat(s3.listMultipartUploads(m -> m.bucket(bucket)).uploads()).as("unfinished uploads").isEmpty();
        }
    }

    private static long encrypted(long plain) {
        return 32 + plain + (plain + 65535) / 65536 * 16;
    }
}
