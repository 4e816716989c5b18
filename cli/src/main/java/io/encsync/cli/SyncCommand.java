package io.encsync.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.encsync.core.sync.SyncResult;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What push and pull share: options, the listener, and the summary with its exit code. */
abstract class SyncCommand {
    @Mixin
    CryptOptions crypt = new CryptOptions();

    @Mixin
    RemoteOptions remote = new RemoteOptions();

    @Mixin
    SyncFlags flags = new SyncFlags();

    @Mixin
    OutputOptions output = new OutputOptions();

    @Spec
    CommandSpec spec;

    /** Terminal detection, overridable by tests. */
    boolean terminal = System.console() != null;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    ConsoleListener listener() {
        ConsoleListener listener = new ConsoleListener(out(), err(), output, terminal);
        listener.dryRunPlanWanted = flags.dryRun;
        return listener;
    }

    /** Prints the summary (a line, or JSON with {@code --json}) and returns the exit code. */
    int report(String verb, SyncResult result, ConsoleListener listener) {
        listener.clearLiveLine();
        // Errors found while planning (missing, unlisted, unsafe) never reach onFileDone.
        result.errors().forEach(listener::printError);
        if (output.json) {
            out().println(toJson(result.toMap()));
        } else if (!output.quiet) {
            out().println(summaryLine(verb, result));
        }
        out().flush();
        return result.worstCategory() == null ? 0 : result.worstCategory().exitCode();
    }

    static String summaryLine(String verb, SyncResult r) {
        String rate = r.seconds() > 0 ? ", " + Format.bytes((long) (r.bytes() / r.seconds())) + "/s" : "";
        return String.format(Locale.ROOT, "%s%s: %d transferred, %d unchanged, %d deleted, %s in %.1f s%s, generation %d, %d error%s",
                verb, r.dryRun() ? " (dry run, nothing changed)" : "", r.transferred(), r.unchanged(), r.deleted(),
                Format.bytes(r.bytes()), r.seconds(), rate, r.generation(), r.errors().size(), r.errors().size() == 1 ? "" : "s");
    }

    static String toJson(Map<String, Object> map) {
        try {
            return new ObjectMapper().writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("summary is not serialisable as JSON", e);
        }
    }
}
