package io.encsync.core.sync;

import io.encsync.core.fs.LocalFile;
import io.encsync.core.fs.LocalTree;
import io.encsync.core.fs.SymlinkMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Scans a push source with the options' filters and symlink mode. */
final class SourceScan {
    private SourceScan() {
    }

    static List<SourceFile> scan(Path source, SyncOptions options, SyncListener out) {
        List<LocalFile> files = LocalTree.builder(source)
                .filter(Filters.filter(options))
                .symlinks(options.symlinkMode())
                .onWarning(out::onWarning)
                .build()
                .scan();
        boolean follow = options.symlinkMode() == SymlinkMode.COPY_LINKS;
        List<SourceFile> result = new ArrayList<>(files.size());
        Set<String> seen = new HashSet<>();
        for (LocalFile f : files) {
            SourceFile s = SourceFile.of(f, follow);
            // A link `x` stored as `x.rclonelink` must not collide with a real file of that name.
            if (!seen.add(s.path())) {
                out.onWarning(Names.quote(s.path()) + " exists both as a file and as a link stored under that name; "
                        + "the link is skipped");
                continue;
            }
            result.add(s);
        }
        return result;
    }
}
