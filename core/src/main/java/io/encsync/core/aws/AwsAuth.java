package io.encsync.core.aws;

import io.encsync.core.EncsyncException;
import io.encsync.core.LogText;
import io.encsync.core.keys.SecretBytes;
import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the task authenticates to AWS, as plain data that can travel to an agent: the default
 * credential chain of the JVM that runs the task, or static keys (optionally with a session
 * token), either of them optionally followed by assuming a role.
 *
 * <p>Where a role is assumed: in the JVM that holds the base keys. A role with static base keys
 * is assumed by the controller ({@link RoleSession#assume}) before a task goes to an agent, and
 * the agent gets only the session (key, secret, token and expiry): the base keys never expire,
 * a session does. Inside the controller's own JVM the SDK's {@code StsAssumeRoleCredentialsProvider}
 * assumes it and renews the session before it expires ({@link AgentCredentials}). A role after the
 * default chain is assumed where the task runs, with that JVM's own identity: no secret travels.
 *
 * <p>Secrets are {@link SecretBytes}; {@link #toString()} names the kind, the key id and the role.
 */
public final class AwsAuth implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_SESSION_SECONDS = 3600;
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
    /**
     * What S3-compatible servers use as access key ids: AWS's are 16-128 capital letters and digits,
     * MinIO's may be any text of 3 or more characters ({@code minioadmin}), R2's are lower-case hex.
     * So any visible ASCII, without the two characters that would break the SigV4 header's
     * {@code Credential=ID/date/region/service/aws4_request,} field.
     */
    private static final Pattern KEY_ID = Pattern.compile("[!-~&&[^/,]]{1,128}");
    /** AWS's rule for role session names (AssumeRole's RoleSessionName). */
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final int SESSION_NAME_MAX = 64;

    private final String accessKeyId;
    private final SecretBytes secretKey;
    private final SecretBytes sessionToken;
    private final String roleArn;
    private final String externalId;
    private final String roleSessionName;
    private final int sessionSeconds;
    /** For a session assumed elsewhere: the role it is of and when it ends (both null otherwise). */
    private final String sessionOf;
    private final Instant expires;

    private AwsAuth(String accessKeyId, SecretBytes secretKey, SecretBytes sessionToken, String roleArn,
            String externalId, String roleSessionName, int sessionSeconds) {
        this(accessKeyId, secretKey, sessionToken, roleArn, externalId, roleSessionName, sessionSeconds, null, null);
    }

    private AwsAuth(String accessKeyId, SecretBytes secretKey, SecretBytes sessionToken, String roleArn,
            String externalId, String roleSessionName, int sessionSeconds, String sessionOf, Instant expires) {
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
        this.sessionToken = sessionToken;
        this.roleArn = roleArn;
        this.externalId = externalId;
        this.roleSessionName = roleSessionName;
        this.sessionSeconds = sessionSeconds;
        this.sessionOf = sessionOf;
        this.expires = expires;
    }

    /** The default credential chain (environment, profile, instance role) of the JVM that runs the task. */
    public static AwsAuth defaultChain() {
        return new AwsAuth(null, null, null, null, null, null, 0);
    }

    /**
     * An access key and secret key, and a session token for temporary keys ({@code null} or empty
     * for none). The caller keeps ownership of the holders passed in.
     */
    public static AwsAuth staticKeys(String accessKeyId, SecretBytes secretKey, SecretBytes sessionToken) {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw EncsyncException.usage("AWS access key id must be set, was empty — check the credential's"
                    + " access key (or user name) field");
        }
        String id = accessKeyId.strip();
        if (!KEY_ID.matcher(id).matches()) {
            // Printing the value is fine only because it failed the key-id shape; a secret pasted
            // into the wrong field would still leak, so show just its length.
            throw EncsyncException.usage("AWS access key id must be 1-128 visible ASCII characters without"
                    + " spaces, '/' or ',' (like AKIAIOSFODNN7EXAMPLE or minioadmin), was " + id.length()
                    + " characters of something else");
        }
        if (secretKey == null || secretKey.isEmpty()) {
            throw EncsyncException.usage("AWS secret access key for " + id + " must be set, was empty");
        }
        SecretBytes token = sessionToken == null || sessionToken.isEmpty() ? null : copy(sessionToken);
        return new AwsAuth(id, copy(secretKey), token, null, null, null, 0);
    }

    private static SecretBytes copy(SecretBytes s) {
        byte[] raw = s.reveal();
        try {
            return SecretBytes.copyOf(raw);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * A role session assumed elsewhere (by the controller): its temporary keys, which end at
     * {@code expires}. The caller keeps ownership of the holders passed in.
     */
    static AwsAuth session(String accessKeyId, SecretBytes secretKey, SecretBytes sessionToken, String roleArn,
            Instant expires) {
        if (sessionToken == null || sessionToken.isEmpty()) {
            throw new IllegalArgumentException("a role session has a session token");
        }
        AwsAuth keys = staticKeys(accessKeyId, secretKey, sessionToken);
        return new AwsAuth(keys.accessKeyId, keys.secretKey, keys.sessionToken, null, null, null, 0,
                Objects.requireNonNull(roleArn, "roleArn"), Objects.requireNonNull(expires, "expires"));
    }

    /**
     * These credentials, used to assume {@code roleArn} for sessions of {@code sessionSeconds}
     * (900-43200; 0 for the default of 3600). {@code externalId} and {@code sessionName} are optional.
     */
    public AwsAuth assumingRole(String roleArn, String externalId, String sessionName, int sessionSeconds) {
        if (roleArn == null || !ROLE_ARN.matcher(roleArn.strip()).matches()) {
            throw EncsyncException.usage("role ARN must look like arn:aws:iam::123456789012:role/name, was '"
                    + LogText.escape(String.valueOf(roleArn)) + "'");
        }
        int seconds = checkedSessionSeconds(sessionSeconds);
        String name = sessionName == null || sessionName.isBlank() ? "encsync" : sessionName.strip();
        if (!SESSION_NAME.matcher(name).matches()) {
            throw EncsyncException.usage("role session name must be 2-64 characters of letters, digits and"
                    + " +=,.@-_, was '" + LogText.escape(name) + "'");
        }
        String ext = externalId == null || externalId.isBlank() ? null : externalId.strip();
        return new AwsAuth(accessKeyId, secretKey, sessionToken, roleArn.strip(), ext, name, seconds);
    }

    /**
     * {@code seconds} as a role session duration: 900-43200 (AWS's limits; the role's own maximum
     * may be lower), 0 for the default of {@value #DEFAULT_SESSION_SECONDS}.
     */
    public static int checkedSessionSeconds(int seconds) {
        int s = seconds == 0 ? DEFAULT_SESSION_SECONDS : seconds;
        if (s < 900 || s > 43200) {
            throw EncsyncException.usage("role session duration must be 900-43200 seconds (15 minutes to 12 hours),"
                    + " was " + seconds);
        }
        return s;
    }

    /**
     * A role session name made from {@code prefix} and {@code name} (such as a Jenkins job's full
     * name) that AWS accepts: every run of characters outside {@code [\w+=,.@-]} becomes one
     * {@code -} (spaces, {@code /} of folders, {@code %} of multibranch names), and a name too long
     * for the 64 characters keeps its end, the most specific part. The session name shows in
     * CloudTrail, so it should say who acted; it grants nothing.
     */
    public static String sessionName(String prefix, String name) {
        String p = clean(prefix);
        String n = clean(name);
        int room = SESSION_NAME_MAX - p.length();
        if (room <= 0) {
            return p.substring(0, SESSION_NAME_MAX);
        }
        String joined = p + (n.length() > room ? n.substring(n.length() - room) : n);
        return joined.length() < 2 ? "encsync" : joined;
    }

    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("[^\\w+=,.@-]+", "-");
    }

    /**
     * Whether assuming the role needs this object's long-term keys: a role after static keys.
     * Such an object must not travel to an agent; {@link RoleSession#assume} turns it into a session.
     */
    public boolean assumesRoleWithKeys() {
        return roleArn != null && accessKeyId != null;
    }

    /** For a session assumed elsewhere, when it ends. */
    public Optional<Instant> expires() {
        return Optional.ofNullable(expires);
    }

    public boolean usesDefaultChain() {
        return accessKeyId == null;
    }

    public Optional<String> accessKeyId() {
        return Optional.ofNullable(accessKeyId);
    }

    Optional<SecretBytes> secretKey() {
        return Optional.ofNullable(secretKey);
    }

    Optional<SecretBytes> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    Optional<String> externalId() {
        return Optional.ofNullable(externalId);
    }

    String roleSessionName() {
        return roleSessionName;
    }

    int sessionSeconds() {
        return sessionSeconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AwsAuth a && Objects.equals(accessKeyId, a.accessKeyId)
                && Objects.equals(secretKey, a.secretKey) && Objects.equals(sessionToken, a.sessionToken)
                && Objects.equals(roleArn, a.roleArn) && Objects.equals(externalId, a.externalId)
                && Objects.equals(roleSessionName, a.roleSessionName) && sessionSeconds == a.sessionSeconds
                && Objects.equals(sessionOf, a.sessionOf) && Objects.equals(expires, a.expires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKeyId, roleArn);
    }

    @Override
    public String toString() {
        if (sessionOf != null) {
            return "session " + accessKeyId + " of " + sessionOf + " (assumed by the controller, valid until "
                    + expires + ")";
        }
        String base = accessKeyId == null ? "default credential chain"
                : "access key " + accessKeyId + (sessionToken == null ? "" : " (session)");
        return roleArn == null ? base : base + " assuming " + roleArn;
    }
}
