package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Aborting a Pipeline in the middle of a 200 MiB push stops the work on the agent, releases the
 * remote's push lock, and leaves a remote from which the previous generation restores; the next
 * push completes.
 */
@WithJenkins
class AbortTest {
    private static final String LOCK = ".encsync-lock";
    private static final int BIG_FILES = 50; // of 4 MiB: 200 MiB
    /** The brief's bound for the agent to stop after the abort (a liveness bound, not a speed figure). */
    private static final long STOP_BOUND_MILLIS = 10_000;

    @Test
    void abortingMidPushStopsTheAgentReleasesTheLockAndKeepsThePreviousGenerationRestorable(JenkinsRule r)
            throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob first = Fixtures.pipeline(folder, "first", """
                node('remote') {
                  writeFile file: 'data/keep.txt', text: 'generation one'
                  def pushed = s3EncryptedPush(source: 'data', %s)
                  echo "first generation=${pushed.generation}"
                }
                """.formatted(Fixtures.s3Args(bucket)));
        r.assertLogContains("first generation=1", r.buildAndAssertSuccess(first));
        assertThat(dataObjects(bucket)).isEqualTo(1);

        WorkflowJob big = Fixtures.pipeline(folder, "big", """
                node('remote') {
                  sh 'mkdir -p data && for i in $(seq 1 %d); do head -c 4194304 /dev/urandom > data/f$i.bin; done'
                  s3EncryptedPush(source: 'data', transfers: 1, %s)
                }
                """.formatted(BIG_FILES, Fixtures.s3Args(bucket)));
        WorkflowRun b = big.scheduleBuild2(0).waitForStart();
        r.waitForMessage("Plan: " + BIG_FILES + " to upload", b);
        // Stop only once a few of the 50 files are up (one at a time): the abort lands mid-push.
        while (dataObjects(bucket) < 1 + 3) {
            assertThat(b.isBuilding()).as("the push finished before it could be aborted").isTrue();
            Thread.sleep(50);
        }
        b.doStop();
        long stopped = System.nanoTime();
        r.assertBuildStatus(Result.ABORTED, r.waitForCompletion(b));

        // The controller does not wait for the agent after a cancel; the agent's push releases the
        // remote's lock when its transfers have stopped.
        while (Fixtures.keys(bucket).contains(LOCK)) {
            assertThat((System.nanoTime() - stopped) / 1_000_000).as("ms after the abort with the agent still"
                    + " holding the push lock, i.e. still pushing").isLessThan(STOP_BOUND_MILLIS);
            Thread.sleep(50);
        }
        assertThat(dataObjects(bucket) - 1).as("big files written before the abort").isLessThan(BIG_FILES);

        // Whole objects only: every object is the exact encrypted size of its file.
        try (S3Client s3 = Fixtures.s3()) {
            assertThat(s3.listObjectsV2(l -> l.bucket(bucket)).contents())
                    .filteredOn(o -> !o.key().startsWith(".encsync-"))
                    .allSatisfy(o -> assertThat(o.size()).isIn(encrypted("generation one".length()),
                            encrypted(4L << 20)));
        }

        // The previous generation restores (pull verifies every file against the manifest), and
        // the next push completes without breaking any lock.
        WorkflowJob after = Fixtures.pipeline(folder, "after", """
                node('remote') {
                  def pulled = s3EncryptedPull(target: 'restored', minGeneration: 1, %1$s)
                  echo "restored keep=${readFile 'restored/keep.txt'}"
                  sh 'mkdir -p data && cp restored/keep.txt data/ && for i in $(seq 1 %2$d); do head -c 4194304 /dev/urandom > data/f$i.bin; done'
                  def pushed = s3EncryptedPush(source: 'data', transfers: 4, delete: true, %1$s)
                  echo "after abort done=${pushed.transferred + pushed.unchanged}"
                }
                """.formatted(Fixtures.s3Args(bucket), BIG_FILES));
        WorkflowRun a = r.buildAndAssertSuccess(after);
        r.assertLogContains("restored keep=generation one", a);
        r.assertLogContains("after abort done=" + (BIG_FILES + 1), a);
        try (S3Client s3 = Fixtures.s3()) {
            assertThat(s3.listMultipartUploads(m -> m.bucket(bucket)).uploads()).as("unfinished uploads").isEmpty();
        }
        assertThat(Fixtures.keys(bucket)).doesNotContain(LOCK);
    }

    private static long encrypted(long plain) {
        return 32 + plain + (plain + 65535) / 65536 * 16;
    }

    /** Objects that hold files (not the manifest or the lock). */
    private static long dataObjects(String bucket) {
        return Fixtures.keys(bucket).stream().filter(k -> !k.startsWith(".encsync-")).count();
    }
}
