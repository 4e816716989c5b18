package io.encsync.cli;

import io.encsync.core.store.Store;
import io.encsync.core.sync.CryptContext;
import io.encsync.core.sync.Push;
import io.encsync.core.sync.SyncResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "push", sortOptions = false,
        description = {
            "Encrypt SRC into the crypt remote DEST, incrementally: only new and changed files are written,",
            "then an authenticated manifest. DEST is a local folder or s3://bucket[/prefix]; it is exactly what",
            "an rclone crypt remote over that location holds, so stock rclone can restore it."
        })
final class PushCommand extends SyncCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SRC", description = "The folder to back up.")
    Path source;

    @Parameters(index = "1", paramLabel = "DEST", description = "Local folder or s3://bucket[/prefix].")
    String destination;

    @Option(names = "--break-lock", description = {
        "Remove another push's lock on DEST first. Only one push runs at a time per remote; a lock left by",
        "a push killed on this host is removed anyway, so this is for one killed on another machine."})
    boolean breakLock;

    @Override
    public Integer call() {
        ConsoleListener listener = listener();
        var options = flags.toBuilder().breakLock(breakLock).progressInterval(listener.progressInterval()).build();
        try (CryptContext ctx = CryptContext.open(crypt.toConfig(), Runtime.getRuntime().availableProcessors());
             Store store = remote.openForWrite(destination)) {
            SyncResult result = Push.run(source, store, ctx, options, listener);
            return report("push", result, listener);
        }
    }
}
