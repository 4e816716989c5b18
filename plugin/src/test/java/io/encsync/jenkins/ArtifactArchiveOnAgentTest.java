package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.FilePath;
import hudson.model.Label;
import hudson.remoting.Channel;
import hudson.remoting.Command;
import hudson.slaves.DumbSlave;
import io.encsync.core.artifacts.ArtifactSet;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.testing.FaultProxy;
import io.encsync.core.testing.MotoServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import jenkins.security.MasterToSlaveCallable;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue #12, acceptance 1: a Pipeline on an agent JVM archives 1,000 small files and one 300 MiB
 * file. The bucket then holds only rclone crypt objects (encrypted names, crypt sizes) and the
 * manifest; the agent never saw an AWS secret or the password (its environment, its system
 * properties, and every callable the controller sent it, as serialized bytes); and no content
 * went through the controller: the S3 traffic is counted at a proxy in front of moto (every data
 * object came as a presigned request, the controller itself wrote only the manifest) and the
 * bytes that crossed the agent's channel are a small fraction of what was archived.
 */
@WithJenkins
class ArtifactArchiveOnAgentTest {
    private static final long BIG = 300L << 20;
    private static final Predicate<FaultProxy.Request> PRESIGNED = q -> q.hasQueryParam("X-Amz-Signature");

    @Test
    void anAgentArchivesAThousandFilesAndA300MiBFileStraightToS3WithoutAnAwsKey(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        try (FaultProxy proxy = FaultProxy.start(MotoServer.shared().endpoint())) {
            ArtifactStorageTest.storage(r, bucket, proxy.endpoint().toString());
            DumbSlave agent = r.createOnlineSlave(Label.get("remote"));
            Folder folder = Fixtures.folder(r);
            LogRecorder log = Fixtures.controllerLog();
            ChannelWatch watch = new ChannelWatch();
            ((Channel) agent.getChannel()).addListener(watch);
            WorkflowJob p = Fixtures.pipeline(folder, "p", """
                    node('remote') {
                      sh '''
                        set +x
                        mkdir -p out/small/a out/small/b
                        for i in $(seq 1 1000); do
                          if [ $((i % 2)) -eq 0 ]; then d=a; else d=b; fi
                          printf 'small file %d\\\\n' "$i" > "out/small/$d/file $i.txt"
                        done
                        head -c BIG /dev/urandom > out/big.bin
                      '''
                      archiveArtifacts artifacts: 'out/**'
                    }
                    """.replace("BIG", Long.toString(BIG)));

            WorkflowRun b = r.buildAndAssertSuccess(p);

            r.assertLogContains("Archived 1,001 artifact(s)", b);
            ArtifactSet set = ArtifactStorageTest.layout(bucket, b).artifacts();
            Map<String, Long> objects = ArtifactStorageTest.objects(bucket, "");
            assertThat(objects).as("everything is below the build's artifacts root").hasSize(1002)
                    .allSatisfy((k, size) -> assertThat(k).startsWith(set.root()));
            assertThat(objects).containsKey(set.manifestKey());
            assertThat(objects.keySet()).as("names are encrypted (rclone's base32hex segments)")
                    .allMatch(k -> k.equals(set.manifestKey()) || k.substring(set.root().length()).matches("[0-9a-v]+(/[0-9a-v]+)*"));
            assertThat(objects.values()).as("the big file is one crypt object").contains(ContentCipher.encryptedSize(BIG));
            long smallObjects = objects.values().stream().filter(s -> s < 1000).count();
            assertThat(smallObjects).isEqualTo(1000);
            FilePath ws = agent.getWorkspaceFor(p);
            try (var in = b.getArtifactManager().root().child("out/small/a/file 2.txt").open()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("small file 2\n");
            }

            // Every data object arrived as a presigned request (the agent's), the controller wrote the manifest only.
            int presignedPuts = proxy.count(PRESIGNED.and(FaultProxy.Request::isPutObject));
            int presignedParts = proxy.count(PRESIGNED.and(FaultProxy.Request::isUploadPart));
            int controllerPuts = proxy.count(PRESIGNED.negate().and(q -> q.isPutObject() || q.isUploadPart()));
            assertThat(presignedPuts).as("one presigned PUT per small file").isEqualTo(1000);
            assertThat(presignedParts).as("the big file in presigned parts of 16 MiB")
                    .isEqualTo((int) ((ContentCipher.encryptedSize(BIG) + (16 << 20) - 1) / (16 << 20)));
            assertThat(controllerPuts).as("the controller's own uploads: the manifest").isEqualTo(1);
            long channelBytes = watch.read.get() + watch.written.get();
            System.out.printf("archive of 300 MiB + 1,000 small files (%d bytes of big file): %d presigned PUTs, %d presigned parts, %d bytes over the agent channel%n",
                    BIG, presignedPuts, presignedParts, channelBytes);
            assertThat(channelBytes).as("bytes over the agent's channel during the build (class loading included)")
                    .isLessThan(BIG / 10);

            // What the agent received: no AWS secret key, no password, in any callable or in its JVM.
            assertThat(watch.requests).as("callables sent to the agent").isNotEmpty();
            assertThat(watch.callableNames).contains("encrypted artifact upload");
            List<String> secrets = List.of(Fixtures.SECRET_KEY, Fixtures.PASSWORD, Fixtures.PASSWORD2);
            for (byte[] request : watch.requests) {
                String text = new String(request, StandardCharsets.ISO_8859_1);
                for (String s : secrets) {
                    assertThat(text).as("a callable sent to the agent").doesNotContain(s);
                }
            }
            String agentJvm = agent.getChannel().call(new AgentJvm());
            assertThat(agentJvm).doesNotContain("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "aws.secretAccessKey");
            for (String s : secrets) {
                assertThat(agentJvm).as("the agent's environment and system properties").doesNotContain(s);
            }
            assertThat(ws.child("out/big.bin").length()).isEqualTo(BIG);
            Fixtures.assertNoSecretAnywhere(r, log);
        }
    }

    /** Counts what crosses the agent's channel and keeps every request the controller sends (the serialized callable). */
    static final class ChannelWatch extends Channel.Listener {
        final AtomicLong read = new AtomicLong();
        final AtomicLong written = new AtomicLong();
        final List<byte[]> requests = Collections.synchronizedList(new ArrayList<>());
        final List<String> callableNames = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onRead(Channel channel, Command cmd, long blockSize) {
            read.addAndGet(blockSize);
        }

        @Override
        public void onWrite(Channel channel, Command cmd, long blockSize) {
            written.addAndGet(blockSize);
            if (cmd.getClass().getName().equals("hudson.remoting.UserRequest")) {
                try {
                    Field f = cmd.getClass().getDeclaredField("request");
                    f.setAccessible(true);
                    requests.add((byte[]) f.get(cmd));
                    callableNames.add(cmd.toString().replaceFirst("^UserRequest:", ""));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot read a remoting request: " + e, e);
                }
            }
        }
    }

    /** Runs on the agent: its environment and system properties, one per line. */
    static final class AgentJvm extends MasterToSlaveCallable<String, IOException> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call() {
            StringBuilder b = new StringBuilder();
            System.getenv().forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
            System.getProperties().forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
            return b.toString();
        }
    }
}
