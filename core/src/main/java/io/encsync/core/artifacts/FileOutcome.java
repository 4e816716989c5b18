package io.encsync.core.artifacts;

import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * What the agent reports for one uploaded file: on success the plaintext size, mtime and SHA-256,
 * the file nonce it encrypted with (what the manifest records) and the ETag of each part (one
 * for a whole object); on failure the error's category and one-line message. Plain data on the
 * wire; {@link #fromWire} checks every field, because the agent is not trusted.
 */
record FileOutcome(String path, boolean ok, long size, long mtimeNanos, String sha256, String nonce,
                   List<String> etags, ErrorCategory category, String error, boolean expired) {

    static FileOutcome success(String path, long size, long mtimeNanos, byte[] sha256, byte[] nonce,
                               List<String> etags) {
        return new FileOutcome(path, true, size, mtimeNanos, HexFormat.of().formatHex(sha256),
                HexFormat.of().formatHex(nonce), List.copyOf(etags), null, null, false);
    }

    static FileOutcome failure(String path, ErrorCategory category, String message) {
        return failure(path, category, message, false);
    }

    /** @param expired S3 refused the file's URL as expired: the controller may sign a fresh one */
    static FileOutcome failure(String path, ErrorCategory category, String message, boolean expired) {
        return new FileOutcome(path, false, 0, 0, null, null, List.of(), category, message, expired);
    }

    Map<String, Object> toWire() {
        Map<String, Object> m = new HashMap<>();
        m.put("path", path);
        m.put("ok", ok);
        if (ok) {
            m.put("size", size);
            m.put("mtimeNanos", mtimeNanos);
            m.put("sha256", sha256);
            m.put("nonce", nonce);
            m.put("etags", new ArrayList<>(etags));
        } else {
            m.put("category", category.name());
            m.put("error", error);
            if (expired) {
                m.put("expired", true);
            }
        }
        return m;
    }

    static FileOutcome fromWire(Map<?, ?> m, String what) {
        String path = Wire.string(m, "path", what);
        if (!Wire.flag(m, "ok", what)) {
            ErrorCategory category;
            try {
                category = ErrorCategory.valueOf(Wire.string(m, "category", what));
            } catch (IllegalArgumentException e) {
                category = ErrorCategory.REMOTE;
            }
            return failure(path, category, Wire.string(m, "error", what), Boolean.TRUE.equals(m.get("expired")));
        }
        String sha256 = Wire.string(m, "sha256", what);
        String nonce = Wire.string(m, "nonce", what);
        if (!isHex(sha256, 32) || !isHex(nonce, 24)) {
            throw new IntegrityException(what + ": malformed SHA-256 or nonce for '" + path + "'");
        }
        return new FileOutcome(path, true, Wire.number(m, "size", what), Wire.number(m, "mtimeNanos", what),
                sha256, nonce, Wire.strings(m, "etags", what), null, null, false);
    }

    private static boolean isHex(String s, int bytes) {
        return s.length() == bytes * 2 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
}
