package io.encsync.core.names;

/**
 * Names as they may appear in messages: control, format (bidi, zero-width) and line-separator
 * characters written as Java-style Unicode escapes (a name from a bucket must not be able to forge
 * log lines or reorder a terminal's text), unpaired surrogates likewise, long names cut short.
 */
final class NameText {
    /** Longer names are cut to their first {@link #KEEP} code points and an ellipsis. */
    static final int MAX_CODE_POINTS = 80;
    static final int KEEP = 60;

    private NameText() {
    }

    static String forMessage(String name) {
        String shown = name;
        if (name.codePointCount(0, name.length()) > MAX_CODE_POINTS) {
            shown = name.substring(0, name.offsetByCodePoints(0, KEEP));
        }
        StringBuilder out = new StringBuilder(shown.length() + 8);
        for (int i = 0; i < shown.length(); ) {
            int c = shown.codePointAt(i);
            i += Character.charCount(c);
            appendEscaped(out, c);
        }
        if (shown != name) {
            out.append('…');
        }
        return out.toString();
    }

    /** One character for a "character X is not …" reason: {@code 'x' (U+0078)}. */
    static String describe(char c) {
        StringBuilder out = new StringBuilder("'");
        appendEscaped(out, c);
        return out.append("' (").append(String.format("U+%04X", (int) c)).append(')').toString();
    }

    private static void appendEscaped(StringBuilder out, int c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (needsEscape(c)) {
                    out.append(String.format("\\u%04x", c));
                } else {
                    out.appendCodePoint(c);
                }
            }
        }
    }

    private static boolean needsEscape(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL // C0, DEL, C1 (ESC starts terminal sequences)
                || type == Character.FORMAT // bidi overrides and isolates, zero-width characters
                || type == Character.SURROGATE // unpaired: codePointAt returned it alone
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
