package io.encsync.cli;

import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.store.Store;
import io.encsync.core.sync.Check;
import io.encsync.core.sync.CheckReport;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.sync.Difference;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "check", sortOptions = false, abbreviateSynopsis = true,
        description = {
            "Compare folder LOCAL with the crypt remote REMOTE without downloading file data.",
            "",
            "The local files are compared with the sizes and SHA-256 hashes in the remote's manifest, and each "
                    + "object's size and header nonce with the manifest. Every difference is listed. "
                    + "Exit 0 when identical, 1 when not.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  encsync check ~/work/reports /srv/vault",
            "  encsync check ~/work/reports s3://my-backups/reports --region eu-west-1",
            "  encsync check --json ~/work/reports /srv/vault",
        })
final class CheckCommand extends SyncCommand implements Callable<Integer> {
    /** Exit code when the trees differ (as diff(1) and rclone check do). */
    static final int DIFFERENT = 1;

    @Parameters(index = "0", paramLabel = "LOCAL", description = "The local folder.")
    Path local;

    @Parameters(index = "1", paramLabel = "REMOTE", description = "A local folder or s3://bucket[/prefix].")
    String remoteName;

    @Mixin
    HelpOption help = new HelpOption();

    @Override
    public Integer call() {
        ConsoleListener listener = listener();
        var options = flags.toBuilder().progressInterval(listener.progressInterval()).build();
        try (CryptContext ctx = CryptContext.open(crypt.toConfig(), ContentCipher.defaultParallelism());
             Store store = remote.openForRead(remoteName)) {
            CheckReport report = Check.run(local, store, ctx, options, listener);
            listener.clearLiveLine();
            if (output.json) {
                out().println(toJson(report.toMap()));
            } else {
                for (Difference d : report.differences()) {
                    out().println(d.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + d.path() + ": " + d.detail());
                }
                if (!output.quiet) {
                    out().println((report.identical() ? "identical" : report.differences().size() + " difference(s)")
                            + ": " + report.filesCompared() + " files compared"
                            + (report.verified() ? ", contents verified against manifest generation " + report.generation()
                                    : ", names and sizes only (no encsync manifest on the remote)"));
                }
            }
            out().flush();
            return report.identical() ? 0 : DIFFERENT;
        }
    }
}
