package io.encsync.jenkins;

import hudson.AbortException;
import io.encsync.core.EncsyncException;

/**
 * Turns a core failure into what Jenkins shows best: an {@link AbortException} whose one-line
 * message is core's (object, problem, fix), without a stack trace. Core messages never contain a
 * secret, so nothing needs masking here.
 */
final class Failures {
    private Failures() {
    }

    static AbortException abort(EncsyncException e) {
        return new AbortException(e.getMessage() + " [" + e.category().name().toLowerCase(java.util.Locale.ROOT)
                + ", exit code " + e.category().exitCode() + "]");
    }

    /** Runs a core builder call (option validation) and rethrows its usage errors as build errors. */
    static <T> T validated(java.util.function.Supplier<T> build) throws AbortException {
        try {
            return build.get();
        } catch (EncsyncException e) {
            throw abort(e);
        }
    }
}
