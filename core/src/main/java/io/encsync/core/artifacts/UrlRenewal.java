package io.encsync.core.artifacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second round of a transfer whose presigned URLs S3 refused as expired (the URL outlived its
 * lifetime, or the controller's role session that signed it ended): which files the controller
 * signs again, and the agent's two replies merged into one. Once only: a file refused again in
 * the second round fails with S3's answer.
 *
 * <p>The agent is not trusted: only files of the controller's own plan are renewed (it names the
 * paths, never a key), and the second reply contributes only rows of the renewed files.
 */
final class UrlRenewal {
    private static final String UPLOAD_REPLY = "the agent's upload reply";
    private static final String DOWNLOAD_REPLY = "the agent's download reply";

    private UrlRenewal() {
    }

    /** The planned files whose upload failed with an expired URL, in plan order. */
    static Set<String> expiredUploads(UploadPlan plan, Map<?, ?> reply) {
        Wire.requireFormat(reply, PresignedUploader.REPLY_FORMAT, UPLOAD_REPLY);
        Set<String> expired = new HashSet<>();
        for (Map<?, ?> row : Wire.maps(reply, "files", UPLOAD_REPLY)) {
            FileOutcome o = FileOutcome.fromWire(row, UPLOAD_REPLY);
            if (!o.ok() && o.expired()) {
                expired.add(o.path());
            }
        }
        Set<String> planned = new LinkedHashSet<>();
        for (UploadPlan.PlannedFile f : plan.files()) {
            if (expired.contains(f.path())) {
                planned.add(f.path());
            }
        }
        return planned;
    }

    /** The first reply with the rows of the {@code renewed} files taken from the second. */
    static Map<String, Object> mergeUploads(Map<?, ?> first, Map<?, ?> second, Set<String> renewed) {
        Wire.requireFormat(second, PresignedUploader.REPLY_FORMAT, UPLOAD_REPLY);
        List<Object> rows = new ArrayList<>();
        for (Map<?, ?> row : Wire.maps(first, "files", UPLOAD_REPLY)) {
            if (!renewed.contains(Wire.string(row, "path", UPLOAD_REPLY))) {
                rows.add(row);
            }
        }
        Set<String> taken = new HashSet<>();
        for (Map<?, ?> row : Wire.maps(second, "files", UPLOAD_REPLY)) {
            String path = Wire.string(row, "path", UPLOAD_REPLY);
            if (renewed.contains(path) && taken.add(path)) {
                rows.add(row);
            }
        }
        Map<String, Object> merged = new HashMap<>();
        merged.put("format", PresignedUploader.REPLY_FORMAT);
        merged.put("files", rows);
        merged.put("bytes", Wire.number(first, "bytes", UPLOAD_REPLY) + Wire.number(second, "bytes", UPLOAD_REPLY));
        merged.put("retries", Wire.number(first, "retries", UPLOAD_REPLY)
                + Wire.number(second, "retries", UPLOAD_REPLY));
        merged.put("renewed", (long) renewed.size());
        return merged;
    }

    /** The planned files whose download failed with an expired URL. */
    static Set<String> expiredDownloads(DownloadPlan plan, Map<?, ?> reply, DownloadResult result) {
        Set<String> failed = new HashSet<>();
        result.failures().forEach(f -> failed.add(f.path()));
        Set<String> reported = reply.get(PresignedDownloader.EXPIRED) == null ? Set.of()
                : new HashSet<>(Wire.strings(reply, PresignedDownloader.EXPIRED, DOWNLOAD_REPLY));
        Set<String> expired = new LinkedHashSet<>();
        for (DownloadPlan.Item i : plan.items()) {
            String path = i.entry().path();
            if (reported.contains(path) && failed.contains(path)) {
                expired.add(path);
            }
        }
        return expired;
    }

    /** Both rounds as one result: the second round's outcome for the renewed files. */
    static DownloadResult mergeDownloads(DownloadResult first, DownloadResult second, Set<String> renewed) {
        List<TransferFailure> failures = new ArrayList<>();
        for (TransferFailure f : first.failures()) {
            if (!renewed.contains(f.path())) {
                failures.add(f);
            }
        }
        for (TransferFailure f : second.failures()) {
            if (renewed.contains(f.path())) {
                failures.add(f);
            }
        }
        return new DownloadResult(first.label(), first.files() + second.files(), first.bytes() + second.bytes(),
                first.retries() + second.retries(), failures);
    }
}
