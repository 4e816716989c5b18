package io.encsync.core;

/**
 * What kind of failure an {@link EncsyncException} reports. Front ends map categories to exit codes
 * (the CLI) or to build results (Jenkins); the numbers are part of the CLI contract.
 */
public enum ErrorCategory {
    /** Bad usage or configuration: a flag, a name, a missing bucket. Fix the input. */
    USAGE(2),
    /** The remote rejected our credentials or denied the operation. */
    ACCESS(3),
    /** Data failed verification, or a remote name would write outside the target. */
    INTEGRITY(4),
    /** The remote still failed after every retry, or was changed concurrently. */
    REMOTE(5),
    /** A local file could not be read or written (permissions, disk full). */
    LOCAL_IO(6),
    /** The password or password2 does not open the data. */
    WRONG_PASSWORD(7);

    private final int exitCode;

    ErrorCategory(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The CLI's exit code for this category. */
    public int exitCode() {
        return exitCode;
    }

    /** The more severe of two categories, by exit code; used when several errors are collected. */
    public static ErrorCategory worst(ErrorCategory a, ErrorCategory b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.exitCode >= b.exitCode ? a : b;
    }
}
