package io.encsync.core;

import java.util.Objects;

/**
 * Every failure core reports to a user. The message is one line that names the object, the
 * problem and the fix; it never contains a secret. The category decides the exit code.
 *
 * <p>Subclasses exist where callers need to catch one kind specifically.
 */
public class EncsyncException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCategory category;

    public EncsyncException(ErrorCategory category, String message) {
        this(category, message, null);
    }

    public EncsyncException(ErrorCategory category, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.category = Objects.requireNonNull(category, "category");
    }

    public ErrorCategory category() {
        return category;
    }

    public static EncsyncException usage(String message) {
        return new EncsyncException(ErrorCategory.USAGE, message);
    }

    /**
     * The message of the usage error {@code check} throws, or empty when it throws none: how a
     * form check asks a builder or rule about one value and shows its own message.
     */
    public static java.util.Optional<String> usageProblem(Runnable check) {
        try {
            check.run();
            return java.util.Optional.empty();
        } catch (EncsyncException e) {
            return java.util.Optional.of(e.getMessage());
        }
    }

    public static EncsyncException localIo(String message, Throwable cause) {
        return new EncsyncException(ErrorCategory.LOCAL_IO, message, cause);
    }
}
