package io.encsync.core.sync;

import io.encsync.core.ErrorCategory;
import java.io.Serializable;
import java.util.Objects;

/**
 * One file that failed: its path (plaintext where known, else the object key), the category that
 * decides the exit code, and a one-line message that names the file, the problem and the fix.
 */
public record FileError(String path, ErrorCategory category, String message) implements Serializable {
    public FileError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(message, "message");
    }
}
