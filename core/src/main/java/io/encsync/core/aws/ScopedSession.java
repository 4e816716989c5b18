package io.encsync.core.aws;

import io.encsync.core.store.s3.S3Clients;
import io.encsync.core.store.s3.S3Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetFederationTokenResponse;

/**
 * Turns a task's AWS credential, in the JVM that holds it (the Jenkins controller), into what may
 * travel to the JVM that runs the task (an agent): where STS allows it, a session that ends after
 * a set time and reaches only the task's bucket and prefix with only the actions the task needs
 * ({@link SessionPolicy}).
 *
 * <ul>
 *   <li>A role after static keys: AssumeRole with the session policy ({@code Policy}). Nothing
 *       more is asked of the base keys than AssumeRole already needs, so there is no fallback: a
 *       refusal fails as {@link RoleSession#assume} does.
 *   <li>Static keys of an IAM user: GetFederationToken with the session policy. The user needs
 *       {@code sts:GetFederationToken}; where STS refuses (AccessDenied, a server without STS, an
 *       endpoint that does not answer) the task gets the keys themselves, as before, and
 *       {@link Issued#describe()} says so in one line.
 *   <li>Keys that are themselves temporary (they carry a session token): STS cannot narrow them
 *       without a role (GetFederationToken needs long-term keys), so they travel unchanged.
 *   <li>The default chain (with or without a role): the task's own JVM uses its own identity;
 *       nothing of the controller's travels, nothing to narrow here.
 * </ul>
 *
 * <p>STS is reached as the task reaches S3: the location's region, its endpoint and the proxy.
 */
public final class ScopedSession {
    /** GetFederationToken's and AssumeRole's shortest session: 15 minutes. */
    public static final int MIN_SECONDS = 900;
    /** GetFederationToken's Name: 2-32 characters of these. */
    private static final int FEDERATED_NAME_MAX = 32;
    private static final int FEDERATION_ATTEMPTS = 3;
    private static final Duration FEDERATION_BUDGET = Duration.ofSeconds(30);

    /** How the credential that travels came about. */
    public enum Kind {
        /** A role session with the session policy. */
        SCOPED_ROLE_SESSION(true),
        /** A federation token with the session policy. */
        SCOPED_FEDERATION_TOKEN(true),
        /** A role session without a policy: the policy would have been too long for STS. */
        UNSCOPED_ROLE_SESSION(false),
        /** The base keys themselves: STS refused or could not be reached. */
        LONG_LIVED_KEY(false),
        /** The credential's own temporary keys, which STS cannot narrow without a role. */
        UNSCOPED_TEMPORARY_KEY(false),
        /** Nothing travels: the task's JVM uses its own identity (default credential chain). */
        OWN_IDENTITY(false);

        private final boolean scoped;

        Kind(boolean scoped) {
            this.scoped = scoped;
        }
    }

    /** The credential for the task, how it came about, and, when it is not narrowed, why. */
    public static final class Issued {
        private final AwsAuth auth;
        private final Kind kind;
        private final SessionPolicy policy;
        private final String reason;

        Issued(AwsAuth auth, Kind kind, SessionPolicy policy, String reason) {
            this.auth = auth;
            this.kind = kind;
            this.policy = policy;
            this.reason = reason;
        }

        /** What the task carries. */
        public AwsAuth auth() {
            return auth;
        }

        public Kind kind() {
            return kind;
        }

        /** Whether the task's credential is a session limited to {@link SessionPolicy#scope()}. */
        public boolean scoped() {
            return kind.scoped;
        }

        public SessionPolicy policy() {
            return policy;
        }

        /** Why the credential is not narrowed (the STS error code, a too long prefix); empty when it is. */
        public Optional<String> reason() {
            return Optional.ofNullable(reason);
        }

        /** When the session ends; empty for the base keys and the default chain. */
        public Optional<Instant> expires() {
            return auth.expires();
        }

        /**
         * One line for the log, without secrets: what the task's JVM got and what it reaches; empty
         * for {@link Kind#OWN_IDENTITY}, where nothing is handed over.
         */
        public Optional<String> describe() {
            String key = auth.accessKeyId().orElse("?");
            return Optional.ofNullable(switch (kind) {
                case SCOPED_ROLE_SESSION, SCOPED_FEDERATION_TOKEN -> "the task got session " + key + ", limited to "
                        + policy.scope() + " and valid until " + auth.expires().map(Object::toString).orElse("?");
                case UNSCOPED_ROLE_SESSION -> "the task got session " + key + " of the role, valid until "
                        + auth.expires().map(Object::toString).orElse("?") + " but not limited to " + policy.scope()
                        + ": " + reason;
                case LONG_LIVED_KEY -> "the task got the long-lived access key " + key + ", which reaches all the key"
                        + " may, not only " + policy.scope() + ": " + reason + " — allow the key sts:GetFederationToken,"
                        + " or use a role, to hand out a short-lived key for this prefix only";
                case UNSCOPED_TEMPORARY_KEY -> "the task got the credential's own temporary key " + key + ", not limited"
                        + " to " + policy.scope() + ": " + reason;
                case OWN_IDENTITY -> null;
            });
        }

        @Override
        public String toString() {
            return kind + " " + auth;
        }
    }

    private static final String TEMPORARY_KEY = "STS narrows only long-term keys and roles";

    private ScopedSession() {
    }

