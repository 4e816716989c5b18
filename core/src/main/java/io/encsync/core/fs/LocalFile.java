package io.encsync.core.fs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a {@link LocalTree} scan.
 *
 * @param path       where it is relative to the scanned folder
 * @param size       bytes of content (for a link: UTF-8 bytes of its target text)
 * @param modTime    modification time (of the link itself for {@link Kind#LINK})
 * @param absolute   the file to read ({@link SymlinkMode#COPY_LINKS}: the real file a link leads to)
 * @param kind       a regular file, or a link reported by {@link SymlinkMode#LINKS}
 * @param linkTarget the link's target text as stored in the link, for {@link Kind#LINK}; else null
 * @param mode       the permission bits ({@link FileModes}) of the file read ({@link FileModes#DEFAULT} for a link)
 */
public record LocalFile(RelativePath path, long size, Instant modTime, Path absolute, Kind kind, String linkTarget,
                        int mode) {

    public enum Kind { FILE, LINK }

    public LocalFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modTime, "modTime");
        Objects.requireNonNull(absolute, "absolute");
        Objects.requireNonNull(kind, "kind");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        if (!FileModes.isValid(mode)) {
            throw new IllegalArgumentException("mode must be between 0 and 0777, was " + mode);
        }
        if ((kind == Kind.LINK) != (linkTarget != null)) {
            throw new IllegalArgumentException("linkTarget must be set exactly for links, was " + linkTarget + " for " + kind);
        }
    }
}
