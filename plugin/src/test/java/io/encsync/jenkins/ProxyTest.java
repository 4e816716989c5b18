package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.ProxyConfiguration;
import hudson.model.Label;
import hudson.model.Result;
import io.encsync.core.task.RecordingProxy;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The controller's HTTP proxy configuration reaches the agent; its no-proxy list is honoured. */
@WithJenkins
class ProxyTest {

    @Test
    void jenkinsProxyIsUsedOnTheAgent(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = folder.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  s3EncryptedPush(source: 'src', %s)
                }
                """.formatted(Fixtures.s3Args(bucket)), true));
        try (RecordingProxy proxy = new RecordingProxy()) {
            r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), null, null, ""));
            WorkflowRun refused = r.buildAndAssertStatus(Result.FAILURE, p);
            assertThat(proxy.requests()).as("requests the agent sent through the Jenkins proxy").isNotEmpty();
            Fixtures.assertNoSecretAnywhere(refused);

            int seen = proxy.requests().size();
            r.jenkins.setProxy(new ProxyConfiguration("127.0.0.1", proxy.port(), null, null, "127.0.0.1"));
            r.buildAndAssertSuccess(p);
            assertThat(proxy.requests()).as("no-proxy host bypasses the proxy").hasSize(seen);
        }
    }
}
