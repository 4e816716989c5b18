package io.encsync.core.aws;

import io.encsync.core.store.s3.S3Clients;
import io.encsync.core.store.s3.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Turns an {@link AwsAuth} into an SDK credentials provider inside the JVM that runs the task,
 * and owns what that needs (an STS client for role sessions). Close it after the task.
 *
 * <p>With a role, {@code StsAssumeRoleCredentialsProvider} assumes it once and renews the session
 * in the background before it expires, so transfers longer than one session still succeed. That
 * happens only where the base keys may be: in the JVM that holds them (the controller), or with
 * the running JVM's own identity (the default chain). A task for an agent carries the session
 * the controller assumed instead ({@link RoleSession}), which is static keys here.
 */
public final class AgentCredentials implements AwsCredentialsProvider, AutoCloseable {
    private final AwsCredentialsProvider provider;
    private final AutoCloseable[] owned;

    private AgentCredentials(AwsCredentialsProvider provider, AutoCloseable... owned) {
        this.provider = provider;
        this.owned = owned;
    }

    /**
     * Credentials for {@code auth}. With a role, STS is reached with {@code settings}' region,
     * endpoint (an S3-compatible server or emulator serves STS at the same address) and proxy.
     */
    public static AgentCredentials of(AwsAuth auth, S3Settings settings) {
        AwsCredentialsProvider base = auth.usesDefaultChain() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(staticCredentials(auth));
        if (auth.roleArn().isEmpty()) {
            return new AgentCredentials(base);
        }
        StsClient client = S3Clients.sts(settings.toBuilder().credentialsProvider(base).build());
        StsAssumeRoleCredentialsProvider roleProvider = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(client)
                .asyncCredentialUpdateEnabled(true)
                .refreshRequest(r -> {
                    r.roleArn(auth.roleArn().orElseThrow()).roleSessionName(auth.roleSessionName())
                            .durationSeconds(auth.sessionSeconds());
                    auth.externalId().ifPresent(r::externalId);
                })
                .build();
        return new AgentCredentials(roleProvider, roleProvider, client);
    }

    private static AwsCredentials staticCredentials(AwsAuth auth) {
        String id = auth.accessKeyId().orElseThrow();
        String secret = auth.secretKey().orElseThrow().revealUtf8();
        return auth.sessionToken()
                .<AwsCredentials>map(t -> AwsSessionCredentials.create(id, secret, t.revealUtf8()))
                .orElseGet(() -> AwsBasicCredentials.create(id, secret));
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return provider.resolveCredentials();
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                // Closing a credentials provider only stops its refresh thread; nothing to report.
            }
        }
    }
}
