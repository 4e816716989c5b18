package io.encsync.core.store;

import io.encsync.core.IntegrityException;
import io.encsync.core.fs.PathRules;
import java.util.List;

/**
 * The shape every store key must have: a plain relative key {@code a/b/c}. Stores refuse anything
 * else with an {@link IntegrityException} before touching storage, so that no caller can make a
 * store address something outside its root (a local folder would otherwise resolve {@code ..} or
 * an absolute key as a real path).
 *
 * <p>Refused: the empty key, a leading {@code /} (absolute), a trailing {@code /} (directory
 * marker), an empty segment ({@code a//b}), a {@code .} or {@code ..} segment, and NUL. Other
 * characters are allowed: keys are encrypted names, or plaintext names in rclone's {@code off}
 * and {@code obfuscate} modes, and the store does not judge them; the pull side validates the
 * decrypted names ({@link PathRules}).
 */
public final class StoreKeys {
    private StoreKeys() {
    }

    /** Returns the key's segments, or throws {@link IntegrityException} naming the key and the problem. */
    public static List<String> segments(String key) {
        String problem = problem(key);
        if (problem != null) {
            throw new IntegrityException("unsafe store key '" + PathRules.escape(String.valueOf(key)) + "': "
                    + problem + " — store keys are relative paths like a/b/c");
        }
        return List.of(key.split("/", -1));
    }

    /** Checks the key; see the class comment. */
    public static void check(String key) {
        segments(key);
    }

    private static String problem(String key) {
        if (key == null || key.isEmpty()) {
            return "empty key";
        }
        if (key.indexOf('\0') >= 0) {
            return "NUL character";
        }
        if (key.startsWith("/")) {
            return "absolute key";
        }
        for (String segment : key.split("/", -1)) {
            if (segment.isEmpty()) {
                return "empty segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "'" + segment + "' segment";
            }
        }
        return null;
    }
}
