package io.encsync.core.task;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Turns an {@link AwsAuth} into an SDK credentials provider inside the JVM that runs the task,
 * and owns what that needs (an STS client for role sessions). Close it after the task.
 *
 * <p>With a role, {@code StsAssumeRoleCredentialsProvider} assumes it once and renews the session
 * in the background before it expires, so transfers longer than one session still succeed.
 */
final class AgentCredentials implements AwsCredentialsProvider, AutoCloseable {
    private final AwsCredentialsProvider provider;
    private final AutoCloseable[] owned;

    private AgentCredentials(AwsCredentialsProvider provider, AutoCloseable... owned) {
        this.provider = provider;
        this.owned = owned;
    }

    static AgentCredentials of(AwsAuth auth, Optional<String> region, Optional<URI> endpoint, SdkHttpClient http) {
        AwsCredentialsProvider base = auth.usesDefaultChain() ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(staticCredentials(auth));
        if (auth.roleArn().isEmpty()) {
            return new AgentCredentials(base);
        }
        // An S3-compatible endpoint (or an emulator) usually serves STS at the same address.
        StsClientBuilder sts = StsClient.builder().credentialsProvider(base).httpClient(http)
                .region(Region.of(region.orElse("us-east-1")));
        endpoint.ifPresent(sts::endpointOverride);
        StsClient client = sts.build();
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
