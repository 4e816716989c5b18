package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a store lives in S3: a bucket and a key prefix without leading or trailing {@code /}
 * (empty for the bucket root). Written {@code s3://bucket[/prefix]} on the command line.
 */
public record S3Location(String bucket, String prefix) {
    private static final String SCHEME = "s3://";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    // Reserved by AWS for its own features; a bucket can never be created with these.
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    public S3Location {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        String problem = bucketProblem(bucket);
        if (problem != null) {
            throw EncsyncException.usage("bucket name '" + bucket + "' is not valid: " + problem
                    + " — S3 bucket names are 3-63 lowercase letters, digits, dots and hyphens");
        }
        if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw EncsyncException.usage("prefix '" + prefix + "' in s3://" + bucket
                    + " must not have empty segments (leading, trailing or double '/') — write s3://bucket/a/b");
        }
        for (String segment : prefix.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                throw EncsyncException.usage("prefix '" + prefix + "' in s3://" + bucket
                        + " must not contain '.' or '..' segments — rclone and S3 treat them differently");
            }
        }
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

    private static String bucketProblem(String bucket) {
        if (bucket.length() < 3 || bucket.length() > 63) {
            return "it has " + bucket.length() + " characters";
        }
        if (!BUCKET.matcher(bucket).matches()) {
            return "it must use only a-z, 0-9, '.' and '-', and start and end with a letter or digit";
        }
        if (bucket.contains("..") || bucket.contains(".-") || bucket.contains("-.")) {
            return "dots must not be next to another dot or a hyphen";
        }
        if (IP_ADDRESS.matcher(bucket).matches()) {
            return "it must not look like an IP address";
        }
        for (String p : RESERVED_PREFIXES) {
            if (bucket.startsWith(p)) {
                return "the prefix '" + p + "' is reserved";
            }
        }
        for (String s : RESERVED_SUFFIXES) {
            if (bucket.endsWith(s)) {
                return "the suffix '" + s + "' is reserved";
            }
        }
        return null;
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
