package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.fs.PathRules;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where one build's artifacts and stashes live: {@code <prefix>/<job path>/<build number>/} in a
 * bucket. The job path is the job's full name ({@code folder/job}); it and the prefix stay in the
 * clear, as in Jenkins' own S3 artifact manager, because they name the folder a restore points
 * rclone at. Only the names and contents below each set's root are encrypted.
 *
 * <p>The compact constructor validates every part and drops one trailing {@code /} from the
 * prefix, so {@code "ci/"} and {@code "ci"} are the same place.
 */
public record ArtifactBuild(String bucket, String prefix, String job, long number) {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public ArtifactBuild {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(job, "job");
        if (!BUCKET.matcher(bucket).matches()) {
            throw EncsyncException.usage("bucket must be an S3 bucket name (3 to 63 of a-z 0-9 . -), was '"
                    + PathRules.escape(bucket) + "'");
        }
        if (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!prefix.isEmpty()) {
            requireSegments("prefix", prefix);
        }
        requireSegments("job", job);
        if (number < 1) {
            throw EncsyncException.usage("build number must be >= 1, was " + number);
        }
    }

    /** The key prefix of everything of this build, ending in {@code /}. */
    public String root() {
        return (prefix.isEmpty() ? "" : prefix + "/") + job + "/" + number + "/";
    }

    /** The archived artifacts: {@code <root>artifacts/}. */
    public ArtifactSet artifacts() {
        return new ArtifactSet(bucket, root() + "artifacts/", "artifacts of " + job + " #" + number);
    }

    /**
     * The stash {@code name}: {@code <root>stashes/<name>/}.
     *
     * @throws EncsyncException (usage) for a name that is empty, {@code .}, {@code ..}, or holds a
     *     {@code /}, {@code \} or a control character
     */
    public ArtifactSet stash(String name) {
        Objects.requireNonNull(name, "name");
        String problem = PathRules.defaults().segmentProblem(name);
        if (problem != null) {
            throw EncsyncException.usage("stash name '" + PathRules.escape(name) + "' is not usable: " + problem
                    + " — choose a plain name such as 'build-output'");
        }
        return new ArtifactSet(bucket, stashesRoot() + name + "/",
                "stash '" + name + "' of " + job + " #" + number);
    }

    /** The key prefix under which every stash of this build lives, ending in {@code /}. */
    public String stashesRoot() {
        return root() + "stashes/";
    }

    private static void requireSegments(String what, String value) {
        if (value.startsWith("/")) {
            throw EncsyncException.usage(what + " must be relative (no leading '/'), was '" + PathRules.escape(value) + "'");
        }
        for (String segment : value.split("/", -1)) {
            String problem = PathRules.defaults().segmentProblem(segment);
            if (problem != null) {
                throw EncsyncException.usage(what + " '" + PathRules.escape(value) + "' is not usable in an S3 key: "
                        + problem);
            }
        }
    }
}
