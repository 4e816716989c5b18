package io.encsync.core.task;

import java.io.Serial;
import java.util.Objects;

/**
 * Encrypts a workspace folder into another workspace folder in rclone crypt format (the target is
 * what {@code rclone copy} to a crypt remote over that folder would produce). Files the target
 * already holds unchanged are skipped; files no longer in the source are left alone.
 */
public final class EncryptDirTask implements AgentTask {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String workspace;
    private final String source;
    private final String target;
    private final CryptOptions crypt;

    /**
     * @param workspace absolute path of the workspace on the machine that will run the task
     * @param source plaintext folder, relative to the workspace
     * @param target encrypted folder, relative to the workspace
     */
    public EncryptDirTask(String workspace, String source, String target, CryptOptions crypt) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        WorkspacePath.resolve(workspace, "source", source);
        WorkspacePath.resolve(workspace, "target", target);
        this.source = source.strip();
        this.target = target.strip();
        this.crypt = Objects.requireNonNull(crypt, "crypt");
        Engines.checkDistinct(WorkspacePath.resolve(workspace, "source", source),
                WorkspacePath.resolve(workspace, "target", target));
    }

    @Override
    public TaskResult run(TaskLog log, CancellationSignal cancel) throws InterruptedException {
        return Engines.encryptFolder(WorkspacePath.resolve(workspace, "source", source),
                WorkspacePath.resolve(workspace, "target", target), crypt, log, cancel);
    }

    @Override
    public String describe() {
        return "Encrypting " + LogText.name(source) + " into " + LogText.name(target) + " (" + crypt.filenameEncryption()
                + " names)";
    }

    @Override
    public String toString() {
        return "EncryptDirTask[" + source + " -> " + target + ", " + crypt + "]";
    }
}
