package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.FilePath;
import hudson.ProxyConfiguration;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.model.TaskListener;
import hudson.slaves.DumbSlave;
import hudson.util.StreamTaskListener;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.RecordingProxy;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.steps.S3EncryptedPushStep;
import io.encsync.jenkins.support.TaskContext;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The controller's HTTP proxy configuration reaches the agent and its no-proxy list is honoured;
 * its password goes to agents only when an administrator allows it.
 */
@WithJenkins
class ProxyTest {
    private static final String PROXY_PASSWORD = "proxy-password-for-the-controller-only";

    /** Defect 1 as well: the proxy's refusal (an S3 error with an SDK cause) keeps its category. */
    @Test
    void jenkinsProxyIsUsedOnTheAgent(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  s3EncryptedPush(source: 'src', %s)
                }
                """.formatted(Fixtures.s3Args(bucket)));
        try (RecordingProxy proxy = new RecordingProxy()) {
            r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), null, null, ""));
            WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);
            assertThat(proxy.requests()).as("requests the agent sent through the Jenkins proxy").isNotEmpty();
            r.assertLogContains("[access, exit code 3]", refused);
            r.assertLogNotContains("ProxyException", refused);
            r.assertLogNotContains("\tat ", refused);
            Fixtures.assertNoSecretAnywhere(r, null);

            int seen = proxy.requests().size();
            r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), null, null, "127.0.0.1"));
            r.buildAndAssertSuccess(p);
            assertThat(proxy.requests()).as("no-proxy host bypasses the proxy").hasSize(seen);
        }
    }

    /** Defect 5: the proxy password is not part of what a task sends to an agent, unless allowed. */
    @Test
    void theProxyPasswordGoesToAgentsOnlyWhenAnAdministratorAllowsIt(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave();
        Folder folder = Fixtures.folder(r);
        FreeStyleProject job = folder.createProject(FreeStyleProject.class, "job");
        FreeStyleBuild run = r.buildAndAssertSuccess(job);
        r.jenkins.setProxy(new ProxyConfiguration("proxy.example.com", 3128, "ci-user", PROXY_PASSWORD, ""));
        FilePath onAgent = agent.getRootPath();
        S3EncryptedPushStep push = Fixtures.onMoto(new S3EncryptedPushStep("src", new S3Location("some-bucket"), new CryptRemote("pw")));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TaskListener listener = new StreamTaskListener(log, StandardCharsets.UTF_8);
        byte[] sentByDefault = serialized(push.createTask(new TaskContext(run, onAgent, listener, null)));
        assertThat(contains(sentByDefault, PROXY_PASSWORD)).as("the task for an agent holds the proxy password")
                .isFalse();
        assertThat(contains(sentByDefault, "ci-user")).as("but the proxy user").isTrue();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("password is not sent to agents");

        EncsyncConfiguration.get().setSendProxyPasswordToAgents(true);
        byte[] sentWhenAllowed = serialized(push.createTask(new TaskContext(run, onAgent, listener, null)));
        assertThat(contains(sentWhenAllowed, PROXY_PASSWORD)).isTrue();

        EncsyncConfiguration.get().setSendProxyPasswordToAgents(false);
        FilePath onController = new FilePath(r.jenkins.getRootDir());
        Fixtures.allowOnController(Fixtures.endpoint()); // the controller may contact moto for a job
        byte[] inController = serialized(push.createTask(new TaskContext(run, onController, listener, null)));
        assertThat(contains(inController, PROXY_PASSWORD)).as("in the controller nothing crosses a channel").isTrue();
    }

    private static byte[] serialized(AgentTask task) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        }
        return bytes.toByteArray();
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
