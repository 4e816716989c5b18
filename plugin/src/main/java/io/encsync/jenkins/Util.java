package io.encsync.jenkins;

/** Small text helpers for data-bound fields. */
final class Util {
    private Util() {
    }

    static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String orDefault(String s, String fallback) {
        String t = trimToNull(s);
        return t == null ? fallback : t;
    }
}
