package io.encsync.core.provision;

import io.encsync.core.EncsyncException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The naming rules of S3 and IAM, checked locally because emulators (and some S3-compatible
 * servers) accept names AWS would reject: a provisioning run must fail before its first request,
 * not half-way through. Each check throws a usage error naming the rule and suggesting a fix.
 */
final class NameRules {
    private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9.-]+");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    // AWS rejects these because they collide with its own endpoint and access-point naming.
    private static final List<String> BUCKET_PREFIXES = List.of("xn--", "sthree-", "amzn-s3-demo-");
    private static final List<String> BUCKET_SUFFIXES = List.of("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3");
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E]+/");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    // A prefix ends up in IAM resource ARNs, so IAM wildcards (* ?) and policy variables ($) are out.
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.'()-]+(/[A-Za-z0-9!_.'()-]+)*/");
    private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]{1,128}");

    private NameRules() {
    }

    static String bucket(String name) {
        if (name == null || name.isEmpty()) {
            throw EncsyncException.usage("bucket name is missing: pass --bucket NAME (e.g. 'my-backups')");
        }
        String rule = bucketRuleBroken(name);
        if (rule != null) {
            throw EncsyncException.usage("bucket name '" + name + "' is invalid: bucket names use only lower-case letters, "
                    + "digits, dots and hyphens (rule: " + rule + ") — choose e.g. '" + suggestBucket(name) + "'");
        }
        return name;
    }

    private static String bucketRuleBroken(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return "3 to 63 characters, was " + name.length();
        }
        if (!BUCKET_CHARS.matcher(name).matches()) {
            return "only a-z, 0-9, '.' and '-'";
        }
        if (!Character.isLetterOrDigit(name.charAt(0)) || !Character.isLetterOrDigit(name.charAt(name.length() - 1))) {
            return "must begin and end with a letter or digit";
        }
        if (name.contains("..")) {
            return "no two adjacent dots";
        }
        if (IPV4.matcher(name).matches()) {
            return "must not look like an IP address";
        }
        for (String p : BUCKET_PREFIXES) {
            if (name.startsWith(p)) {
                return "must not start with '" + p + "'";
            }
        }
        for (String s : BUCKET_SUFFIXES) {
            if (name.endsWith(s)) {
                return "must not end with '" + s + "'";
            }
        }
        return null;
    }

    static String suggestBucket(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("\\.{2,}", ".");
        s = s.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        if (s.length() > 63) {
            s = s.substring(0, 63).replaceAll("[^a-z0-9]+$", "");
        }
        return s.length() >= 3 && bucketRuleBroken(s) == null ? s : "my-encsync-bucket";
    }

    static String userName(String name, boolean derived) {
        if (!USER_NAME.matcher(name).matches()) {
            String how = derived ? "the default user name '" + name + "' (derived from the bucket) is invalid"
                    : "user name '" + name + "' is invalid";
            throw EncsyncException.usage(how + ": IAM user names are 1 to 64 characters of letters, digits and "
                    + "+=,.@_- (no spaces), was " + name.length() + " characters — choose e.g. '"
                    + suggestUser(name) + "' with --user");
        }
        return name;
    }

    private static String suggestUser(String name) {
        String s = name.replaceAll("[^A-Za-z0-9+=,.@_-]+", "-");
        s = s.length() > 64 ? s.substring(0, 64) : s;
        return s.isEmpty() ? "encsync-sync" : s;
    }

    static String userPath(String path) {
        if (path == null || !PATH.matcher(path).matches() || path.length() > 512) {
            throw EncsyncException.usage("user path '" + path + "' is invalid: an IAM path is '/' or starts and ends "
                    + "with '/' (at most 512 printable ASCII characters, no spaces) — choose e.g. '/home/'");
        }
        return path;
    }

    static String region(String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw EncsyncException.usage("region '" + region + "' is invalid: a region looks like 'eu-west-1' "
                    + "(lower-case letters, hyphens, a number) — pass e.g. --region eu-west-1");
        }
        return region;
    }

    /** An empty prefix stays empty; anything else gets its trailing '/' so ARNs never match a sibling. */
    static String prefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "";
        }
        String p = prefix.endsWith("/") ? prefix : prefix + "/";
        if (!PREFIX.matcher(p).matches() || p.contains("/../") || p.startsWith("../") || p.length() > 512) {
            throw EncsyncException.usage("prefix '" + prefix + "' is invalid: a prefix is '/'-separated segments of "
                    + "letters, digits and !_.'()- with no leading '/', no empty or '..' segment and no * ? $ "
                    + "— choose e.g. 'jobs/nightly/'");
        }
        return p;
    }

    static String kmsKey(String key) {
        if (key == null) {
            return null;
        }
        if (!KMS_KEY_ARN.matcher(key).matches()) {
            // Only a key ARN lets the sync user's policy grant that one key and no other.
            throw EncsyncException.usage("KMS key '" + key + "' is invalid: pass the key's ARN "
                    + "(arn:aws:kms:REGION:ACCOUNT:key/ID, not an alias or bare id) with --kms-key, so that the sync "
                    + "user can be granted exactly that key");
        }
        return key;
    }

    static int noncurrentDays(int days) {
        if (days < 1 || days > 36500) {
            throw EncsyncException.usage("noncurrent days must be between 1 and 36500, was " + days
                    + " — pass e.g. --noncurrent-days 30");
        }
        return days;
    }

    static URI endpoint(URI endpoint) {
        if (endpoint == null) {
            return null;
        }
        String scheme = endpoint.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || endpoint.getHost() == null
                || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            throw EncsyncException.usage("endpoint '" + endpoint + "' is invalid: an endpoint is an http:// or https:// "
                    + "URL with a host and no query — pass e.g. --endpoint https://s3.example.com");
        }
        return endpoint;
    }
}
