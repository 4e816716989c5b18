package io.encsync.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * The IAM session policy of one task's short-lived credentials: only the task's bucket, only keys
 * under its prefix, only the actions its kind of work calls. AWS grants a session the intersection
 * of this document and the base identity's own policies, so it can narrow but never widen.
 *
 * <p>What it names, for bucket {@code B} and prefix {@code P} (keys {@code P/...}):
 * <ul>
 *   <li>{@code s3:ListBucket} on {@code arn:aws:s3:::B} with {@code StringLike s3:prefix = "P/*"};
 *   <li>for a push, {@code s3:ListBucketMultipartUploads} on {@code arn:aws:s3:::B} (a push aborts
 *       the unfinished uploads a killed push left under its prefix). It takes no {@code s3:prefix}
 *       condition on AWS, so it lists the upload keys of the whole bucket: names only, never data;
 *   <li>the object actions on {@code arn:aws:s3:::B/P/*}.
 * </ul>
 * An empty prefix means the whole bucket: no listing condition, objects {@code arn:aws:s3:::B/*}.
 * The object pattern ends in {@code P/*}, not {@code P*}: a task for {@code team-a} keeps out of
 * {@code team-ab/}.
 *
 * <p>{@code *}, {@code ?} and {@code $} are ordinary characters in an S3 key but wildcards (and the
 * start of a policy variable) in IAM's ARNs and {@code StringLike}, so a prefix {@code a*} written
 * as is would grant {@code ab/...} too. They are written as IAM's fixed policy variables
 * {@code ${*}}, {@code ${?}} and {@code ${$}}, which stand for the literal character (policy
 * language 2012-10-17, in {@code Resource} and in condition values).
 */
public final class SessionPolicy {
    /** AWS's limit for a session policy given inline to AssumeRole or GetFederationToken, in characters. */
    public static final int MAX_LENGTH = 2048;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What the task does with its prefix, hence which actions it gets. */
    public enum Access {
        /** Push: list, read, write (also multipart), delete (sync {@code --delete}, its own lock), abort stale uploads. */
        PUSH(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"), true),
        /** Pull, and any dry run: list and read. */
        READ(List.of("s3:GetObject"), false);

        private final List<String> objectActions;
        private final boolean listsUploads;

        Access(List<String> objectActions, boolean listsUploads) {
            this.objectActions = objectActions;
            this.listsUploads = listsUploads;
        }

        /** A push writes; a pull, or a dry run of either, only reads. */
        public static Access of(boolean push, boolean dryRun) {
            return push && !dryRun ? PUSH : READ;
        }
    }

    private final String bucket;
    private final String prefix;
    private final Access access;
    private final String json;

    private SessionPolicy(String bucket, String prefix, Access access, String partition) {
        this.bucket = bucket;
        this.prefix = prefix;
        this.access = access;
        this.json = document(bucket, prefix, access, partition);
    }

    /** The policy for a task of kind {@code access} on {@code target}'s bucket and prefix. */
    public static SessionPolicy of(S3Access target, Access access) {
        Objects.requireNonNull(access, "access");
        return new SessionPolicy(target.location().bucket(), target.location().prefix(), access,
                partition(target.settings().region().orElse("")));
    }

    /**
     * The ARN partition of {@code region}: {@code aws-cn} for China, {@code aws-us-gov} for
     * GovCloud, else {@code aws} (also for S3-compatible servers, which ignore it).
     */
    static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }

    private static String document(String bucket, String prefix, Access access, String partition) {
        String bucketArn = "arn:" + partition + ":s3:::" + literal(bucket);
        String keys = prefix.isEmpty() ? "" : literal(prefix) + "/";
        ObjectNode doc = F.objectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        ObjectNode list = statement(statements, "EncsyncList", List.of("s3:ListBucket"), bucketArn);
        if (!prefix.isEmpty()) {
            list.putObject("Condition").putObject("StringLike").put("s3:prefix", keys + "*");
        }
        if (access.listsUploads) {
            statement(statements, "EncsyncStaleUploads", List.of("s3:ListBucketMultipartUploads"), bucketArn);
        }
        statement(statements, "EncsyncObjects", access.objectActions, bucketArn + "/" + keys + "*");
        try {
            return JSON.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    private static ObjectNode statement(ArrayNode statements, String sid, List<String> actions, String resource) {
        ObjectNode s = statements.addObject().put("Sid", sid).put("Effect", "Allow");
        if (actions.size() == 1) {
            s.put("Action", actions.get(0));
        } else {
            ArrayNode a = s.putArray("Action");
            actions.forEach(a::add);
        }
        s.put("Resource", resource);
        return s;
    }

    /**
     * {@code s} as a literal in an IAM ARN or {@code StringLike} value: the three characters IAM
     * reads as wildcards or a variable become the policy variables that stand for themselves.
     */
    static String literal(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '*', '?', '$' -> out.append("${").append(c).append('}');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The document, compact JSON, as STS receives it. */
    public String json() {
        return json;
    }

    /** Whether AWS takes it inline ({@link #MAX_LENGTH}); a very long prefix can make it too long. */
    public boolean fitsInline() {
        return json.length() <= MAX_LENGTH;
    }

    public Access access() {
        return access;
    }

    /**
     * What the session reaches, for a log line: {@code s3://B/P/ (read only)}, or
     * {@code the whole bucket s3://B (read and write)} when there is no prefix.
     */
    public String scope() {
        String what = access == Access.PUSH ? "read and write" : "read only";
        return prefix.isEmpty() ? "the whole bucket s3://" + bucket + " (" + what + ")"
                : "s3://" + bucket + "/" + prefix + "/ (" + what + ")";
    }

    @Override
    public String toString() {
        return "session policy for " + scope();
    }
}
