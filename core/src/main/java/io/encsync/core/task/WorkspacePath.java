package io.encsync.core.task;

import io.encsync.core.EncsyncException;
import io.encsync.core.LogText;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves a folder a user named relative to the workspace, refusing anything that would leave
 * it. A step runs with the build's authority on the agent; confining its paths to the workspace
 * keeps a job from reading or overwriting another job's files or the agent's own.
 */
public final class WorkspacePath {
    private WorkspacePath() {
    }

    /**
     * {@code workspace/relative}, normalised.
     *
     * @param field the parameter name, for the message
     * @throws EncsyncException (usage) when {@code relative} is empty, absolute or escapes the workspace
     */
    public static Path resolve(String workspace, String field, String relative) {
        check(field, relative).ifPresent(problem -> {
            throw EncsyncException.usage(problem);
        });
        Path root = Path.of(workspace).toAbsolutePath().normalize();
        return root.resolve(relative.strip()).normalize();
    }

    /** The problem {@link #resolve} would report for {@code relative}, or empty. */
    public static Optional<String> check(String field, String relative) {
        if (relative == null || relative.isBlank()) {
            return Optional.of(field + " must be a folder relative to the workspace (such as build/out), was empty");
        }
        String r = relative.strip().replace('\\', '/');
        boolean absolute = r.startsWith("/") || r.matches("[A-Za-z]:.*");
        Path normal = Path.of("ws").resolve(r.startsWith("/") ? r.substring(1) : r).normalize();
        if (absolute || !normal.startsWith(Path.of("ws"))) {
            return Optional.of(field + " must stay inside the workspace (no absolute path, no '..' above it), was '"
                    + LogText.escape(relative) + "' — use dir('...') { } to work elsewhere in the workspace");
        }
        return Optional.empty();
    }
}
