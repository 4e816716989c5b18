package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Label;
import hudson.remoting.Channel;
import hudson.slaves.DumbSlave;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue #18, defect 4: with a role credential the controller assumes the role and the agent gets
 * only the session (key, secret, token, expiry), never the long-term base key, which does not expire.
 */
@WithJenkins
class RoleSessionTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/ci-deploy";

    @Test
    void aRoleCredentialSendsTheAgentOnlyASessionAndThePushStillWorks(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave(Label.get(Fixtures.AGENT));
        Folder folder = Fixtures.folder(r);
        Fixtures.storeOf(folder).addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                "aws-role", Fixtures.KEY_ID, Fixtures.SECRET_KEY, "role", ROLE, null, "ext-4711"));
        Fixtures.allowOnController(Fixtures.endpoint());
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  def pushed = s3EncryptedPush(source: 'src', bucket: '%s', region: 'us-east-1', endpoint: '%s',
                      pathStyle: true, awsCredentialsId: 'aws-role', passwordCredentialsId: 'pw')
                  echo "pushed transferred=${pushed.transferred}"
                }
                """.formatted(bucket, Fixtures.endpoint()));
        ArtifactArchiveOnAgentTest.ChannelWatch watch = new ArtifactArchiveOnAgentTest.ChannelWatch();
        ((Channel) agent.getChannel()).addListener(watch);
        try (LogRecorder log = Fixtures.controllerLog()) {
            WorkflowRun b = r.buildAndAssertSuccess(p);

            r.assertLogContains("pushed transferred=1", b);
            assertThat(Fixtures.keys(bucket)).isNotEmpty();
            assertThat(watch.requests).as("callables sent to the agent").isNotEmpty();
            boolean sessionSent = false;
            for (byte[] request : watch.requests) {
                String text = new String(request, StandardCharsets.ISO_8859_1);
                assertThat(text).as("a callable sent to the agent holds the role's long-term base secret")
                        .doesNotContain(Fixtures.SECRET_KEY);
                sessionSent |= text.contains("ASIA"); // STS session key ids start with ASIA
            }
            assertThat(sessionSent).as("the agent got the session assumed on the controller").isTrue();
            r.assertLogContains(ROLE, b);
            Fixtures.assertNoSecretAnywhere(r, log);
        }
    }
}
