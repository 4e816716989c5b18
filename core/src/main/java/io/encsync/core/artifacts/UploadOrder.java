package io.encsync.core.artifacts;

import io.encsync.core.IntegrityException;
import io.encsync.core.fs.PathRules;
import io.encsync.core.keys.SecretBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The agent's view of an {@link UploadPlan} message: the content key and, per file, where to read
 * it and the presigned request(s) to send it with. Parsed and checked before anything is read
 * or sent. Holds the key; never printed.
 */
final class UploadOrder {
    /** One file: either {@code put} (a whole object) or {@code parts} (a multipart upload). */
    record FileOrder(String path, String source, long size, long mtimeNanos, long objectSize, SignedUrl put,
                     List<SignedUrl> parts) {
        boolean multipart() {
            return put == null;
        }
    }

    private final String label;
    private final SecretBytes contentKey;
    private final List<FileOrder> files;

    private UploadOrder(String label, SecretBytes contentKey, List<FileOrder> files) {
        this.label = label;
        this.contentKey = contentKey;
        this.files = files;
    }

    static UploadOrder fromWire(Map<?, ?> m) {
        String what = "the upload plan";
        Wire.requireFormat(m, UploadPlan.FORMAT, what);
        byte[] key = Wire.bytes(m, "contentKey", what);
        if (key.length != 32) {
            throw new IntegrityException(what + ": the content key is " + key.length + " bytes, not 32");
        }
        List<FileOrder> files = new ArrayList<>();
        for (Map<?, ?> f : Wire.maps(m, "files", what)) {
            String path = Wire.string(f, "path", what);
            String source = Wire.string(f, "source", what);
            PathRules.defaults().parse(source, null); // the agent never reads outside its workspace
            SignedUrl put = f.get("put") == null ? null : SignedUrl.fromWire(asMap(f.get("put"), what), what);
            List<SignedUrl> parts = new ArrayList<>();
            if (put == null) {
                for (Map<?, ?> p : Wire.maps(f, "parts", what)) {
                    parts.add(SignedUrl.fromWire(p, what));
                }
                if (parts.isEmpty()) {
                    throw new IntegrityException(what + ": '" + PathRules.escape(path) + "' has neither a PUT nor parts");
                }
            }
            files.add(new FileOrder(path, source, Wire.number(f, "size", what), Wire.number(f, "mtimeNanos", what),
                    Wire.number(f, "objectSize", what), put, List.copyOf(parts)));
        }
        return new UploadOrder(Wire.string(m, "set", what), SecretBytes.copyOf(key), List.copyOf(files));
    }

    private static Map<?, ?> asMap(Object o, String what) {
        if (!(o instanceof Map<?, ?> map)) {
            throw new IntegrityException(what + ": field 'put' is not a map");
        }
        return map;
    }

    String label() {
        return label;
    }

    SecretBytes contentKey() {
        return contentKey;
    }

    List<FileOrder> files() {
        return files;
    }

    @Override
    public String toString() {
        return "UploadOrder[" + label + ", files=" + files.size() + "]";
    }
}
