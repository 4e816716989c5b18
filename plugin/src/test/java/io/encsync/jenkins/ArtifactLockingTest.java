package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.Label;
import io.encsync.core.testing.FaultProxy;
import io.encsync.core.testing.MotoServer;
import io.encsync.jenkins.artifacts.EncryptedArtifactManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Archives and stashes of one build lock per set: parallel branches stashing under different
 * names run at once, one stashing into a set another branch is writing waits, and a branch
 * waiting for that lock ends when it is aborted. A proxy before moto holds one branch's upload
 * "in flight" for as long as the test needs.
 */
@WithJenkins
class ArtifactLockingTest {
    private static final long WAIT_MILLIS = 60_000;

    /** A presigned upload into the stash {@code name} (stash names are not encrypted in the key). */
    private static Predicate<FaultProxy.Request> uploadInto(String name) {
        return q -> q.hasQueryParam("X-Amz-Signature") && q.method().equals("PUT")
                && q.path().contains("/stashes/" + name + "/");
    }

    @Test
    void parallelStashesOfDifferentNamesRunAtOnce(JenkinsRule r, @TempDir Path tmp) throws Exception {
        try (FaultProxy proxy = FaultProxy.start(MotoServer.shared().endpoint())) {
            ArtifactStorageTest.storage(r, Fixtures.newBucket(), proxy.endpoint().toString());
            r.createOnlineSlave(Label.get("a"));
            r.createOnlineSlave(Label.get("b"));
            Folder folder = Fixtures.folder(r);

            // Different names: "two" is stored while "one" is still uploading.
            Path go = tmp.resolve("go-1");
            proxy.hold(uploadInto("one"), -1);
            WorkflowJob p = Fixtures.pipeline(folder, "names", """
                    parallel one: {
                      node('a') { writeFile file: 'one.txt', text: 'one'; stash name: 'one', includes: 'one.txt' }
                    }, two: {
                      node('b') {
                        waitUntil { fileExists '%s' }
                        writeFile file: 'two.txt', text: 'two'
                        stash name: 'two', includes: 'two.txt'
                        echo 'stash two done'
                      }
                    }
                    """.formatted(go));
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            awaitRequest(proxy, uploadInto("one"), b);
            Files.writeString(go, "go");
            long until = System.currentTimeMillis() + WAIT_MILLIS;
            while (!JenkinsRule.getLog(b).contains("stash two done") && System.currentTimeMillis() < until) {
                Thread.sleep(100);
            }
            boolean twoDone = JenkinsRule.getLog(b).contains("stash two done");
            proxy.release();
            proxy.clearFaults();
            r.assertBuildStatusSuccess(r.waitForCompletion(b));
            assertThat(twoDone).as("stash 'two' finished while stash 'one' was still uploading (one lock per set)")
                    .isTrue();
        }
    }

    @Test
    void aStashWaitingForAnotherOfTheSameNameEndsWhenItsStepIsAborted(JenkinsRule r, @TempDir Path tmp)
            throws Exception {
        try (FaultProxy proxy = FaultProxy.start(MotoServer.shared().endpoint())) {
            ArtifactStorageTest.storage(r, Fixtures.newBucket(), proxy.endpoint().toString());
            r.createOnlineSlave(Label.get("a"));
            r.createOnlineSlave(Label.get("b"));
            Folder folder = Fixtures.folder(r);

            // The same name: the second waits for the first; aborting it ends its thread at once.
            Path go2 = tmp.resolve("go-2");
            proxy.hold(uploadInto("same"), -1);
            WorkflowJob q = Fixtures.pipeline(folder, "same", """
                    parallel first: {
                      node('a') { writeFile file: 'first.txt', text: 'first'; stash name: 'same', includes: 'first.txt' }
                    }, second: {
                      node('b') {
                        waitUntil { fileExists '%s' }
                        writeFile file: 'second.txt', text: 'second'
                        try {
                          timeout(time: 5, unit: 'SECONDS') { stash name: 'same', includes: 'second.txt' }
                        } catch (e) {
                          echo 'second stash stopped'
                        }
                      }
                    }
                    node('b') {
                      sh 'rm -f first.txt second.txt'
                      unstash 'same'
                      echo "unstashed first=${fileExists 'first.txt'} second=${fileExists 'second.txt'}"
                    }
                    """.formatted(go2));
            WorkflowRun c = q.scheduleBuild2(0).waitForStart();
            awaitRequest(proxy, uploadInto("same"), c);
            Files.writeString(go2, "go");
            r.waitForMessage("second stash stopped", c);
            long until = System.currentTimeMillis() + 10_000;
            List<String> waiting = waitingStashes();
            while (!waiting.isEmpty() && System.currentTimeMillis() < until) {
                Thread.sleep(100);
                waiting = waitingStashes();
            }
            proxy.release();
            proxy.clearFaults();
            r.assertBuildStatusSuccess(r.waitForCompletion(c));
            assertThat(waiting).as("threads still waiting for a stash's lock after their step was aborted").isEmpty();
            r.assertLogContains("unstashed first=true second=false", c);
        }
    }

    private static void awaitRequest(FaultProxy proxy, Predicate<FaultProxy.Request> which, WorkflowRun b)
            throws InterruptedException {
        long until = System.currentTimeMillis() + WAIT_MILLIS;
        while (proxy.count(which) == 0) {
            assertThat(System.currentTimeMillis()).as("the held upload never arrived; log:%n%s", log(b)).isLessThan(until);
            assertThat(b.isBuilding()).as("build ended before its upload was held; log:%n%s", log(b)).isTrue();
            Thread.sleep(50);
        }
    }

    private static String log(WorkflowRun b) {
        try {
            return JenkinsRule.getLog(b);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /**
     * Threads inside the manager's stash but not talking to the agent (the stash holding the lock
     * waits in {@code FilePath.act} for its upload): those waiting for the set's lock.
     */
    private static List<String> waitingStashes() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(
                        EncryptedArtifactManager.class.getName()) && f.getMethodName().equals("stash")))
                .filter(e -> Arrays.stream(e.getValue()).noneMatch(f -> f.getClassName().equals("hudson.FilePath")))
                .map(Map.Entry::getKey)
                .map(t -> t.getName() + " " + t.getState())
                .toList();
    }
}
