package io.encsync.core.provision;

import io.encsync.core.EncsyncException;
import io.encsync.core.store.s3.S3Rules;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The naming rules of S3 and IAM, checked locally because emulators (and some S3-compatible
 * servers) accept names AWS would reject: a provisioning run must fail before its first request,
 * not half-way through. Each check throws a usage error naming the rule and suggesting a fix.
 */
final class NameRules {
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9+=,.@_-]{1,64}");
    private static final Pattern PATH = Pattern.compile("/|/[\\x21-\\x7E]+/");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    // A prefix ends up in IAM resource ARNs, so IAM wildcards (* ?) and policy variables ($) are out.
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9!_.'()-]+(/[A-Za-z0-9!_.'()-]+)*/");
    private static final Pattern KMS_KEY_ARN = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:key/[A-Za-z0-9-]{1,128}");

    private NameRules() {
    }

    /** The one bucket rule of core ({@link S3Rules#bucket}). */
    static String bucket(String name) {
        return S3Rules.bucket(name);
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

    /** The one endpoint rule of core ({@link S3Rules#endpoint(URI)}). */
    static URI endpoint(URI endpoint) {
        return S3Rules.endpoint(endpoint);
    }
}
