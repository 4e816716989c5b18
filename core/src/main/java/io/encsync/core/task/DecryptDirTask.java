package io.encsync.core.task;

import java.io.Serial;
import java.util.Objects;

/**
 * Decrypts a workspace folder in rclone crypt format into another workspace folder (what
 * {@code rclone copy} from a crypt remote over the source would produce). Files the target
 * already holds unchanged are skipped; files no longer in the source are left alone.
 */
public final class DecryptDirTask implements AgentTask {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String workspace;
    private final String source;
    private final String target;
    private final CryptOptions crypt;

    /**
     * @param workspace absolute path of the workspace on the machine that will run the task
     * @param source encrypted folder, relative to the workspace
     * @param target plaintext folder, relative to the workspace
     */
    public DecryptDirTask(String workspace, String source, String target, CryptOptions crypt) {
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
        return Engines.decryptFolder(WorkspacePath.resolve(workspace, "source", source),
                WorkspacePath.resolve(workspace, "target", target), crypt, log, cancel);
    }

    @Override
    public String describe() {
        return "Decrypting " + LogText.name(source) + " into " + LogText.name(target) + " (" + crypt.filenameEncryption()
                + " names)";
    }

    @Override
    public String toString() {
        return "DecryptDirTask[" + source + " -> " + target + ", " + crypt + "]";
    }
}
