package io.encsync.core;

/**
 * Data that does not verify: a bad magic, a truncated or forged block, a name that does not
 * decrypt, content that does not match the manifest, or a remote path that is unsafe to write.
 */
public class IntegrityException extends EncsyncException {
    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(ErrorCategory.INTEGRITY, message);
    }

    public IntegrityException(String message, Throwable cause) {
        super(ErrorCategory.INTEGRITY, message, cause);
    }
}
