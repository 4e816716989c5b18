package io.encsync.core.sync;

/** Serialises calls to a front end's listener, which transfer threads would otherwise call concurrently. */
final class SerialListener implements SyncListener {
    private final SyncListener delegate;

    SerialListener(SyncListener delegate) {
        this.delegate = delegate == null ? SyncListener.NONE : delegate;
    }

    @Override
    public synchronized void onPlan(Plan plan) {
        delegate.onPlan(plan);
    }

    @Override
    public synchronized void onWarning(String message) {
        delegate.onWarning(message);
    }

    @Override
    public synchronized void onFileDone(Action action, long bytes, FileError error) {
        delegate.onFileDone(action, bytes, error);
    }

    @Override
    public synchronized void onProgress(Progress progress) {
        delegate.onProgress(progress);
    }
}
