package io.encsync.core.names;

import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * rclone's version-suffix rule (rclone ≥ 1.56, {@code lib/version}): a name whose base ends in
 * {@code -vYYYY-MM-DD-HHMMSS-mmm} (a valid UTC date and time) is treated as a version of the name
 * without it. rclone encrypts only the stripped name and puts the 23 characters back, in clear,
 * before the extension of the result. It applies to every last path segment, not only to
 * versioned buckets, so it must be copied exactly for names to match rclone's.
 *
 * <p>Base and extension split like rclone's {@code splitExt}: the extension runs from the last
 * {@code .}, except that a name whose only {@code .} is its first character (such as
 * {@code .bashrc}) is all base.
 */
final class VersionSuffix {
    static final int LENGTH = 23;

    /** Go's {@code \d} is ASCII only, as Java's is by default. */
    private static final Pattern SHAPE = Pattern.compile("-v\\d{4}-\\d{2}-\\d{2}-\\d{6}-\\d{3}");

    /** A segment with its version string taken out, and that version string. */
    record Split(String stripped, String version) {
    }

    private VersionSuffix() {
    }

    /** Takes the version string off {@code segment}, or returns empty if it has none (by rclone's rule). */
    static Optional<Split> remove(String segment) {
        int ext = extensionStart(segment);
        String base = segment.substring(0, ext);
        if (base.length() < LENGTH) {
            return Optional.empty();
        }
        String version = base.substring(base.length() - LENGTH);
        if (!isVersion(version)) {
            return Optional.empty();
        }
        return Optional.of(new Split(base.substring(0, base.length() - LENGTH) + segment.substring(ext), version));
    }

    /** Puts {@code version} back before the extension of {@code segment}. */
    static String add(String segment, String version) {
        int ext = extensionStart(segment);
        return segment.substring(0, ext) + version + segment.substring(ext);
    }

    /**
     * Whether {@code text} is exactly one version string that Go's {@code time.Parse} accepts with
     * layout {@code -v2006-01-02-150405.000}: month 1–12, a day that exists in that month (leap
     * years included), hour 0–23, minute and second 0–59 (no leap second).
     */
    static boolean isVersion(String text) {
        if (text.length() != LENGTH || !SHAPE.matcher(text).matches()) {
            return false;
        }
        int year = Integer.parseInt(text, 2, 6, 10);
        int month = Integer.parseInt(text, 7, 9, 10);
        int day = Integer.parseInt(text, 10, 12, 10);
        int hour = Integer.parseInt(text, 13, 15, 10);
        int minute = Integer.parseInt(text, 15, 17, 10);
        int second = Integer.parseInt(text, 17, 19, 10);
        return month >= 1 && month <= 12
                && day >= 1 && day <= YearMonth.of(year, month).lengthOfMonth()
                && hour <= 23 && minute <= 59 && second <= 59;
    }

    private static int extensionStart(String segment) {
        int dot = segment.lastIndexOf('.');
        return dot > 0 ? dot : segment.length();
    }
}
