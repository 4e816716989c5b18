package io.encsync.core.store.s3;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.http.HttpMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Counts the SDK's retries (from its per-call metrics) and logs each call that needed some, with
 * the HTTP status of every attempt, so a run can report "3 requests retried" and an operator
 * can see throttling. Also counts our own download resumes, which the SDK does not see.
 */
final class RetryCounter implements MetricPublisher {
    private static final System.Logger LOG = System.getLogger(RetryCounter.class.getName());

    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong retriedCalls = new AtomicLong();

    @Override
    public void publish(MetricCollection call) {
        int count = call.metricValues(CoreMetric.RETRY_COUNT).stream().mapToInt(Integer::intValue).sum();
        if (count == 0) {
            return;
        }
        retries.addAndGet(count);
        retriedCalls.incrementAndGet();
        List<Integer> statuses = call.children().stream()
                .flatMap(attempt -> attempt.metricValues(HttpMetric.HTTP_STATUS_CODE).stream())
                .toList();
        List<String> errors = call.children().stream()
                .flatMap(attempt -> attempt.metricValues(CoreMetric.ERROR_TYPE).stream())
                .toList();
        boolean ok = call.metricValues(CoreMetric.API_CALL_SUCCESSFUL).stream().anyMatch(Boolean::booleanValue);
        LOG.log(Level.INFO, () -> "S3 " + call.metricValues(CoreMetric.OPERATION_NAME).stream().findFirst().orElse("call")
                + " retried " + count + (count == 1 ? " time" : " times")
                + " (HTTP statuses " + statuses + ", errors " + errors + ")" + (ok ? ", then succeeded" : ", then failed"));
    }

    /** A download that lost its connection and went on with a ranged GET. */
    void recordResume(String where, long position, Throwable cause) {
        retries.incrementAndGet();
        retriedCalls.incrementAndGet();
        LOG.log(Level.INFO, () -> "S3 GetObject of " + where + " resumed at byte " + position + " after: " + cause);
    }

    /** Retries (and resumes) so far. */
    long retries() {
        return retries.get();
    }

    /** API calls (and downloads) that needed at least one retry. */
    long retriedCalls() {
        return retriedCalls.get();
    }

    @Override
    public void close() {
    }
}