    /**
     * What travels when STS must not be asked ({@code reason}, e.g. the controller may not contact
     * the endpoint): the credential itself, said as {@link #issue} would say it. Not for a role
     * with keys, whose base keys must never travel: that is an error for the caller to report.
     */
    public static Issued withoutSts(S3Access target, SessionPolicy.Access access, String reason) {
        AwsAuth auth = target.auth();
        if (auth.assumesRoleWithKeys()) {
            throw new IllegalArgumentException("a role's base keys never travel: assume it or fail");
        }
        SessionPolicy policy = SessionPolicy.of(target, access);
        if (auth.usesDefaultChain()) {
            return new Issued(auth, Kind.OWN_IDENTITY, policy, null);
        }
        return auth.sessionToken().isPresent() ? new Issued(auth, Kind.UNSCOPED_TEMPORARY_KEY, policy, TEMPORARY_KEY)
                : new Issued(auth, Kind.LONG_LIVED_KEY, policy, Objects.requireNonNull(reason, "reason"));
    }

    /**
     * What a task on {@code location} doing {@code access} should carry to another JVM.
     *
     * @param namePrefix a federation token's name starts with this ({@code jenkins-}), so that the
     *                   user's permission can be limited to {@code federated-user/jenkins-*}
     * @param owner      who acts, for CloudTrail (a job's full name), clipped to fit 32 characters
     *                   with the prefix; a role credential's own session name wins for a role
     * @param seconds    a federation token's duration, 900-43200 (0 for the default); a role's
     *                   session lasts what its credential says
     */
    public static Issued issue(S3Access target, SessionPolicy.Access access, String namePrefix, String owner,
            int seconds) {
        return issue(target, access, namePrefix, owner, seconds, S3Clients::sts);
    }

    /** As above, with the STS client made by {@code stsClients} (tests record the requests). */
    static Issued issue(S3Access target, SessionPolicy.Access access, String namePrefix, String owner, int seconds,
            Function<S3Settings, StsClient> stsClients) {
        AwsAuth auth = target.auth();
        SessionPolicy policy = SessionPolicy.of(target, access);
        int duration = AwsAuth.checkedSessionSeconds(seconds);
        if (auth.usesDefaultChain()) {
            return new Issued(auth, Kind.OWN_IDENTITY, policy, null);
        }
        if (auth.assumesRoleWithKeys()) {
            return roleSession(target, policy, stsClients);
        }
        if (auth.sessionToken().isPresent()) {
            return new Issued(auth, Kind.UNSCOPED_TEMPORARY_KEY, policy, TEMPORARY_KEY);
        }
        if (!policy.fitsInline()) {
            return new Issued(auth, Kind.LONG_LIVED_KEY, policy, "the prefix makes the session policy longer than"
                    + " STS's " + SessionPolicy.MAX_LENGTH + " characters");
        }
        return federationToken(target, policy, federatedName(namePrefix, owner), duration, stsClients);
    }

    private static Issued roleSession(S3Access target, SessionPolicy policy,
            Function<S3Settings, StsClient> stsClients) {
        boolean inline = policy.fitsInline();
        AwsAuth session = RoleSession.assume(target.auth(), target.settings(), target.proxy().orElse(null),
                inline ? policy.json() : null, stsClients);
        return inline ? new Issued(session, Kind.SCOPED_ROLE_SESSION, policy, null)
                : new Issued(session, Kind.UNSCOPED_ROLE_SESSION, policy, "the prefix makes the session policy"
                        + " longer than STS's " + SessionPolicy.MAX_LENGTH + " characters");
    }

    private static Issued federationToken(S3Access target, SessionPolicy policy, String name, int duration,
            Function<S3Settings, StsClient> stsClients) {
        AwsAuth auth = target.auth();
        GetFederationTokenResponse response;
        // Brief: a server without STS (many S3-compatible ones) must not hold the build up for the
        // S3 retry budget before the fallback, which worked without STS before.
        try (AgentCredentials baseKeys = RoleSession.baseKeys(auth, target.settings());
                StsClient sts = stsClients.apply(RoleSession.baseKeySettings(target.settings(), null, baseKeys)
                        .maxAttempts(FEDERATION_ATTEMPTS).totalRetryBudget(FEDERATION_BUDGET).build())) {
            response = sts.getFederationToken(r -> r.name(name).policy(policy.json()).durationSeconds(duration));
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String why = code != null ? code : e.statusCode() == 403 ? "HTTP 403, access denied" : "HTTP " + e.statusCode();
            return new Issued(auth, Kind.LONG_LIVED_KEY, policy, "STS refused GetFederationToken (" + why + ")");
        } catch (SdkException e) {
            return new Issued(auth, Kind.LONG_LIVED_KEY, policy, "STS did not answer GetFederationToken ("
                    + firstLine(e.getMessage()) + ")");
        }
        String user = response.federatedUser() == null || response.federatedUser().arn() == null
                ? "federated user " + name : response.federatedUser().arn();
        return new Issued(RoleSession.session(response.credentials(), user, "GetFederationToken"), Kind.SCOPED_FEDERATION_TOKEN,
                policy, null);
    }

    /**
     * GetFederationToken's Name: {@code prefix} and {@code owner}, every run of characters outside
     * {@code [\w+=,.@-]} as one {@code -}; an owner too long for the 32 characters keeps its end
     * (the job, the most specific part), the prefix always stays.
     */
    static String federatedName(String prefix, String owner) {
        String p = clean(prefix);
        String o = clean(owner);
        if (p.length() >= FEDERATED_NAME_MAX) {
            return p.substring(0, FEDERATED_NAME_MAX);
        }
        int room = FEDERATED_NAME_MAX - p.length();
        String n = p + (o.length() > room ? o.substring(o.length() - room) : o);
        return n.length() < 2 ? "encsync" : n;
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("[^\\w+=,.@-]+", "-");
    }

    private static String firstLine(String s) {
        String t = String.valueOf(s).strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
