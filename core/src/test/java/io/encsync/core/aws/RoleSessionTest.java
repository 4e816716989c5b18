package io.encsync.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A role with static base keys is assumed where the keys are (the controller), and what may
 * travel to an agent is the session: against moto's STS.
 */
class RoleSessionTest {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String ROLE = "arn:aws:iam::123456789012:role/encsync-deploy";

    private static S3Settings moto() {
        return S3Settings.builder().region("us-east-1").endpoint(MotoServer.shared().endpoint().toString())
                .pathStyle(true).build();
    }

    private static AwsAuth keys() {
        return AwsAuth.staticKeys(KEY_ID, SecretBytes.utf8(SECRET), null);
    }

    private static String serialized(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theSessionHoldsNoByteOfTheBaseKeysAndEndsAfterTheDuration() throws Exception {
        AwsAuth role = keys().assumingRole(ROLE, "ext-4711", "jenkins-test", 1800);
        assertThat(role.assumesRoleWithKeys()).isTrue();
        Instant before = Instant.now();

        AwsAuth session = RoleSession.assume(role, moto(), null);

        assertThat(session.assumesRoleWithKeys()).isFalse();
        assertThat(session.roleArn()).as("nothing left to assume").isEmpty();
        assertThat(session.accessKeyId()).hasValueSatisfying(id -> assertThat(id).startsWith("ASIA"));
        assertThat(session.sessionToken()).isPresent();
        assertThat(session.expires()).hasValueSatisfying(t -> assertThat(t)
                .isBetween(before.plus(Duration.ofMinutes(29)), Instant.now().plus(Duration.ofMinutes(31))));
        assertThat(serialized(session)).doesNotContain(SECRET).doesNotContain(KEY_ID);
        assertThat(session.toString()).contains("of " + ROLE, "valid until").doesNotContain(SECRET);
    }

    @Test
    void theSessionWorksForATaskOnTheOtherSide() throws Exception {
        AwsAuth session = RoleSession.assume(keys().assumingRole(ROLE, null, null, 0), moto(), null);
        try (AgentCredentials c = AgentCredentials.of(session, moto())) {
            assertThat(c.resolveCredentials().accessKeyId()).isEqualTo(session.accessKeyId().orElseThrow());
        }
    }

    @Test
    void withoutARoleOrWithoutKeysNothingIsAssumedHere() {
        AwsAuth plain = keys();
        assertThat(RoleSession.assume(plain, moto(), null)).isSameAs(plain);
        AwsAuth ownIdentity = AwsAuth.defaultChain().assumingRole(ROLE, null, null, 0);
        assertThat(ownIdentity.assumesRoleWithKeys()).isFalse();
        assertThat(RoleSession.assume(ownIdentity, moto(), null)).as("the running JVM assumes it with its own identity")
                .isSameAs(ownIdentity);
    }

    @Test
    void anUnreachableStsIsAOneLineErrorNamingTheRoleAndNotTheSecret() {
        S3Settings nowhere = S3Settings.builder().region("us-east-1").endpoint("http://127.0.0.1:9")
                .pathStyle(true).build();
        AwsAuth role = keys().assumingRole(ROLE, null, null, 0);
        assertThatThrownBy(() -> RoleSession.assume(role, nowhere, ProxySettings.of("127.0.0.1", 9, null, null,
                List.of("127\\.0\\.0\\.1"))))
                .isInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.REMOTE))
                .hasMessageContaining("could not assume role " + ROLE).hasMessageNotContaining(SECRET);
    }
}
