package io.encsync.jenkins.support;

import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** Small text helpers for data-bound fields. */
@Restricted(NoExternalUse.class)
public final class Texts {
    private Texts() {
    }

    public static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public static String orDefault(String s, String fallback) {
        String t = trimToNull(s);
        return t == null ? fallback : t;
    }
}
