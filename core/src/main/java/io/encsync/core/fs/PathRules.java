package io.encsync.core.fs;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.encsync.core.IntegrityException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether an untrusted relative path (a decrypted remote name) may be written under a
 * target folder. It <em>rejects</em>, never sanitises: a name that needs fixing is an attack or a
 * corruption, and quietly rewriting it would let two remote names land on one file (or let a
 * sanitiser bug reopen the hole, as in GNU tar's CVE-2016-6321).
 *
 * <p>Always rejected: empty path or segment ({@code a//b}, leading or trailing {@code /}),
 * {@code .} and {@code ..}, segments containing {@code /} or {@code \} (a separator hidden in one
 * encrypted segment), NUL, C0/C1 control characters and DEL (log forging, {@code InvalidPathException}),
 * lone UTF-16 surrogates (no UTF-8 form),
 * drive forms ({@code C:}), and paths beyond the {@link PathLimits}. With {@code portable} also the
 * names Windows cannot hold: reserved device names ({@code CON}, {@code aux.txt}, {@code COM1}, …),
 * a trailing dot or space, the characters {@code <>:"|?*}, and invisible format characters that
 * macOS ignores when comparing names (the {@code .g\u200cit} trick).
 */
public final class PathRules {
    private static final PathRules DEFAULTS = new PathRules(PathLimits.defaults(), false);
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*", Pattern.DOTALL);
    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "CONIN$", "CONOUT$");

    private final PathLimits limits;
    private final boolean portable;

    private PathRules(PathLimits limits, boolean portable) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.portable = portable;
    }

    /** Default limits, not portable (names valid on Linux and macOS). */
    public static PathRules defaults() {
        return DEFAULTS;
    }

    public static PathRules of(PathLimits limits, boolean portable) {
        return new PathRules(limits, portable);
    }

    public PathLimits limits() {
        return limits;
    }

    public boolean portable() {
        return portable;
    }

    /**
     * Validates a {@code /}-separated path.
     *
     * @param remoteKey the object the path came from, for the message; may be null
     * @throws IntegrityException "unsafe path segment '..' in a/../b (remote object k) — not restored"
     */
    public RelativePath parse(String path, String remoteKey) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw fail("empty path", path, remoteKey);
        }
        if (path.startsWith("/")) {
            throw fail("absolute path", path, remoteKey);
        }
        return validate(List.of(path.split("/", -1)), remoteKey, path);
    }

    /** Validates a path given as its segments (each decrypted separately). */
    public RelativePath validate(List<String> segments, String remoteKey) {
        return validate(segments, remoteKey, String.join("/", segments));
    }

    private RelativePath validate(List<String> segments, String remoteKey, String shown) {
        if (segments.isEmpty()) {
            throw fail("empty path", shown, remoteKey);
        }
        if (segments.size() > limits.maxDepth()) {
            throw fail("limit exceeded: depth " + segments.size() + " (max " + limits.maxDepth() + ")", shown, remoteKey);
        }
        int total = segments.size() - 1;
        for (String segment : segments) {
            String problem = segmentProblem(segment);
            if (problem != null) {
                throw fail(problem, shown, remoteKey);
            }
            total += segment.getBytes(UTF_8).length;
        }
        if (total > limits.maxPathBytes()) {
            throw fail("limit exceeded: path of " + total + " bytes (max " + limits.maxPathBytes() + ")", shown, remoteKey);
        }
        return new RelativePath(segments);
    }

    /** Whether {@code segment} is acceptable as one name; null if so, else what is wrong with it. */
    public String segmentProblem(String segment) {
        if (segment == null || segment.isEmpty()) {
            return "empty path segment";
        }
        if (segment.equals(".") || segment.equals("..")) {
            return "unsafe path segment '" + segment + "'";
        }
        for (int i = 0; i < segment.length(); ) {
            int cp = segment.codePointAt(i);
            if (cp == '/' || cp == '\\') {
                return "separator in path segment '" + escape(segment) + "'";
            }
            if (isControl(cp)) {
                return "control character in path segment '" + escape(segment) + "'";
            }
            if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
                // A lone surrogate has no UTF-8 form: the file system would see '?' and two such
                // names would land on one file.
                return "invalid Unicode (lone surrogate) in path segment '" + escape(segment) + "'";
            }
            if (portable && ("<>:\"|?*".indexOf(cp) >= 0 || Character.getType(cp) == Character.FORMAT)) {
                return "character not portable to Windows or macOS in path segment '" + escape(segment) + "'";
            }
            i += Character.charCount(cp);
        }
        if (DRIVE.matcher(segment).matches()) {
            return "drive name in path segment '" + escape(segment) + "'";
        }
        int bytes = segment.getBytes(UTF_8).length;
        if (bytes > limits.maxSegmentBytes()) {
            return "limit exceeded: path segment of " + bytes + " bytes (max " + limits.maxSegmentBytes() + ")";
        }
        if (portable) {
            if (segment.endsWith(".") || segment.endsWith(" ")) {
                return "trailing dot or space (not portable to Windows) in path segment '" + escape(segment) + "'";
            }
            int dot = segment.indexOf('.');
            String base = (dot < 0 ? segment : segment.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
            if (WINDOWS_DEVICES.contains(base)) {
                return "Windows device name in path segment '" + escape(segment) + "'";
            }
        }
        return null;
    }

    /**
     * A printable, unambiguous form of an untrusted name for messages and logs: backslash doubled,
     * {@code \n}, {@code \r}, {@code \t}, other C0/C1 controls and DEL as {@code \xNN}, and
     * invisible or direction-changing format characters as {@code \}{@code uNNNN}, so a name cannot
     * forge a log line or hide what it is.
     */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (isControl(cp)) {
                        b.append(String.format("\\x%02x", cp));
                    } else if (Character.getType(cp) == Character.FORMAT || Character.isSurrogate((char) cp)
                            || cp == 0x2028 || cp == 0x2029) {
                        b.append(String.format("\\u%04x", cp));
                    } else {
                        b.appendCodePoint(cp);
                    }
                }
            }
        }
        return b.toString();
    }

    private static boolean isControl(int cp) {
        return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
    }

    private static IntegrityException fail(String problem, String path, String remoteKey) {
        String where = remoteKey == null ? "" : " (remote object " + escape(remoteKey) + ")";
        return new IntegrityException(problem + " in " + escape(path) + where + " — not restored");
    }

    @Override
    public String toString() {
        return "PathRules[" + limits + (portable ? ", portable" : "") + "]";
    }
}
