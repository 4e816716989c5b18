package io.encsync.cli;

import io.encsync.core.EncsyncException;
import io.encsync.core.fs.SymlinkMode;
import io.encsync.core.sync.SyncOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options shared by push and pull, with rclone's names where rclone has one. */
final class SyncFlags {
    @Option(names = "--checksum", description = "Compare content hashes instead of size and modification time.")
    boolean checksum;

    @Option(names = "--delete", description = "Delete destination files that no longer exist in the source.")
    boolean delete;

    @Option(names = {"-n", "--dry-run"}, description = "Print the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--include", paramLabel = "GLOB", description = "Only files matching GLOB (rclone-style: *, **, ?, [..], {a,b}; a leading / anchors at the root). Repeatable.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB", description = "Leave out files matching GLOB; wins over --include. Repeatable.")
    List<String> excludes = new ArrayList<>();

    @Option(names = {"-L", "--copy-links"}, description = "Follow symlinks (never outside the source folder).")
    boolean copyLinks;

    @Option(names = {"-l", "--links"}, description = "Store symlinks as rclone does, as .rclonelink files (and restore them on pull).")
    boolean links;

    @Option(names = "--transfers", paramLabel = "N", defaultValue = "4", description = "How many files are transferred in parallel. Default: ${DEFAULT-VALUE}.")
    int transfers;

    SyncOptions.Builder toBuilder() {
        if (copyLinks && links) {
            throw EncsyncException.usage("--copy-links and --links contradict each other — choose one: follow links, or store them as .rclonelink files");
        }
        return SyncOptions.builder()
                .checksum(checksum)
                .delete(delete)
                .dryRun(dryRun)
                .includes(includes)
                .excludes(excludes)
                .symlinkMode(links ? SymlinkMode.LINKS : copyLinks ? SymlinkMode.COPY_LINKS : SymlinkMode.SKIP)
                .transfers(transfers);
    }
}
