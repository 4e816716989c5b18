package io.encsync.core.sync;

/**
 * Receives what a run wants to tell a human: the plan, warnings, each finished file and periodic
 * progress. Every method has a no-op default; rendering is the front end's job. Calls are
 * serialised by the engine (never concurrent), but may come from transfer threads. Warning and
 * error messages already escape the untrusted names they contain; {@link Action#path()} is the raw
 * path — print {@link Action#describe()} or escape it.
 */
public interface SyncListener {
    /** A listener that ignores everything. */
    SyncListener NONE = new SyncListener() {
    };

    /** The plan, once, before anything is changed (also in a dry run, where nothing follows). */
    default void onPlan(Plan plan) {
    }

    /** Something the user should know that does not fail the run (skipped symlink, unverified remote). */
    default void onWarning(String message) {
    }

    /**
     * One action finished. {@code error} is null on success.
     *
     * @param bytes plaintext bytes moved for this file
     */
    default void onFileDone(Action action, long bytes, FileError error) {
    }

    /** A progress snapshot, at most once per {@link SyncOptions#progressInterval()} and once at the end. */
    default void onProgress(Progress progress) {
    }
}
