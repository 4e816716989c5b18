package io.encsync.core.names;

/**
 * Names as they may appear in messages: control, bidi and line-separator characters escaped (a
 * name from a bucket must not be able to forge log lines or reorder a terminal's text), unpaired
 * surrogates shown as escapes, and long names cut short.
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
        return Character.isISOControl(c) // C0, DEL, C1 (ESC starts terminal sequences)
                || c <= 0xFFFF && Character.isSurrogate((char) c) // unpaired: codePointAt returned it alone
                || c == 0x2028 || c == 0x2029 // line and paragraph separators
                || c == 0x061C || c == 0x200E || c == 0x200F // bidi marks
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); // bidi embeddings, isolates
    }
}
