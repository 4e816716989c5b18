package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Label;
import hudson.remoting.Channel;
import hudson.slaves.DumbSlave;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.S3Access;
import io.encsync.core.aws.SessionPolicy;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.testing.MotoServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue #21, item 2: for a push or pull on an agent the controller asks STS for a short-lived
 * session limited to the step's bucket and prefix, and the agent's callables carry only that
 * session; where STS refuses, the agent gets the user's key and the build log says so in one line.
 */
@WithJenkins
class ScopedCredentialsTest {
    private static final String BASE_KEY_ID = "AKIASCOPEDBASEKEY001";
    private static final String BASE_SECRET = "scoped+base/secret+never+on+an+agent+001";
    /** moto answers every GetFederationToken with AWS's documentation example key. */
    private static final String MOTO_FEDERATION_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String ROLE = "arn:aws:iam::123456789012:role/ci-scoped";

    private static String pushScript(String bucket, String endpoint, String prefix, String credential) {
        return """
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  def pushed = s3EncryptedPush(source: 'src', bucket: '%s', prefix: '%s', region: 'us-east-1',
                      endpoint: '%s', pathStyle: true, awsCredentialsId: '%s', passwordCredentialsId: 'pw')
                  echo "pushed transferred=${pushed.transferred}"
                }
                """.formatted(bucket, prefix, endpoint, credential);
    }

    /** The callables the controller sent to the agent while {@code build} ran, as text. */
    private static List<String> callables(ArtifactArchiveOnAgentTest.ChannelWatch watch) {
        List<String> out = new ArrayList<>();
        for (byte[] request : watch.requests) {
            out.add(new String(request, StandardCharsets.ISO_8859_1));
        }
        return out;
    }

