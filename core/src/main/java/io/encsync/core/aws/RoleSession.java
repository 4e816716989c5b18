package io.encsync.core.aws;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.s3.S3Clients;
import io.encsync.core.store.s3.S3Errors;
import io.encsync.core.store.s3.S3Settings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Assumes a role in the JVM that holds the base keys (the Jenkins controller), so that a task
 * sent to another JVM (an agent) carries only the session: a temporary key, secret and token that
 * end after the session's duration. The base keys never expire; an agent that got them could use
 * them for ever, and anyone who controls an agent would.
 *
 * <p>The cost: the agent cannot renew the session, so a task that outlives it fails with S3's
 * {@code ExpiredToken}. The duration is the caller's (an administrator's setting), 900-43200 s and
 * at most the role's own maximum session duration.
 *
 * <p>STS is reached as the task would reach S3: the settings' region, their endpoint (an
 * S3-compatible server or emulator serves STS at the same address) and the proxy.
 */
public final class RoleSession {
    private RoleSession() {
    }

    /**
     * {@code auth} as it may travel: its role assumed here when that needs its base keys
     * ({@link AwsAuth#assumesRoleWithKeys()}), else {@code auth} itself (no role, or a role the
     * task's own JVM assumes with its own identity).
     */
    public static AwsAuth assume(AwsAuth auth, S3Settings address, ProxySettings proxy) {
        if (!auth.assumesRoleWithKeys()) {
            return auth;
        }
        String role = auth.roleArn().orElseThrow();
        S3Settings.Builder settings = address.toBuilder();
        if (proxy != null) {
            proxy.forTarget(address.endpoint()).ifPresent(settings::proxy);
        }
        // The base keys only: AgentCredentials.of would assume the role itself.
        AwsAuth base = AwsAuth.staticKeys(auth.accessKeyId().orElseThrow(), auth.secretKey().orElseThrow(),
                auth.sessionToken().orElse(null));
        try (AgentCredentials baseKeys = AgentCredentials.of(base, settings.build());
                StsClient sts = S3Clients.sts(settings.credentialsProvider(baseKeys).build())) {
            AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(role)
                    .roleSessionName(auth.roleSessionName()).durationSeconds(auth.sessionSeconds());
            auth.externalId().ifPresent(request::externalId);
            Credentials c = sts.assumeRole(request.build()).credentials();
            if (c == null || c.accessKeyId() == null || c.secretAccessKey() == null || c.sessionToken() == null
                    || c.expiration() == null) {
                throw new EncsyncException(ErrorCategory.REMOTE, "STS answered AssumeRole for " + role
                        + " without complete session credentials — check the endpoint; run again");
            }
            try (SecretBytes secret = SecretBytes.utf8(c.secretAccessKey());
                    SecretBytes token = SecretBytes.utf8(c.sessionToken())) {
                return AwsAuth.session(c.accessKeyId(), secret, token, role, c.expiration());
            }
        } catch (SdkException e) {
            EncsyncException mapped = S3Errors.map(e, "sts:AssumeRole", role);
            throw new EncsyncException(mapped.category(), "the controller could not assume role " + role + " with"
                    + " access key " + auth.accessKeyId().orElseThrow() + ": " + mapped.getMessage()
                    + " — check the credential's keys, external id and the role's trust policy and maximum session"
                    + " duration", e);
        }
    }
}
