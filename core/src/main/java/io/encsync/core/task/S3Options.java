package io.encsync.core.task;

import io.encsync.core.LogText;
import io.encsync.core.EncsyncException;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;

/**
 * Which bucket and prefix a task syncs with, and how to reach it: region, an optional endpoint
 * for S3-compatible servers, and path-style addressing. Holds no credentials. Immutable.
 */
public final class S3Options implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String bucket;
    private final String prefix;
    private final String region;
    private final String endpoint;
    private final boolean pathStyle;

    private S3Options(Builder b) {
        if (b.bucket == null || b.bucket.isBlank()) {
            throw EncsyncException.usage("bucket must be set (an S3 bucket name such as my-backups), was empty");
        }
        this.bucket = b.bucket.strip();
        this.prefix = checkedPrefix(b.prefix);
        this.region = blankToNull(b.region);
        this.endpoint = checkedEndpoint(blankToNull(b.endpoint));
        this.pathStyle = b.pathStyle;
        // The S3 store's own rules and messages decide what is valid.
        location();
        settings().build();
    }

    /** The S3 store's location for these options. */
    public S3Location location() {
        return new S3Location(bucket, prefix);
    }

    /** The S3 store's settings for these options, to which the caller adds credentials and proxy. */
    public S3Settings.Builder settings() {
        S3Settings.Builder b = S3Settings.builder().region(region).pathStyle(pathStyle);
        endpoint().ifPresent(b::endpoint);
        return b;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Normalises {@code a/b/} and {@code /a/b} to {@code a/b}; rejects empty, '.' and '..' segments. */
    private static String checkedPrefix(String prefix) {
        if (prefix == null) {
            return "";
        }
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            return "";
        }
        for (String segment : p.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw EncsyncException.usage("prefix must be folder names separated by single '/', without '.'"
                        + " or '..', was '" + LogText.escape(prefix) + "'");
            }
        }
        return p;
    }

    private static String checkedEndpoint(String endpoint) {
        if (endpoint == null) {
            return null;
        }
        String shape = " — write it like https://s3.example.com:9000";
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw EncsyncException.usage("endpoint must be an http(s) URL, was '" + LogText.escape(endpoint) + "'" + shape);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                || uri.getHost() == null) {
            throw EncsyncException.usage("endpoint must be an http(s) URL with a host, was '"
                    + LogText.escape(endpoint) + "'" + shape);
        }
        // A user:password@ part would put a secret into config.xml and the log; a path or query
        // would be silently dropped or misused by the SDK.
        if (uri.getUserInfo() != null) {
            throw EncsyncException.usage("endpoint must not contain a user name or password — use a credential"
                    + " (awsCredentialsId) instead");
        }
        if ((uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw EncsyncException.usage("endpoint must be only scheme, host and port, was '"
                    + LogText.escape(endpoint) + "'" + shape);
        }
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bucket() {
        return bucket;
    }

    /** Key prefix without leading or trailing {@code /}; empty for the bucket root. */
    public String prefix() {
        return prefix;
    }

    /** The region, or empty for the SDK's default region chain of the JVM that runs the task. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The endpoint of an S3-compatible server ({@code scheme://host[:port]}), or empty for AWS. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint).map(URI::create);
    }

    public boolean pathStyle() {
        return pathStyle;
    }

    /** {@code s3://bucket[/prefix]}, for messages. */
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** The message {@link Builder#build()} would give for this bucket, or empty if it is valid. */
    public static Optional<String> checkBucket(String bucket) {
        return CryptOptions.problem(() -> builder().bucket(bucket).build());
    }

    public static Optional<String> checkPrefix(String prefix) {
        return CryptOptions.problem(() -> builder().bucket("ok-bucket").prefix(prefix).build());
    }

    public static Optional<String> checkRegion(String region) {
        return CryptOptions.problem(() -> builder().bucket("ok-bucket").region(region).build());
    }

    public static Optional<String> checkEndpoint(String endpoint) {
        return CryptOptions.problem(() -> builder().bucket("ok-bucket").endpoint(endpoint).build());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof S3Options s && bucket.equals(s.bucket) && prefix.equals(s.prefix)
                && Objects.equals(region, s.region) && Objects.equals(endpoint, s.endpoint) && pathStyle == s.pathStyle;
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, prefix, region, endpoint, pathStyle);
    }

    @Override
    public String toString() {
        return describe() + (region == null ? "" : " region=" + region) + (endpoint == null ? "" : " endpoint=" + endpoint)
                + (pathStyle ? " path-style" : "");
    }

    /** Collects inputs; {@code null} or blank optional text means "not set". */
    public static final class Builder {
        private String bucket;
        private String prefix;
        private String region;
        private String endpoint;
        private boolean pathStyle;

        private Builder() {
        }

        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        public S3Options build() {
            return new S3Options(this);
        }
    }
}
