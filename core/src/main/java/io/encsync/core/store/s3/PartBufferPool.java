package io.encsync.core.store.s3;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * At most {@code capacity} part buffers for a whole store, handed out and given back. This is what
 * bounds multipart memory to {@code partSize × uploadConcurrency} whatever the object sizes and
 * however many uploads run at once: a reader that wants another buffer waits for an upload to finish.
 */
final class PartBufferPool {
    private final int bufferSize;
    private final int capacity;
    private final Deque<byte[]> free = new ArrayDeque<>();
    private int allocated;

    PartBufferPool(int bufferSize, int capacity) {
        this.bufferSize = bufferSize;
        this.capacity = capacity;
    }

    /** A buffer of {@code bufferSize} bytes; blocks while all {@code capacity} are in use. */
    synchronized byte[] take() throws InterruptedException {
        while (free.isEmpty() && allocated >= capacity) {
            wait();
        }
        if (!free.isEmpty()) {
            return free.pop();
        }
        allocated++;
        return new byte[bufferSize];
    }

    synchronized void release(byte[] buffer) {
        free.push(buffer);
        notifyAll();
    }

    /** How many buffers were ever allocated: never more than the capacity. */
    synchronized int allocated() {
        return allocated;
    }

    int capacity() {
        return capacity;
    }

    int bufferSize() {
        return bufferSize;
    }
}
