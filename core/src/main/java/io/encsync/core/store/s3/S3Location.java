package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.LogText;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a store lives in S3: a bucket and a key prefix without leading or trailing {@code /}
 * (empty for the bucket root). Written {@code s3://bucket[/prefix]} on the command line.
 */
public record S3Location(String bucket, String prefix) implements Serializable {
    private static final String SCHEME = "s3://";

    public S3Location {
        S3Rules.bucket(bucket);
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw EncsyncException.usage("prefix '" + LogText.escape(prefix) + "' in s3://" + bucket
                    + " must not have empty segments (leading, trailing or double '/') — write s3://bucket/a/b");
        }
        for (String segment : prefix.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw EncsyncException.usage("prefix '" + LogText.escape(prefix) + "' in s3://" + bucket
                        + " must not contain '.' or '..' segments — rclone and S3 treat them differently");
            }
        }
    }

    /**
     * A location as typed into a form or a pipeline: the bucket stripped of surrounding spaces, the
     * prefix with leading and trailing {@code /} removed (null or blank for the bucket root).
     *
     * @throws EncsyncException (usage) for a bad bucket name ({@link S3Rules#bucket}) or prefix
     */
    public static S3Location of(String bucket, String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return new S3Location(bucket == null ? null : bucket.strip(), p);
    }

    /** The message {@link #of} gives for {@code prefix}, or empty when it is valid. */
    public static Optional<String> checkPrefix(String prefix) {
        return EncsyncException.usageProblem(() -> of("ok-bucket", prefix));
    }

    /** Parses {@code s3://bucket}, {@code s3://bucket/} or {@code s3://bucket/some/prefix[/]}. */
    public static S3Location parse(String remote) {
        Objects.requireNonNull(remote, "remote");
        if (!remote.startsWith(SCHEME) || remote.length() == SCHEME.length()) {
            throw EncsyncException.usage("S3 remote must look like s3://bucket[/prefix], was '" + remote + "'");
        }
        String rest = remote.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return new S3Location(rest, "");
        }
        String prefix = rest.substring(slash + 1);
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return new S3Location(rest.substring(0, slash), prefix);
    }

    /** The full object key of a store key: {@code prefix/key}, or {@code key} at the bucket root. */
    public String objectKey(String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    /** What every object key of this store starts with: {@code prefix/}, or empty. */
    public String keyPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    /** The store key of a full object key that starts with {@link #keyPrefix()}. */
    public String storeKey(String objectKey) {
        return objectKey.substring(keyPrefix().length());
    }

    /** {@code s3://bucket/key} for messages. */
    public String describe(String key) {
        return SCHEME + bucket + "/" + objectKey(key);
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? SCHEME + bucket : SCHEME + bucket + "/" + prefix;
    }
}
