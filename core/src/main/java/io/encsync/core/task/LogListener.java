package io.encsync.core.task;

import io.encsync.core.sync.Action;
import io.encsync.core.sync.FileError;
import io.encsync.core.sync.Plan;
import io.encsync.core.sync.Progress;
import io.encsync.core.sync.SyncListener;

/**
 * Renders a sync run for a build log: the plan's counts, warnings, one line per failed file, and a
 * progress line. Successful files are not listed one by one: a log of thousands of names helps
 * nobody, and names are untrusted text (the engine escapes them; we print few of them).
 */
final class LogListener implements SyncListener {
    private final TaskLog log;

    LogListener(TaskLog log) {
        this.log = log;
    }

    @Override
    public void onPlan(Plan plan) {
        log.line("Plan: " + plan.count(Action.Kind.UPLOAD) + " to upload, " + plan.count(Action.Kind.DOWNLOAD)
                + " to download, " + plan.count(Action.Kind.DELETE) + " to delete, " + plan.count(Action.Kind.SKIP)
                + " unchanged, " + plan.count(Action.Kind.REFUSE) + " refused; " + plan.bytesToTransfer() + " bytes");
        plan.actions(Action.Kind.REFUSE).forEach(a -> log.line("refused: " + a.describe()));
    }

    @Override
    public void onWarning(String message) {
        log.line("warning: " + message);
    }

    @Override
    public void onFileDone(Action action, long bytes, FileError error) {
        if (error != null) {
            log.line("failed: " + action.describe() + ": " + error.message());
        }
    }

    @Override
    public void onProgress(Progress p) {
        if (p.filesTotal() > 0) {
            log.line(String.format(java.util.Locale.ROOT, "%d/%d files, %d/%d bytes", p.filesDone(), p.filesTotal(),
                    p.bytesDone(), p.bytesTotal()));
        }
    }
}
