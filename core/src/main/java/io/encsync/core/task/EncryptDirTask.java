package io.encsync.core.task;

import io.encsync.core.manifest.CryptConfig;
import java.io.Serial;

/**
 * Encrypts a workspace folder into another workspace folder in rclone crypt format (the target is
 * what {@code rclone copy} to a crypt remote over that folder would produce). Files the target
 * already holds unchanged are skipped; files no longer in the source are left alone.
 */
public final class EncryptDirTask extends FolderTask {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param workspace absolute path of the workspace on the machine that will run the task
     * @param source plaintext folder, relative to the workspace
     * @param target encrypted folder, relative to the workspace
     */
    public EncryptDirTask(String workspace, String source, String target, CryptConfig crypt) {
        super(workspace, source, target, crypt);
    }

    @Override
    public TaskResult run(TaskLog log, CancellationSignal cancel) throws InterruptedException {
        return Engines.encryptFolder(sourcePath(), targetPath(), crypt(), log, cancel);
    }

    @Override
    String verb() {
        return "Encrypting";
    }
}
