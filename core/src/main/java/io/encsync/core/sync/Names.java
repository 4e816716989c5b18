package io.encsync.core.sync;

/**
 * Printing untrusted names: every path in a message comes from a file system or a bucket, so
 * control characters are escaped (a name with a newline or an ANSI sequence must not forge log lines).
 */
final class Names {
    private Names() {
    }

    /** The name with control characters, DEL and C1 controls escaped as {@code \xNN} / {@code \n}. */
    static String escape(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\\') {
                sb.append("\\\\");
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    /** The escaped name in backquotes, as messages show paths: {@code `a/b.txt`}. */
    static String quote(String name) {
        return "`" + escape(name) + "`";
    }
}
