package io.encsync.core.sync;

import io.encsync.core.fs.PathRules;

/**
 * Printing untrusted names: every path in a message comes from a file system or a bucket, so
 * control, bidi and other invisible characters are escaped (a name with a newline or an ANSI
 * sequence must not forge log lines). The escaping itself is {@link PathRules#escape}'s.
 */
final class Names {
    private Names() {
    }

    static String escape(String name) {
        return PathRules.escape(name);
    }

    /** The escaped name in backquotes, as messages show paths: {@code `a/b.txt`}. */
    static String quote(String name) {
        return "`" + escape(name) + "`";
    }
}
