package io.encsync.core.aws;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.store.s3.S3Clients;
import io.encsync.core.store.s3.S3Errors;
import io.encsync.core.store.s3.S3Settings;
import java.util.function.Function;
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
        return auth.assumesRoleWithKeys() ? assume(auth, address, proxy, null, S3Clients::sts) : auth;
    }

    /**
     * Assumes {@code auth}'s role with its base keys, with the session policy {@code policyJson}
     * (null: none) narrowing what the session may do; STS is made by {@code stsClients}.
     */
    static AwsAuth assume(AwsAuth auth, S3Settings address, ProxySettings proxy, String policyJson,
            Function<S3Settings, StsClient> stsClients) {
        String role = auth.roleArn().orElseThrow();
        try (AgentCredentials baseKeys = baseKeys(auth, address);
                StsClient sts = stsClients.apply(baseKeySettings(address, proxy, baseKeys).build())) {
            AssumeRoleRequest.Builder request = AssumeRoleRequest.builder().roleArn(role)
                    .roleSessionName(auth.roleSessionName()).durationSeconds(auth.sessionSeconds());
            auth.externalId().ifPresent(request::externalId);
            if (policyJson != null) {
                request.policy(policyJson);
            }
            return session(sts.assumeRole(request.build()).credentials(), role, "AssumeRole for " + role);
        } catch (SdkException e) {
            EncsyncException mapped = S3Errors.map(e, "sts:AssumeRole", role);
            throw new EncsyncException(mapped.category(), "the controller could not assume role " + role + " with"
                    + " access key " + auth.accessKeyId().orElseThrow() + ": " + mapped.getMessage()
                    + " — check the credential's keys, external id and the role's trust policy and maximum session"
                    + " duration", e);
        }
    }

    /** Credentials of {@code auth}'s base keys only (AgentCredentials.of would assume the role itself); close them. */
    static AgentCredentials baseKeys(AwsAuth auth, S3Settings address) {
        AwsAuth base = AwsAuth.staticKeys(auth.accessKeyId().orElseThrow(), auth.secretKey().orElseThrow(),
                auth.sessionToken().orElse(null));
        return AgentCredentials.of(base, address);
    }

    /** {@code address} through {@code proxy}, signed by {@code keys}: how STS is reached from here. */
    static S3Settings.Builder baseKeySettings(S3Settings address, ProxySettings proxy, AgentCredentials keys) {
        S3Settings.Builder settings = address.toBuilder();
        if (proxy != null) {
            proxy.forTarget(address.endpoint()).ifPresent(settings::proxy);
        }
        return settings.credentialsProvider(keys);
    }

    /** STS's answer {@code c} to {@code call} as credentials that may travel; {@code of} names whose session it is. */
    static AwsAuth session(Credentials c, String of, String call) {
        if (c == null || c.accessKeyId() == null || c.secretAccessKey() == null || c.sessionToken() == null
                || c.expiration() == null) {
            throw new EncsyncException(ErrorCategory.REMOTE, "STS answered " + call
                    + " without complete session credentials — check the endpoint; run again");
        }
        try (SecretBytes secret = SecretBytes.utf8(c.secretAccessKey());
                SecretBytes token = SecretBytes.utf8(c.sessionToken())) {
            return AwsAuth.session(c.accessKeyId(), secret, token, of, c.expiration());
        }
    }
}
