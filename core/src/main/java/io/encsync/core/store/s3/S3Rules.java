package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.LogText;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one bucket-name rule and the one endpoint rule of encsync, with one message each. The CLI,
 * the Jenkins plugin (through the S3 settings), artifact storage and provisioning all call these,
 * so a name or endpoint one of them accepts, the others accept too.
 *
 * <p>Checked locally because emulators and some S3-compatible servers accept names AWS rejects:
 * a run must fail before its first request, not half-way through.
 */
public final class S3Rules {
    private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    // Reserved by AWS for its own endpoint and access-point naming; a bucket can never have these.
    private static final List<String> RESERVED_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> RESERVED_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");

    private S3Rules() {
    }

    /**
     * {@code name} if it is a valid S3 bucket name.
     *
     * @throws EncsyncException (usage) naming the name, the rule it breaks and a name that would do
     */
    public static String bucket(String name) {
        if (name == null || name.isBlank()) {
            throw EncsyncException.usage("bucket must be set (an S3 bucket name such as my-backups), was empty");
        }
        String rule = bucketRuleBroken(name);
        if (rule != null) {
            throw EncsyncException.usage("bucket name '" + LogText.escape(name) + "' is not valid: " + rule
                    + " — S3 bucket names are 3-63 lower-case letters, digits, dots and hyphens; choose e.g. '"
                    + suggestBucket(name) + "'");
        }
        return name;
    }

    /** The message {@link #bucket} would give, or empty for a valid name. */
    public static Optional<String> bucketProblem(String name) {
        return EncsyncException.usageProblem(() -> bucket(name));
    }

    private static String bucketRuleBroken(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return "it must have 3 to 63 characters, had " + name.length();
        }
        if (!BUCKET_CHARS.matcher(name).matches()) {
            return "only a-z, 0-9, '.' and '-'";
        }
        if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            return "it must begin and end with a letter or digit";
        }
        if (name.contains("..")) {
            return "no two adjacent dots";
        }
        // A DNS label must not start or end with '-': the bucket would not work in virtual-hosted style.
        if (name.contains(".-") || name.contains("-.")) {
            return "no dot next to a hyphen";
        }
        if (IPV4.matcher(name).matches()) {
            return "it must not look like an IP address";
        }
        for (String p : RESERVED_PREFIXES) {
            if (name.startsWith(p)) {
                return "it must not start with '" + p + "' (reserved by AWS)";
            }
        }
        for (String s : RESERVED_SUFFIXES) {
            if (name.endsWith(s)) {
                return "it must not end with '" + s + "' (reserved by AWS)";
            }
        }
        return null;
    }

    /** A valid bucket name close to {@code name}, for the message. */
    static String suggestBucket(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("\\.{2,}", ".")
                .replaceAll("\\.-|-\\.", "-");
        s = s.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        if (s.length() > 63) {
            s = s.substring(0, 63).replaceAll("[^a-z0-9]+$", "");
        }
        return s.length() >= 3 && bucketRuleBroken(s) == null ? s : "my-encsync-bucket";
    }

    /**
     * The endpoint of an S3-compatible server as {@code scheme://host[:port]}: {@code http} or
     * {@code https}, a host, and nothing else. Null or blank text means "AWS" and gives null.
     *
     * <p>Why so strict: a {@code user:password@} part would put a secret into configuration files
     * and logs (so the message then never repeats the value); a path, query or fragment would be
     * dropped or misused by the SDK's request signing and addressing, and the same endpoint is
     * compared against an administrator's allow-list by origin.
     *
     * @throws EncsyncException (usage) naming the value (unless it may hold a password) and the shape
     */
    public static URI endpoint(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.strip();
        // Never echo what may be user:password@host.
        String shown = value.contains("@") ? "a URL with a user name or password" : "'" + LogText.escape(value) + "'";
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw badEndpoint(shown);
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw EncsyncException.usage("endpoint must not contain a user name or password (they belong in the"
                    + " credentials, not in the address) — write it like https://s3.example.com:9000");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean onlyOrigin = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !onlyOrigin) {
            throw badEndpoint(shown);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority());
    }

    /** {@link #endpoint(String)} for a parsed URI; null stays null. */
    public static URI endpoint(URI uri) {
        return uri == null ? null : endpoint(uri.toString());
    }

    /** The message {@link #endpoint(String)} would give, or empty for a valid (or empty) endpoint. */
    public static Optional<String> endpointProblem(String text) {
        return EncsyncException.usageProblem(() -> endpoint(text));
    }

    private static EncsyncException badEndpoint(String shown) {
        return EncsyncException.usage("endpoint must be an http(s) URL of only scheme, host and optional port, was "
                + shown + " — write it like https://s3.example.com:9000");
    }
}
