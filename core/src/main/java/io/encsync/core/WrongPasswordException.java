package io.encsync.core;

/** The password (or password2) does not open the data. Raised only where that is certain. */
public class WrongPasswordException extends EncsyncException {
    private static final long serialVersionUID = 1L;

    public WrongPasswordException(String message) {
        super(ErrorCategory.WRONG_PASSWORD, message);
    }
}
