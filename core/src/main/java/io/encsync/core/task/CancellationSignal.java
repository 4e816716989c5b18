package io.encsync.core.task;

/**
 * Tells a running task to stop. The default is the running thread's interrupt flag: Jenkins
 * aborts a step by interrupting the thread that waits on the agent, remoting forwards the
 * interrupt to the agent thread running the task, and the task stops between objects. Because
 * every {@link io.encsync.core.store.Store#put} is atomic, a stop leaves only whole objects.
 */
@FunctionalInterface
public interface CancellationSignal {

    /** The running thread's interrupt flag. */
    CancellationSignal THREAD_INTERRUPT = () -> Thread.currentThread().isInterrupted();

    boolean isCancelled();

    /** Throws when cancelled, so a loop can stop at a safe point. */
    default void throwIfCancelled() throws InterruptedException {
        if (isCancelled()) {
            throw new InterruptedException("cancelled: the transfer stopped between two files;"
                    + " every file written so far is complete");
        }
    }
}
