package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import io.encsync.core.fs.FileModes;
import io.encsync.core.fs.PathRules;
import io.encsync.core.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Agent side, step 1 of an archive: the size and modification time of each file to archive, so
 * that the controller can plan (and presign) exactly those objects. Reads no content.
 *
 * <p>The reply is plain data (see the package comment, "scan"). Each file is one row:
 * its archive path, its path below the workspace, size, mtime and permission bits (what unstash
 * restores, as Jenkins' own tar-based stash does; {@link FileModes#DEFAULT} where the agent's file
 * system has no POSIX permissions). Both paths must pass
 * {@link PathRules} (no {@code ..}, nothing absolute, no control characters); the source may be a
 * symlink to a regular file, as in Jenkins' own archiving.
 */
public final class ArtifactScan {
    static final String FORMAT = "encsync-artifacts-scan-v1";

    /** One scanned file; rows of the scan reply. {@code mode}: its permission bits ({@link FileModes}). */
    record ScannedFile(String path, String source, long size, long mtimeNanos, int mode) {
        Map<String, Object> toWire() {
            Map<String, Object> m = new HashMap<>();
            m.put("path", path);
            m.put("source", source);
            m.put("size", size);
            m.put("mtimeNanos", mtimeNanos);
            m.put("mode", (long) mode);
            return m;
        }
    }

    private ArtifactScan() {
    }

    /** A scanned mtime (nanoseconds since the epoch, as the manifest keeps it) as an instant. */
    static Instant instant(long mtimeNanos) {
        return FileTime.from(mtimeNanos, TimeUnit.NANOSECONDS).toInstant();
    }

    /**
     * Stats every file of {@code artifacts} (archive path → path below {@code workspace}).
     *
     * @throws EncsyncException (usage) for an unusable path, (local I/O) for a missing or unreadable
     *     file or one that is not a regular file
     */
    public static Map<String, Object> scan(Path workspace, Map<String, String> artifacts) {
        List<Object> rows = new ArrayList<>(artifacts.size());
        for (Map.Entry<String, String> a : new TreeMap<>(artifacts).entrySet()) {
            String path = usable(a.getKey(), "artifact path");
            String source = usable(a.getValue(), "workspace path");
            Path file = workspace.resolve(source); // validated relative segments only: stays below workspace
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, SafeFiles.attributeType(file));
            } catch (IOException e) {
                throw SafeFiles.ioError(file, "cannot read the file to archive", e);
            }
            if (!attrs.isRegularFile()) {
                throw EncsyncException.localIo(file + ": not a regular file — only files can be archived", null);
            }
            rows.add(new ScannedFile(path, source, attrs.size(),
                    attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), FileModes.of(attrs)).toWire());
        }
        Map<String, Object> reply = new HashMap<>();
        reply.put("format", FORMAT);
        reply.put("files", rows);
        return reply;
    }

    /** The controller's view of a scan reply: validated, duplicates refused. */
    static List<ScannedFile> fromWire(Map<?, ?> reply) {
        String what = "the agent's scan";
        Wire.requireFormat(reply, FORMAT, what);
        List<ScannedFile> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Map<?, ?> row : Wire.maps(reply, "files", what)) {
            ScannedFile f = new ScannedFile(usable(Wire.string(row, "path", what), "artifact path"),
                    usable(Wire.string(row, "source", what), "workspace path"),
                    Wire.number(row, "size", what), Wire.number(row, "mtimeNanos", what), Wire.mode(row, what));
            if (f.size() < 0) {
                throw new IntegrityException(what + ": negative size for '" + PathRules.escape(f.path()) + "'");
            }
            if (!seen.add(f.path())) {
                throw new IntegrityException(what + ": '" + PathRules.escape(f.path()) + "' is listed twice");
            }
            files.add(f);
        }
        return files;
    }

    private static String usable(String path, String what) {
        try {
            return PathRules.defaults().parse(path, null).toString();
        } catch (IntegrityException e) {
            throw EncsyncException.usage(what + " is not usable: " + e.getMessage());
        }
    }
}