    @Test
    void aUserKeySendsTheAgentOnlyAFederationTokenForThePrefixAndThePushWorks(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave(Label.get(Fixtures.AGENT));
        Folder folder = Fixtures.folder(r);
        Fixtures.storeOf(folder).addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                "aws-user", BASE_KEY_ID, BASE_SECRET, "an IAM user's key"));
        Fixtures.allowOnController(Fixtures.endpoint());
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", pushScript(bucket, Fixtures.endpoint(), "team-a", "aws-user"));
        ArtifactArchiveOnAgentTest.ChannelWatch watch = new ArtifactArchiveOnAgentTest.ChannelWatch();
        ((Channel) agent.getChannel()).addListener(watch);
        try (LogRecorder log = Fixtures.controllerLog()) {
            WorkflowRun b = r.buildAndAssertSuccess(p);

            r.assertLogContains("pushed transferred=1", b);
            r.assertLogContains("Got a short-lived key from STS for AWS access key " + BASE_KEY_ID
                    + "; the agent gets only that key, limited to s3://" + bucket + "/team-a/ (read and write)", b);
            assertThat(Fixtures.keys(bucket)).isNotEmpty().allMatch(k -> k.startsWith("team-a/"));
            List<String> sent = callables(watch);
            assertThat(sent).as("callables sent to the agent").isNotEmpty();
            for (String text : sent) {
                assertThat(text).as("a callable sent to the agent holds the user's long-term key")
                        .doesNotContain(BASE_SECRET).doesNotContain(BASE_KEY_ID);
            }
            assertThat(sent).as("the agent got the federation token").anyMatch(t -> t.contains(MOTO_FEDERATION_KEY_ID));
            Fixtures.assertNoSecretAnywhere(r, log, BASE_SECRET);
        }
    }

    @Test
    void aRoleIsAssumedWithASessionPolicyNamingExactlyTheBucketAndPrefix(JenkinsRule r) throws Exception {
        DumbSlave agent = r.createOnlineSlave(Label.get(Fixtures.AGENT));
        Folder folder = Fixtures.folder(r);
        Fixtures.storeOf(folder).addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                "aws-role", BASE_KEY_ID, BASE_SECRET, "role", ROLE, null, null));
        // A private moto: its state dump (data.json) then holds this test's requests only; the shared
        // server's dump grows with every class of the suite and once answered 500 while serializing it.
        try (MotoServer moto = MotoServer.start()) {
            String endpoint = moto.endpoint().toString();
            Fixtures.allowOnController(endpoint);
            String bucket = MotoServer.newBucket(moto.endpoint());
            WorkflowJob p = Fixtures.pipeline(folder, "p", pushScript(bucket, endpoint, "team-a/nightly", "aws-role"));
            ArtifactArchiveOnAgentTest.ChannelWatch watch = new ArtifactArchiveOnAgentTest.ChannelWatch();
            ((Channel) agent.getChannel()).addListener(watch);
            WorkflowRun b = r.buildAndAssertSuccess(p);

            r.assertLogContains("pushed transferred=1", b);
            r.assertLogContains("Assumed IAM role " + ROLE + " on the controller; the agent gets only its session,"
                    + " limited to s3://" + bucket + "/team-a/nightly/ (read and write)", b);
            // moto keeps what AssumeRole was asked for: the session policy, exactly.
            String expected = SessionPolicy.of(new S3Access(S3Location.of(bucket, "team-a/nightly"),
                    S3Settings.builder().region("us-east-1").build(), AwsAuth.defaultChain(), null),
                    SessionPolicy.Access.PUSH).json();
            List<String> policies = new ArrayList<>();
            JsonNode data = new ObjectMapper().readTree(URI.create(endpoint + "/moto-api/data.json").toURL());
            for (JsonNode role : data.path("sts").path("AssumedRole")) {
                if (role.path("policy").asText("").contains(bucket)) {
                    policies.add(role.path("policy").asText());
                }
            }
            assertThat(policies).containsExactly(expected);
            for (String text : callables(watch)) {
                assertThat(text).doesNotContain(BASE_SECRET).doesNotContain(BASE_KEY_ID);
            }
        }
    }

    @Test
    void whenStsRefusesTheAgentGetsTheUserKeyAndTheLogSaysSoInOneLine(JenkinsRule r) throws Exception {
        // A private moto with IAM authorization on: a user allowed S3 but not sts:GetFederationToken.
        try (MotoServer moto = MotoServer.start()) {
            String bucket = "no-sts-bucket";
            StaticCredentialsProvider bootstrap = StaticCredentialsProvider.create(AwsBasicCredentials.create("boot", "boot"));
            String keyId;
            String secret;
            try (IamClient iam = IamClient.builder().endpointOverride(moto.endpoint()).region(Region.AWS_GLOBAL)
                    .credentialsProvider(bootstrap).build();
                    S3Client s3 = S3Client.builder().endpointOverride(moto.endpoint()).forcePathStyle(true)
                            .region(Region.US_EAST_1).credentialsProvider(bootstrap).build()) {
                iam.createUser(u -> u.userName("ci-without-sts"));
                iam.putUserPolicy(u -> u.userName("ci-without-sts").policyName("s3").policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":"
                                + "[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]}]}"));
                var key = iam.createAccessKey(k -> k.userName("ci-without-sts")).accessKey();
                keyId = key.accessKeyId();
                secret = key.secretAccessKey();
                s3.createBucket(c -> c.bucket(bucket));
            }
            moto.enforceAuthorization(true);
            try {
                DumbSlave agent = r.createOnlineSlave(Label.get(Fixtures.AGENT));
                Folder folder = Fixtures.folder(r);
                Fixtures.storeOf(folder).addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                        "aws-no-sts", keyId, secret, "a user without STS"));
                Fixtures.allowOnController(moto.endpoint().toString());
                // The bucket root: moto's signature check fails on a listing with a prefix (getmoto/moto#5948).
                WorkflowJob p = Fixtures.pipeline(folder, "p", pushScript(bucket, moto.endpoint().toString(), "",
                        "aws-no-sts"));
                ArtifactArchiveOnAgentTest.ChannelWatch watch = new ArtifactArchiveOnAgentTest.ChannelWatch();
                ((Channel) agent.getChannel()).addListener(watch);
                WorkflowRun b = r.buildAndAssertSuccess(p);

                r.assertLogContains("pushed transferred=1", b);
                String line = b.getLog(1000).stream().filter(l -> l.contains("long-lived AWS access key")).findFirst()
                        .orElseThrow(() -> new AssertionError("no line about the long-lived key"));
                assertThat(line).startsWith("The agent gets the long-lived AWS access key " + keyId + ", which reaches"
                        + " everything the key may, not only the whole bucket s3://" + bucket + " (read and write):"
                        + " STS refused GetFederationToken (").contains("sts:GetFederationToken").doesNotContain(secret);
                assertThat(callables(watch)).as("today's behaviour: the agent got the user's key")
                        .anyMatch(t -> t.contains(keyId));
            } finally {
                moto.enforceAuthorization(false);
            }
        }
    }
}
