package io.encsync.core.artifacts;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One presigned request: the URL, the headers the signature covers and that the sender must send
 * with exactly these values ({@code host} and {@code content-length} excluded: the HTTP client
 * sets them), and the body size it is signed for ({@code -1} for a GET).
 *
 * <p>A presigned URL is a capability: whoever has it may do that one request until it expires.
 * {@link #toString()} and every message therefore show only the path, never the query.
 */
record SignedUrl(String url, Map<String, String> headers, long size) {
    SignedUrl {
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
    }

    URI uri() {
        return URI.create(url);
    }

    Map<String, Object> toWire() {
        Map<String, Object> m = new HashMap<>();
        m.put("url", url);
        m.put("headers", new HashMap<>(headers));
        m.put("size", size);
        return m;
    }

    static SignedUrl fromWire(Map<?, ?> m, String what) {
        return new SignedUrl(Wire.string(m, "url", what), Wire.stringMap(m, "headers", what),
                Wire.number(m, "size", what));
    }

    /** The URL without its query (the signature): safe for messages. */
    static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    @Override
    public String toString() {
        return "SignedUrl[" + redact(url) + ", size=" + size + "]";
    }
}
