package io.encsync.jenkins.support;

import hudson.AbortException;
import io.encsync.core.EncsyncException;
import java.util.Locale;
import java.util.function.Supplier;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Turns a core failure into what Jenkins shows best: an {@link AbortException} whose one-line
 * message is core's (object, problem, fix) with its category and the CLI's exit code, without a
 * stack trace. Core messages never contain a secret, so nothing needs masking here.
 */
@Restricted(NoExternalUse.class)
public final class Failures {
    private Failures() {
    }

    public static AbortException abort(EncsyncException e) {
        return new AbortException(Messages.Failures_Core(e.getMessage(),
                e.category().name().toLowerCase(Locale.ROOT), e.category().exitCode()));
    }

    /** Runs a core builder call (option validation) and rethrows its usage errors as build errors. */
    public static <T> T validated(Supplier<T> build) throws AbortException {
        try {
            return build.get();
        } catch (EncsyncException e) {
            throw abort(e);
        }
    }
}
