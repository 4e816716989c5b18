package io.encsync.core.aws;

import static io.encsync.core.task.TaskFixtures.crypt;
import static io.encsync.core.task.TaskFixtures.snapshot;
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
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.TaskResult;
import io.encsync.core.task.CancellationSignal;
import io.encsync.core.testing.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The controller turns a task's credential into a short-lived session limited to the task's
 * bucket and prefix, against moto's STS: what STS is asked for (recorded off the wire), what the
 * task then carries, and that the session pushes and pulls. moto answers GetFederationToken with
 * fixed example keys and, with authorization off, S3 accepts any key, so these tests prove the
 * request and the hand-over; {@link SessionScopeEnforcedTest} proves what the document allows.
 */
class ScopedSessionTest {
    /** Base keys unlike moto's fixed federation keys, so "no byte of the base key" means something. */
    private static final String KEY_ID = "AKIABASEKEY4SCOPING1";
    private static final String SECRET = "base+Secret/of+the+long+lived+user+key01";
    private static final String ROLE = "arn:aws:iam::123456789012:role/encsync-ci";

    @TempDir
    Path ws;
    private String bucket;
    private final List<String> log = new ArrayList<>();
    private final List<Map<String, String>> stsRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void createBucket() {
        bucket = "scoped-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = S3Client.builder().endpointOverride(MotoServer.shared().endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)))
                .build()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
    }

    private S3Access location(String prefix) {
        return new S3Access(S3Location.of(bucket, prefix), S3Settings.builder().region("us-east-1")
                .endpoint(MotoServer.shared().endpoint().toString()).pathStyle(true).build(), AwsAuth.defaultChain(), null);
    }

    private static AwsAuth keys() {
        return AwsAuth.staticKeys(KEY_ID, SecretBytes.utf8(SECRET), null);
    }

