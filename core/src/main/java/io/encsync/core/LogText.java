package io.encsync.core;

/**
 * Makes untrusted text (file names from a workspace, object keys from a bucket) safe to print in
 * a log that a browser or terminal renders.
 *
 * <p>A name may contain newlines (to forge log lines such as "Finished: SUCCESS"), ANSI escape
 * sequences (to rewrite a terminal), bidi overrides (to disguise an extension), or markup. We
 * escape every control, format and line-separator character as {@code \\uXXXX} and the
 * characters {@code < > & "} as their HTML entities, so the printed form is one inert line.
 */
public final class LogText {
    private LogText() {
    }

    /** The printable, single-line form of {@code name}, quoted with backticks. */
    public static String name(String name) {
        return "`" + escape(name) + "`";
    }

    /** {@code text} with control, format and markup characters escaped; otherwise unchanged. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\\' -> out.append("\\\\");
                default -> {
                    int type = Character.getType(cp);
                    boolean invisible = type == Character.CONTROL || type == Character.FORMAT
                            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                            || type == Character.UNASSIGNED || type == Character.SURROGATE;
                    if (invisible) {
                        out.append(String.format("\\u%04X", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.toString();
    }
}
