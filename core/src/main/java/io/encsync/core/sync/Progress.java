package io.encsync.core.sync;

/**
 * A snapshot of a running transfer, for a progress line: files and plaintext bytes done of the
 * planned totals, the average rate so far and the estimated seconds left ({@code -1} when unknown).
 */
public record Progress(long filesDone, long filesTotal, long bytesDone, long bytesTotal,
                       double elapsedSeconds, double bytesPerSecond, double etaSeconds) {
}