    /** STS clients like the production ones, whose form bodies are recorded as they leave. */
    private Function<S3Settings, StsClient> recordingSts() {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                // Query-protocol calls carry their form in the marshalled request, not in requestBody().
                ((SdkHttpFullRequest) context.httpRequest()).contentStreamProvider().ifPresent(body -> {
                    try (InputStream in = body.newStream()) {
                        stsRequests.add(form(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
        return settings -> StsClient.builder().endpointOverride(settings.endpoint().orElseThrow())
                .region(Region.US_EAST_1).credentialsProvider(settings.credentialsProvider().orElseThrow())
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder)).build();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private TaskResult run(AgentTask task) throws InterruptedException {
        return task.run(log::add, CancellationSignal.THREAD_INTERRUPT);
    }

    @Test
    void aUserKeyAsksForAFederationTokenCarryingTheSessionPolicyAndTheTaskCarriesOnlyTheToken() throws Exception {
        Instant before = Instant.now();
        ScopedSession.Issued issued = ScopedSession.issue(location("ci/nightly").withAuth(keys()), SessionPolicy.Access.PUSH, "jenkins-", "team-a/nightly", 1200, recordingSts());

        assertThat(stsRequests).hasSize(1);
        Map<String, String> request = stsRequests.get(0);
        assertThat(request).containsEntry("Action", "GetFederationToken").containsEntry("DurationSeconds", "1200")
                .containsEntry("Name", "jenkins-team-a-nightly")
                .containsEntry("Policy", SessionPolicy.of(location("ci/nightly"), SessionPolicy.Access.PUSH).json());
        assertThat(request.get("Policy")).contains("\"arn:aws:s3:::" + bucket + "\"",
                "\"arn:aws:s3:::" + bucket + "/ci/nightly/*\"", "\"s3:prefix\":\"ci/nightly/*\"");

        assertThat(issued.kind()).isEqualTo(ScopedSession.Kind.SCOPED_FEDERATION_TOKEN);
        assertThat(issued.scoped()).isTrue();
        AwsAuth session = issued.auth();
        assertThat(session.accessKeyId()).hasValueSatisfying(id -> assertThat(id).isNotEqualTo(KEY_ID));
        assertThat(session.sessionToken()).isPresent();
        assertThat(session.expires()).hasValueSatisfying(t -> assertThat(t)
                .isBetween(before.plus(Duration.ofMinutes(19)), Instant.now().plus(Duration.ofMinutes(21))));
        String wire = TaskFixtures.utf8(TaskFixtures.serialize(new PushTask(ws.toString(), "src",
                location("ci/nightly").withAuth(session), crypt(), SyncOptions.builder().build())));
        TaskFixtures.assertNoSecret(wire, SECRET, KEY_ID);
        assertThat(issued.describe()).hasValueSatisfying(line -> assertThat(line)
                .contains("limited to s3://" + bucket + "/ci/nightly/ (read and write)", "valid until")
                .doesNotContain(SECRET));
    }

    @Test
    void theFederationTokenPushesAndPulls() throws Exception {
        writeTree(ws.resolve("src"));
        AwsAuth push = ScopedSession.issue(location("ci").withAuth(keys()), SessionPolicy.Access.PUSH, "jenkins-", "x", 0).auth();
        TaskResult pushed = run(new PushTask(ws.toString(), "src", location("ci").withAuth(push), crypt(),
                SyncOptions.builder().build()));
        assertThat(pushed.toMap()).containsEntry("transferred", 4L);

        AwsAuth pull = ScopedSession.issue(location("ci").withAuth(keys()), SessionPolicy.Access.READ, "jenkins-", "x", 0).auth();
        run(new PullTask(ws.toString(), "restored", location("ci").withAuth(pull), crypt(),
                SyncOptions.builder().build()));
        assertThat(snapshot(ws.resolve("restored"))).isEqualTo(snapshot(ws.resolve("src")));
        assertThat(String.join("\n", log)).doesNotContain(SECRET);
    }

    @Test
    void aRoleIsAssumedWithTheSessionPolicyAndItsSessionPushes() throws Exception {
        AwsAuth role = keys().assumingRole(ROLE, "ext-1", "jenkins-team-a", 900);
        ScopedSession.Issued issued = ScopedSession.issue(location("team-a").withAuth(role), SessionPolicy.Access.PUSH,
                "jenkins-", "ignored-for-a-role", 0, recordingSts());

        assertThat(stsRequests).singleElement().satisfies(r -> assertThat(r).containsEntry("Action", "AssumeRole")
                .containsEntry("RoleArn", ROLE).containsEntry("RoleSessionName", "jenkins-team-a")
                .containsEntry("ExternalId", "ext-1").containsEntry("DurationSeconds", "900")
                .containsEntry("Policy", SessionPolicy.of(location("team-a"), SessionPolicy.Access.PUSH).json()));
        assertThat(issued.kind()).isEqualTo(ScopedSession.Kind.SCOPED_ROLE_SESSION);
        assertThat(issued.auth().assumesRoleWithKeys()).isFalse();
        assertThat(issued.auth().accessKeyId()).hasValueSatisfying(id -> assertThat(id).startsWith("ASIA"));

        writeTree(ws.resolve("src"));
        PushTask task = new PushTask(ws.toString(), "src", location("team-a").withAuth(issued.auth()), crypt(),
                SyncOptions.builder().build());
        TaskFixtures.assertNoSecret(TaskFixtures.utf8(TaskFixtures.serialize(task)), SECRET, KEY_ID);
        assertThat(run(task).toMap()).containsEntry("transferred", 4L);
    }

    @Test
    void aPolicyTooLongForStsLeavesTheUserKeyAndSaysWhy() {
        S3Access deep = location("x".repeat(1100));
        ScopedSession.Issued issued = ScopedSession.issue(deep.withAuth(keys()), SessionPolicy.Access.PUSH, "jenkins-", "j", 0,
                recordingSts());
        assertThat(stsRequests).isEmpty();
        assertThat(issued.kind()).isEqualTo(ScopedSession.Kind.LONG_LIVED_KEY);
        assertThat(issued.describe()).hasValueSatisfying(line -> assertThat(line)
                .contains("long-lived access key " + KEY_ID, "longer than STS's 2048 characters"));
    }

    @Test
    void temporaryKeysAndTheDefaultChainAreNotSentToSts() {
        AwsAuth temporary = AwsAuth.staticKeys("ASIATEMPORARYKEY0001", SecretBytes.utf8(SECRET), SecretBytes.utf8("tok"));
        ScopedSession.Issued t = ScopedSession.issue(location("ci").withAuth(temporary), SessionPolicy.Access.READ, "jenkins-", "j", 0,
                recordingSts());
        assertThat(t.kind()).isEqualTo(ScopedSession.Kind.UNSCOPED_TEMPORARY_KEY);
        assertThat(t.auth()).isSameAs(temporary);
        assertThat(t.describe()).hasValueSatisfying(line -> assertThat(line).contains("not limited to s3://",
                "STS narrows only long-term keys and roles"));

        ScopedSession.Issued own = ScopedSession.issue(location("ci").withAuth(AwsAuth.defaultChain()), SessionPolicy.Access.READ, "jenkins-", "j", 0, recordingSts());
        assertThat(own.kind()).isEqualTo(ScopedSession.Kind.OWN_IDENTITY);
        assertThat(own.describe()).isEmpty();
        assertThat(stsRequests).isEmpty();
    }

    @Test
    void anUnreachableStsLeavesTheUserKeyAndSaysSoInOneLine() {
        S3Access nowhere = new S3Access(S3Location.of("b-1", ""), S3Settings.builder().region("us-east-1")
                .endpoint("http://127.0.0.1:9").pathStyle(true).build(), AwsAuth.defaultChain(), null);
        ScopedSession.Issued issued = ScopedSession.issue(nowhere.withAuth(keys()), SessionPolicy.Access.READ, "jenkins-", "j", 0,
                s -> StsClient.builder().endpointOverride(URI.create("http://127.0.0.1:9")).region(Region.US_EAST_1)
                        .credentialsProvider(s.credentialsProvider().orElseThrow())
                        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build());
        assertThat(issued.kind()).isEqualTo(ScopedSession.Kind.LONG_LIVED_KEY);
        assertThat(issued.auth().accessKeyId()).hasValue(KEY_ID);
        assertThat(issued.describe()).hasValueSatisfying(line -> assertThat(line).doesNotContain("\n")
                .contains("STS did not answer GetFederationToken", "sts:GetFederationToken").doesNotContain(SECRET));
    }

    @Test
    void withoutStsTheUserKeyTravelsWithTheCallersReasonButARoleNever() {
        ScopedSession.Issued issued = ScopedSession.withoutSts(location("ci").withAuth(keys()), SessionPolicy.Access.PUSH,
                "the controller may not contact this endpoint");
        assertThat(issued.kind()).isEqualTo(ScopedSession.Kind.LONG_LIVED_KEY);
        assertThat(issued.describe()).hasValueSatisfying(line -> assertThat(line)
                .contains("long-lived access key " + KEY_ID, "the controller may not contact this endpoint"));
        assertThatThrownBy(() -> ScopedSession.withoutSts(location("ci").withAuth(keys().assumingRole(ROLE, null, null, 0)), SessionPolicy.Access.PUSH, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSessionDurationOutsideStsLimitsIsAUsageError() {
        assertThatThrownBy(() -> ScopedSession.issue(location("ci").withAuth(keys()), SessionPolicy.Access.READ, "jenkins-", "j", 600))
                .hasMessageContaining("900-43200 seconds");
        assertThat(ScopedSession.federatedName("jenkins-", "folder a/folder b/a-very-long-job-name"))
                .as("the prefix stays, so the user's permission can name federated-user/jenkins-*")
                .hasSize(32).startsWith("jenkins-").endsWith("b-a-very-long-job-name");
        assertThat(ScopedSession.federatedName("jenkins-", "team a/%2Fnightly")).isEqualTo("jenkins-team-a-2Fnightly");
        assertThat(ScopedSession.federatedName("", "x")).isEqualTo("encsync");
    }
}
