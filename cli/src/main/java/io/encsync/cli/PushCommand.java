package io.encsync.cli;

import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.store.Store;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.sync.Push;
import io.encsync.core.sync.SyncResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "push", sortOptions = false, abbreviateSynopsis = true,
        description = {
            "Encrypt folder SRC into the crypt remote DEST, incrementally.",
            "",
            "Only new and changed files are written (compared by size and modification time, or by content with "
                    + "--checksum), then an authenticated manifest that pull and check verify. DEST is a local folder or "
                    + "s3://bucket[/prefix], and holds exactly what an rclone crypt remote over that location would hold, "
                    + "so stock rclone can restore it.",
            "",
            "One push runs at a time per remote: a second one exits 5 and names the host and process that hold the lock.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  encsync push ~/work/reports /srv/vault",
            "  encsync push ~/work/reports s3://my-backups/reports --region eu-west-1",
            "  encsync push --dry-run --delete ~/work/reports /srv/vault",
        })
final class PushCommand extends SyncCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SRC", description = "The folder to back up.")
    Path source;

    @Parameters(index = "1", paramLabel = "DEST", description = "A local folder or s3://bucket[/prefix].")
    String destination;

    @Option(names = "--break-lock", description = "Remove another push's lock on DEST first. A lock left by a push "
            + "killed on this host is removed anyway, so this is for one killed on another machine.")
    boolean breakLock;

    @Mixin
    StorageClassOption storageClass = new StorageClassOption();

    @Mixin
    HelpOption help = new HelpOption();

    @Override
    public Integer call() {
        ConsoleListener listener = listener();
        var options = flags.toBuilder().breakLock(breakLock).progressInterval(listener.progressInterval()).build();
        try (CryptContext ctx = CryptContext.open(crypt.toConfig(), ContentCipher.defaultParallelism());
             Store store = storageClass.applyTo(remote).openForWrite(destination)) {
            SyncResult result = Push.run(source, store, ctx, options, listener);
            return report("push", result, listener);
        }
    }
}
