package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link PresignedDownloader} reports: files and plaintext bytes restored, retries needed,
 * and every artifact that was not restored with why. Travels as plain data ({@link #toWire()},
 * {@link #fromWire}); the controller turns failures into one error with {@link #throwIfFailed()}.
 */
public record DownloadResult(String label, long files, long bytes, long retries, List<TransferFailure> failures) {
    static final String FORMAT = "encsync-artifacts-download-reply-v1";

    public DownloadResult {
        failures = List.copyOf(failures);
    }

    public boolean ok() {
        return failures.isEmpty();
    }

    /** @throws EncsyncException naming the failed artifacts (up to ten), with the worst category */
    public void throwIfFailed() {
        if (!failures.isEmpty()) {
            throw TransferFailure.combined("of " + label + " were not restored", failures);
        }
    }

    Map<String, Object> toWire() {
        List<Object> rows = new ArrayList<>(failures.size());
        for (TransferFailure f : failures) {
            Map<String, Object> row = new HashMap<>();
            row.put("path", f.path());
            row.put("category", f.category().name());
            row.put("message", f.message());
            rows.add(row);
        }
        Map<String, Object> m = new HashMap<>();
        m.put("format", FORMAT);
        m.put("set", label);
        m.put("files", files);
        m.put("bytes", bytes);
        m.put("retries", retries);
        m.put("failures", rows);
        return m;
    }

    /** The controller's side: parses an agent's reply (untrusted: every field is checked). */
    public static DownloadResult fromWire(Map<?, ?> m) {
        String what = "the agent's download reply";
        Wire.requireFormat(m, FORMAT, what);
        List<TransferFailure> failures = new ArrayList<>();
        for (Map<?, ?> row : Wire.maps(m, "failures", what)) {
            ErrorCategory category;
            try {
                category = ErrorCategory.valueOf(Wire.string(row, "category", what));
            } catch (IllegalArgumentException e) {
                category = ErrorCategory.REMOTE;
            }
            failures.add(new TransferFailure(Wire.string(row, "path", what), category, Wire.string(row, "message", what)));
        }
        return new DownloadResult(Wire.string(m, "set", what), Wire.number(m, "files", what),
                Wire.number(m, "bytes", what), Wire.number(m, "retries", what), failures);
    }
}
