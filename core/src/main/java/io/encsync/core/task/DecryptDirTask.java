package io.encsync.core.task;

import io.encsync.core.manifest.CryptConfig;
import java.io.Serial;

/**
 * Decrypts a workspace folder in rclone crypt format into another workspace folder (what
 * {@code rclone copy} from a crypt remote over the source would produce). Files the target
 * already holds unchanged are skipped; files no longer in the source are left alone.
 */
public final class DecryptDirTask extends FolderTask {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param workspace absolute path of the workspace on the machine that will run the task
     * @param source encrypted folder, relative to the workspace
     * @param target plaintext folder, relative to the workspace
     */
    public DecryptDirTask(String workspace, String source, String target, CryptConfig crypt) {
        super(workspace, source, target, crypt);
    }

    @Override
    public TaskResult run(TaskLog log, CancellationSignal cancel) throws InterruptedException {
        return Engines.decryptFolder(sourcePath(), targetPath(), crypt(), log, cancel);
    }

    @Override
    String verb() {
        return "Decrypting";
    }
}
