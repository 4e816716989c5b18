package io.encsync.cli;

import io.encsync.core.store.Store;
import io.encsync.core.sync.CryptContext;
import io.encsync.core.sync.Pull;
import io.encsync.core.sync.SyncResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pull", sortOptions = false,
        description = {
            "Decrypt the crypt remote SRC into DEST. Every file is verified against the push's authenticated",
            "manifest before it is written: missing, truncated, swapped, stale or unlisted files are reported",
            "and not restored (exit 4). Files are written under a temporary name and renamed into place."
        })
final class PullCommand extends SyncCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SRC", description = "Local folder or s3://bucket[/prefix].")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "The folder to restore into (created if missing).")
    Path target;

    @Option(names = "--min-generation", paramLabel = "N", defaultValue = "0",
            description = "Refuse a manifest older than generation N (protects against a rolled-back remote).")
    long minGeneration;

    @Override
    public Integer call() {
        ConsoleListener listener = listener();
        var options = flags.toBuilder().minGeneration(minGeneration).progressInterval(listener.progressInterval()).build();
        try (CryptContext ctx = CryptContext.open(crypt.toConfig(), Runtime.getRuntime().availableProcessors());
             Store store = remote.openForRead(source)) {
            SyncResult result = Pull.run(store, target, ctx, options, listener);
            return report("pull", result, listener);
        }
    }
}
