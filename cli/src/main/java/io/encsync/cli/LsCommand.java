package io.encsync.cli;

import io.encsync.core.fs.PathRules;
import io.encsync.core.store.Store;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.sync.FileError;
import io.encsync.core.sync.Listing;
import io.encsync.core.sync.SyncListener;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ls", sortOptions = false, abbreviateSynopsis = true,
        description = {
            "List the files of the crypt remote REMOTE, decrypted.",
            "",
            "Each line shows a file's size, modification time (UTC) and path. Sizes are computed from the object "
                    + "sizes, so nothing is downloaded. Files the last push did not record in its manifest are marked "
                    + "with '!': pull would refuse them.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  encsync ls /srv/vault",
            "  encsync ls s3://my-backups/reports --region eu-west-1",
            "  encsync ls --json /srv/vault",
        })
final class LsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    @Parameters(index = "0", paramLabel = "REMOTE", description = "A local folder or s3://bucket[/prefix].")
    String remoteName;

    @Mixin
    CryptOptions crypt = new CryptOptions();

    @Mixin
    RemoteOptions remote = new RemoteOptions();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Listing.Result result;
        try (CryptContext ctx = CryptContext.open(crypt.toConfig(), 1);
             Store store = remote.openForRead(remoteName)) {
            result = Listing.run(store, ctx, new SyncListener() {
                @Override
                public void onWarning(String message) {
                    err.println("encsync: warning: " + message);
                }
            });
        }
        for (FileError e : result.errors()) {
            err.println("encsync: " + e.message());
        }
        err.flush();
        if (output.json) {
            List<Map<String, Object>> rows = result.entries().stream().map(e -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("path", e.path());
                row.put("size", e.size());
                row.put("modTime", e.modTime().toString());
                row.put("inManifest", e.inManifest());
                return row;
            }).toList();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("generation", result.generation());
            json.put("files", rows);
            json.put("errors", result.errors().stream().map(FileError::message).toList());
            out.println(SyncCommand.toJson(json));
        } else {
            boolean manifest = result.generation() > 0;
            for (Listing.Entry e : result.entries()) {
                out.printf("%12d %s %s%s%n", e.size(), TIME.format(e.modTime()),
                        manifest && !e.inManifest() ? "! " : "", PathRules.escape(e.path()));
            }
        }
        out.flush();
        return result.errors().stream().map(FileError::category).reduce(io.encsync.core.ErrorCategory::worst)
                .map(io.encsync.core.ErrorCategory::exitCode).orElse(0);
    }
}
