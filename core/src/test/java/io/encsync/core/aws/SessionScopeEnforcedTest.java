package io.encsync.core.aws;

import static io.encsync.core.task.TaskFixtures.crypt;
import static io.encsync.core.task.TaskFixtures.writeTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.sync.SyncOptions;
import io.encsync.core.task.PushTask;
import io.encsync.core.task.PullTask;
import io.encsync.core.task.TaskFixtures;
import io.encsync.core.task.TaskResult;
import io.encsync.core.task.CancellationSignal;
import io.encsync.core.testing.MotoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * On a private moto server with IAM authorization on (threat model §5.2).
 *
 * <p>moto 5.2.1 does not evaluate session policies: an assumed role's requests are checked against
 * the role's own policies only ({@code AssumedRoleAccessKey.collect_policies} in
 * {@code moto/iam/access_control.py}), and GetFederationToken stores no policy and answers with
 * fixed example keys that authorization then rejects as unknown. So the scope of the document is
 * proven here by making it the role's own policy, which moto does enforce: a session under it may
 * write under its prefix and is refused beside it. On AWS the same document as a session policy
 * narrows the base identity the same way (the session gets the intersection).
 *
 * <p>And the fallback: a user without {@code sts:GetFederationToken} is refused by STS, the task
 * keeps the user's key, the line says so, and the push still works.
 */
class SessionScopeEnforcedTest {
    private static final String BUCKET = "enforced-bucket";
    private static final String ROLE = "arn:aws:iam::123456789012:role/scoped-by-document";
    private static MotoServer moto;
    private static AwsAuth admin;
    private static AwsAuth userWithoutSts;

    @TempDir
    Path ws;

    @BeforeAll
    static void setUpThenEnforce() {
        moto = MotoServer.start();
        StaticCredentialsProvider bootstrap = StaticCredentialsProvider.create(AwsBasicCredentials.create("bootstrap", "bootstrap"));
        try (IamClient iam = IamClient.builder().endpointOverride(moto.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(bootstrap).build();
                S3Client s3 = s3(bootstrap.resolveCredentials())) {
            admin = user(iam, "admin", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\","
                    + "\"Resource\":\"*\"}]}");
            userWithoutSts = user(iam, "ci-without-sts", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                    + "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::" + BUCKET + "\",\"arn:aws:s3:::" + BUCKET + "/*\"]}]}");
            iam.createRole(r -> r.roleName("scoped-by-document").assumeRolePolicyDocument("{\"Version\":\"2012-10-17\","
                    + "\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}]}"));
            iam.putRolePolicy(r -> r.roleName("scoped-by-document").policyName("session-policy")
                    .policyDocument(SessionPolicy.of(location("team-a"), SessionPolicy.Access.PUSH).json()));
            s3.createBucket(r -> r.bucket(BUCKET));
        }
        moto.enforceAuthorization(true);
    }

    private static AwsAuth user(IamClient iam, String name, String policy) {
        iam.createUser(r -> r.userName(name));
        iam.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
        var key = iam.createAccessKey(r -> r.userName(name)).accessKey();
        return AwsAuth.staticKeys(key.accessKeyId(), SecretBytes.utf8(key.secretAccessKey()), null);
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.enforceAuthorization(false);
            moto.close();
        }
    }

    private static S3Access location(String prefix) {
        return new S3Access(S3Location.of(BUCKET, prefix), S3Settings.builder().region("us-east-1")
                .endpoint(moto.endpoint().toString()).pathStyle(true).build(), AwsAuth.defaultChain(), null);
    }

    private static S3Client s3(AwsCredentials credentials) {
        return S3Client.builder().endpointOverride(moto.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials)).build();
    }

    private static AwsCredentials credentials(AwsAuth session) {
        return AwsSessionCredentials.create(session.accessKeyId().orElseThrow(), session.secretKey().orElseThrow()
                .revealUtf8(), session.sessionToken().orElseThrow().revealUtf8());
    }

    @Test
    void underTheDocumentASessionWritesUnderItsPrefixAndIsRefusedBesideIt() {
        AwsAuth role = admin.assumingRole(ROLE, null, "jenkins-team-a", 900);
        ScopedSession.Issued issued = ScopedSession.issue(location("team-a").withAuth(role), SessionPolicy.Access.PUSH,
                "jenkins-", "team-a", 0);
        assertThat(issued.kind()).isEqualTo(ScopedSession.Kind.SCOPED_ROLE_SESSION);

        try (S3Client s3 = s3(credentials(issued.auth()))) {
            s3.putObject(r -> r.bucket(BUCKET).key("team-a/mine.bin"), RequestBody.fromString("ours"));
            assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("team-a/mine.bin")).asUtf8String()).isEqualTo("ours");
            s3.deleteObject(r -> r.bucket(BUCKET).key("team-a/mine.bin"));
            for (String beside : List.of("team-b/planted.bin", "team-ab/planted.bin", "team-a", "planted.bin")) {
                assertThatThrownBy(() -> s3.putObject(r -> r.bucket(BUCKET).key(beside), RequestBody.fromString("x")))
                        .as("a write to %s", beside).isInstanceOfSatisfying(AwsServiceException.class,
                                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"));
            }
        }
    }

    @Test
    void whenStsRefusesTheFederationTokenTheTaskKeepsTheUserKeySaysSoAndStillPushes() throws Exception {
        ScopedSession.Issued issued = ScopedSession.issue(location("").withAuth(userWithoutSts), SessionPolicy.Access.PUSH,
                "jenkins-", "team-a", 0);

        assertThat(issued.kind()).isEqualTo(ScopedSession.Kind.LONG_LIVED_KEY);
        assertThat(issued.auth()).isSameAs(userWithoutSts);
        // AWS answers with the code AccessDenied; moto's answer carries no code the Java SDK reads, only the 403.
        assertThat(issued.reason()).hasValueSatisfying(r -> assertThat(r)
                .matches("STS refused GetFederationToken \\((AccessDenied|HTTP 403, access denied)\\)"));
        assertThat(issued.describe()).hasValueSatisfying(line -> assertThat(line).doesNotContain("\n").contains(
                "long-lived access key " + userWithoutSts.accessKeyId().orElseThrow(),
                "not only the whole bucket s3://" + BUCKET, "STS refused GetFederationToken ("));

        // The bucket root: moto's signature check fails on a listing with a prefix (getmoto/moto#5948).
        writeTree(ws.resolve("src"));
        List<String> log = new ArrayList<>();
        TaskResult pushed = new PushTask(ws.toString(), "src", location("").withAuth(issued.auth()), crypt(),
                SyncOptions.builder().build()).run(log::add, CancellationSignal.THREAD_INTERRUPT);
        assertThat(pushed.toMap()).containsEntry("transferred", 4L);
    }
}
