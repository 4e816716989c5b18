package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.fs.PathRules;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Where one build's artifacts and stashes live: {@code <prefix>/<job path>/<build number>-<storage id>/}
 * in a bucket. The job path is the job's full name ({@code folder/job}) when the build started; it,
 * the prefix and the number stay in the clear, as in Jenkins' own S3 artifact manager, because
 * they name the folder a restore points rclone at. Only the names and contents below each set's
 * root are encrypted.
 *
 * <p>The storage id ({@link #newStorageId()}, random, recorded with the build) makes the root the
 * build's own: a job renamed, deleted and created again under the same name, or moved back, gets
 * build numbers it had before, and without the id its new builds would share the old builds'
 * objects and manifests. A null storage id is the layout of builds archived before ids existed:
 * {@code <prefix>/<job path>/<build number>/}. Neither layout's root is a prefix of another
 * build's root ({@code 1/} is not a prefix of {@code 1-<id>/}), so deleting one build's root never
 * reaches into another's.
 *
 * <p>The compact constructor validates every part and drops one trailing {@code /} from the
 * prefix, so {@code "ci/"} and {@code "ci"} are the same place.
 */
public record ArtifactBuild(String bucket, String prefix, String job, long number, String storageId) {
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern STORAGE_ID = Pattern.compile("[0-9a-z]{8,64}");
    private static final RandomGenerator RANDOM = new SecureRandom();

    public ArtifactBuild {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(job, "job");
        if (storageId != null && !STORAGE_ID.matcher(storageId).matches()) {
            throw EncsyncException.usage("storage id must be 8 to 64 of a-z 0-9, was '" + PathRules.escape(storageId)
                    + "' — the build record was edited; restore its storage id");
        }
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

    /** The layout of builds archived before storage ids existed (no id in the root). */
    public ArtifactBuild(String bucket, String prefix, String job, long number) {
        this(bucket, prefix, job, number, null);
    }

    /** A new random storage id: 16 lower-case hex digits (64 bits). */
    public static String newStorageId() {
        return newStorageId(RANDOM);
    }

    /** As {@link #newStorageId()}, from {@code random} (tests pass a seeded one). */
    public static String newStorageId(RandomGenerator random) {
        return HexFormat.of().toHexDigits(random.nextLong());
    }

    /**
     * The key prefix of everything of this build, ending in {@code /}:
     * {@code <prefix>/<job>/<number>-<storage id>/}, or {@code <prefix>/<job>/<number>/} without an id.
     */
    public String root() {
        return (prefix.isEmpty() ? "" : prefix + "/") + job + "/" + number
                + (storageId == null ? "" : "-" + storageId) + "/";
    }

    /**
     * The archived artifacts: {@code <root>artifacts/}. A build with a storage id was written by a
     * version that seals every manifest for its place, so its sets refuse an unbound manifest (a
     * pre-binding set copied over this one); a build without one may hold such older manifests.
     */
    public ArtifactSet artifacts() {
        return new ArtifactSet(bucket, root() + "artifacts/", "artifacts of " + job + " #" + number, storageId != null);
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
                "stash '" + name + "' of " + job + " #" + number, storageId != null);
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
