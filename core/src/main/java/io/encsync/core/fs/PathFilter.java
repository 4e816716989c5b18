package io.encsync.core.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Include and exclude rules over relative paths ({@code a/b/c.txt}), with rclone-like globs.
 *
 * <p>Glob syntax: {@code *} any characters within one segment, {@code **} any characters across
 * segments, {@code ?} one character (not {@code /}), {@code [abc]}/{@code [a-z]}/{@code [^a]} a
 * character class (as in rclone, {@code !} is not negation), {@code {a,b}} alternatives,
 * {@code \} escapes the next character. Matching is case-sensitive.
 * <ul>
 *   <li>A pattern starting with {@code /} is anchored at the root ({@code /build} matches only
 *       the top-level {@code build}); otherwise it matches the end of the path, on a segment
 *       boundary ({@code *.log} matches {@code a/b/x.log}, {@code b/*.log} matches {@code a/b/x.log}).</li>
 *   <li>A pattern ending in {@code /} matches a folder and everything below it
 *       ({@code node_modules/}). As an exclude this is what rclone does; as an include rclone
 *       would select the folder but none of its files, which is never what a sync wants, so here
 *       it selects the files below ({@code dir/} means {@code dir/**}).</li>
 * </ul>
 * The rule: a file is excluded if it matches any exclude; when includes exist it must also match
 * at least one include. Order does not matter (unlike rclone's first-match {@code --filter}).
 * Excludes select what rclone 1.60 selects (tested against real rclone); so do includes, except
 * that rclone also skips folders an unanchored include with a {@code /} cannot match
 * ({@code --include node_modules/**} never sees {@code src/node_modules/x}), while here every
 * file is judged by the rule above.
 */
public final class PathFilter {
    private static final PathFilter ALL = new PathFilter(List.of(), List.of(), List.of());

    private final List<Pattern> includes;
    private final List<Pattern> excludes;
    private final List<Pattern> folderExcludes;

    private PathFilter(List<Pattern> includes, List<Pattern> excludes, List<Pattern> folderExcludes) {
        this.includes = List.copyOf(includes);
        this.excludes = List.copyOf(excludes);
        this.folderExcludes = List.copyOf(folderExcludes);
    }

    /** Accepts every path. */
    public static PathFilter all() {
        return ALL;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the file at {@code relativePath} is selected. */
    public boolean includes(String relativePath) {
        for (Pattern p : excludes) {
            if (p.matcher(relativePath).matches()) {
                return false;
            }
        }
        if (includes.isEmpty()) {
            return true;
        }
        for (Pattern p : includes) {
            if (p.matcher(relativePath).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether everything below the folder {@code relativeFolder} is excluded by a folder pattern,
     * so a scan need not enter it.
     */
    public boolean excludesFolder(String relativeFolder) {
        String probe = relativeFolder + "/";
        for (Pattern p : folderExcludes) {
            if (p.matcher(probe).matches()) {
                return true;
            }
        }
        return false;
    }

    public static final class Builder {
        private final List<Pattern> includes = new ArrayList<>();
        private final List<Pattern> excludes = new ArrayList<>();
        private final List<Pattern> folderExcludes = new ArrayList<>();

        private Builder() {
        }

        /** Adds an include glob (repeatable, like {@code --include}). */
        public Builder include(String glob) {
            includes.add(compile("include", glob));
            return this;
        }

        /** Adds an exclude glob (repeatable, like {@code --exclude}). */
        public Builder exclude(String glob) {
            Pattern p = compile("exclude", glob);
            excludes.add(p);
            if (glob.endsWith("/")) {
                folderExcludes.add(p);
            }
            return this;
        }

        public PathFilter build() {
            return new PathFilter(includes, excludes, folderExcludes);
        }
    }

    /** Translates a glob to a regular expression matched against the whole relative path. */
    static Pattern compile(String kind, String glob) {
        if (glob == null || glob.isEmpty() || glob.equals("/")) {
            throw new IllegalArgumentException(kind + " pattern must not be empty, was '" + glob + "'");
        }
        boolean anchored = glob.startsWith("/");
        boolean folder = glob.endsWith("/");
        String body = glob.substring(anchored ? 1 : 0, glob.length() - (folder ? 1 : 0));
        if (body.isEmpty()) {
            throw new IllegalArgumentException(kind + " pattern must name something, was '" + glob + "'");
        }
        StringBuilder re = new StringBuilder(anchored ? "" : "(?:.*/)?");
        int end = translate(kind, glob, body, 0, re, false);
        if (end != body.length()) {
            throw new IllegalArgumentException(kind + " pattern must have balanced braces, was '" + glob + "'");
        }
        re.append(folder ? "/.*" : "");
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Appends the regex for {@code body[from…]}; inside braces stops at {@code ,} or {@code }}. */
    private static int translate(String kind, String glob, String body, int from, StringBuilder re, boolean inBraces) {
        int i = from;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (inBraces && (c == ',' || c == '}')) {
                return i;
            }
            switch (c) {
                case '*' -> {
                    if (i + 1 < body.length() && body.charAt(i + 1) == '*') {
                        re.append(".*");
                        i++;
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '\\' -> {
                    if (i + 1 >= body.length()) {
                        throw new IllegalArgumentException(kind + " pattern must not end with a lone \\, was '" + glob + "'");
                    }
                    re.append(Pattern.quote(String.valueOf(body.charAt(++i))));
                }
                case '[' -> {
                    int close = body.indexOf(']', i + 2);
                    if (close < 0) {
                        throw new IllegalArgumentException(kind + " pattern must close every [, was '" + glob + "'");
                    }
                    re.append(characterClass(body.substring(i + 1, close)));
                    i = close;
                }
                case '{' -> {
                    re.append("(?:");
                    int j = i + 1;
                    while (true) {
                        j = translate(kind, glob, body, j, re, true);
                        if (j >= body.length()) {
                            throw new IllegalArgumentException(kind + " pattern must close every {, was '" + glob + "'");
                        }
                        if (body.charAt(j) == '}') {
                            break;
                        }
                        re.append('|');
                        j++;
                    }
                    re.append(')');
                    i = j;
                }
                case '}' -> throw new IllegalArgumentException(kind + " pattern must have balanced braces, was '" + glob + "'");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
            i++;
        }
        return i;
    }

    private static String characterClass(String inside) {
        StringBuilder b = new StringBuilder("[");
        int i = 0;
        if (inside.startsWith("^")) {
            b.append('^');
            i = 1;
        }
        for (; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '-' && i > 0 && i < inside.length() - 1) {
                b.append('-');
            } else if (Character.isLetterOrDigit(c)) {
                b.append(c);
            } else {
                b.append('\\').append(c);
            }
        }
        // A negated class must still not match the separator: * and ? stay within a segment.
        return b.append(b.charAt(1) == '^' ? "/]" : "]").toString();
    }
}
