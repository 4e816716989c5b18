package io.encsync.cli;

import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.store.Store;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.sync.Pull;
import io.encsync.core.sync.SyncResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pull", sortOptions = false, abbreviateSynopsis = true,
        description = {
            "Decrypt the crypt remote SRC into folder DEST.",
            "",
            "Every file is verified against the authenticated manifest of the last push before it is written: "
                    + "missing, truncated, swapped, stale or unlisted files are reported and not restored (exit 4). "
                    + "Files are written under a temporary name and renamed into place, so an interrupted pull leaves "
                    + "no partial file under a final name.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  encsync pull /srv/vault ~/restore",
            "  encsync pull s3://my-backups/reports ~/restore --region eu-west-1",
            "  encsync pull --min-generation 42 s3://my-backups/reports ~/restore",
        })
final class PullCommand extends SyncCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SRC", description = "A local folder or s3://bucket[/prefix].")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "The folder to restore into (created if missing).")
    Path target;

    @Option(names = "--min-generation", paramLabel = "N", defaultValue = "0",
            description = "Refuse a manifest older than generation N, which protects against a rolled-back remote.")
    long minGeneration;

    @Mixin
    HelpOption help = new HelpOption();

    @Override
    public Integer call() {
        ConsoleListener listener = listener();
        var options = flags.toBuilder().minGeneration(minGeneration).progressInterval(listener.progressInterval()).build();
        try (CryptContext ctx = CryptContext.open(crypt.toConfig(), ContentCipher.defaultParallelism());
             Store store = remote.openForRead(source)) {
            SyncResult result = Pull.run(store, target, ctx, options, listener);
            return report("pull", result, listener);
        }
    }
}
