package io.encsync.core.artifacts;

import io.encsync.core.IntegrityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the plain-data maps that cross between controller and agent (see the package comment
 * for their fields). Every value is checked for its JDK type; a missing or mistyped field is an
 * {@link IntegrityException} naming the message and the field, because a reply comes from an
 * agent the controller does not trust and a plan from a controller that may run another version.
 */
final class Wire {
    private Wire() {
    }

    static void requireFormat(Map<?, ?> m, String format, String what) {
        Object value = m == null ? null : m.get("format");
        if (!format.equals(value)) {
            throw new IntegrityException(what + " is not a " + format + " message (format "
                    + (value instanceof String s ? "'" + s + "'" : "missing") + ") — the controller and the agent "
                    + "run different encsync versions; update the plugin on both");
        }
    }

    static String string(Map<?, ?> m, String field, String what) {
        return typed(m, field, String.class, what);
    }

    /** A String field that may be absent (null). */
    static String optionalString(Map<?, ?> m, String field, String what) {
        return m.get(field) == null ? null : string(m, field, what);
    }

    static long number(Map<?, ?> m, String field, String what) {
        return typed(m, field, Long.class, what);
    }

    /** A file's permission bits ({@link io.encsync.core.fs.FileModes}): a number from 0 to 0777. */
    static int mode(Map<?, ?> m, String what) {
        long mode = number(m, "mode", what);
        if (!io.encsync.core.fs.FileModes.isValid(mode)) {
            throw new IntegrityException(what + ": field 'mode' is " + mode + ", not a permission mode (0 to 0777)");
        }
        return (int) mode;
    }

    static boolean flag(Map<?, ?> m, String field, String what) {
        return typed(m, field, Boolean.class, what);
    }

    static byte[] bytes(Map<?, ?> m, String field, String what) {
        return typed(m, field, byte[].class, what);
    }

    /** A list whose elements are all maps. */
    static List<Map<?, ?>> maps(Map<?, ?> m, String field, String what) {
        List<?> list = typed(m, field, List.class, what);
        List<Map<?, ?>> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> map)) {
                throw bad(what, field, "a list of maps");
            }
            out.add(map);
        }
        return out;
    }

    /** A list whose elements are all strings. */
    static List<String> strings(Map<?, ?> m, String field, String what) {
        List<?> list = typed(m, field, List.class, what);
        List<String> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw bad(what, field, "a list of strings");
            }
            out.add(s);
        }
        return out;
    }

    /** A map from strings to strings. */
    static Map<String, String> stringMap(Map<?, ?> m, String field, String what) {
        Map<?, ?> map = typed(m, field, Map.class, what);
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
                throw bad(what, field, "a map of strings");
            }
            out.put(k, v);
        }
        return out;
    }

    private static <T> T typed(Map<?, ?> m, String field, Class<T> type, String what) {
        Object value = m.get(field);
        if (!type.isInstance(value)) {
            throw bad(what, field, type.getSimpleName());
        }
        return type.cast(value);
    }

    private static IntegrityException bad(String what, String field, String type) {
        return new IntegrityException(what + ": field '" + field + "' is missing or not " + type
                + " — the message is malformed (the controller and the agent may run different encsync versions)");
    }
}
