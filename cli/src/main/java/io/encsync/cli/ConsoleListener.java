package io.encsync.cli;

import io.encsync.core.sync.Action;
import io.encsync.core.sync.FileError;
import io.encsync.core.sync.Plan;
import io.encsync.core.sync.Progress;
import io.encsync.core.sync.SyncListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Renders a run for a human: on a terminal a live progress line (rewritten in place), otherwise a
 * progress line every few seconds; warnings and per-file errors as they happen; the plan in a dry
 * run. Everything goes to stderr except the dry-run plan, so stdout stays clean for {@code --json}.
 */
final class ConsoleListener implements SyncListener {
    static final Duration TERMINAL_INTERVAL = Duration.ofMillis(250);
    static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

    private final PrintWriter out;
    private final PrintWriter err;
    private final OutputOptions output;
    private final boolean terminal;
    private boolean liveLineShown;

    ConsoleListener(PrintWriter out, PrintWriter err, OutputOptions output, boolean terminal) {
        this.out = out;
        this.err = err;
        this.output = output;
        this.terminal = terminal;
    }

    Duration progressInterval() {
        return terminal ? TERMINAL_INTERVAL : LOG_INTERVAL;
    }

    @Override
    public void onPlan(Plan plan) {
        if (!plan.actions().isEmpty() && dryRunPlanWanted) {
            PrintWriter target = output.json ? err : out;
            for (Action a : plan.actions()) {
                if (a.kind() != Action.Kind.SKIP || output.verbose) {
                    target.println("would " + a.describe());
                }
            }
            target.flush();
        }
    }

    /** Set by the command for a dry run: the plan is then the output. */
    boolean dryRunPlanWanted;

    @Override
    public void onWarning(String message) {
        clearLiveLine();
        err.println("encsync: warning: " + message);
        err.flush();
    }

    @Override
    public void onFileDone(Action action, long bytes, FileError error) {
        if (error != null) {
            printError(error);
        } else if (output.verbose && !output.quiet) {
            clearLiveLine();
            err.println(action.describe());
            err.flush();
        }
    }

    @Override
    public void onProgress(Progress p) {
        // Off a terminal, a short run needs no progress lines: the summary says it all.
        if (output.quiet || (!terminal && p.elapsedSeconds() < LOG_INTERVAL.toSeconds())) {
            return;
        }
        String line = String.format(Locale.ROOT, "%d/%d files, %s/%s, %s/s, ETA %s",
                p.filesDone(), p.filesTotal(), Format.bytes(p.bytesDone()), Format.bytes(p.bytesTotal()),
                Format.bytes((long) p.bytesPerSecond()), p.etaSeconds() < 0 ? "-" : Format.duration(p.etaSeconds()));
        if (terminal) {
            err.print("\r" + line + "\033[K");
            liveLineShown = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** Prints an error once, however often it is reported (as it happens, and again in the result). */
    void printError(FileError error) {
        if (printed.add(error)) {
            clearLiveLine();
            err.println("encsync: " + error.message());
            err.flush();
        }
    }

    private final java.util.Set<FileError> printed = new java.util.HashSet<>();

    /** Ends the live line before any other output, so messages never mix with it. */
    void clearLiveLine() {
        if (liveLineShown) {
            err.print("\r\033[K");
            err.flush();
            liveLineShown = false;
        }
    }
}
