package io.encsync.core.task;

import io.encsync.core.LogText;
import io.encsync.core.aws.S3Access;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.sync.SyncOptions;
import java.io.Serial;
import java.util.Objects;

/**
 * Fetches and decrypts an S3 bucket and prefix written by a push (or by rclone with a manifest)
 * into a workspace folder, refusing a manifest older than {@link SyncOptions#minGeneration()}.
 * The result map has the same keys as a push.
 */
public final class PullTask implements AgentTask {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String workspace;
    private final String target;
    private final S3Access s3;
    private final CryptConfig crypt;
    private final SyncOptions options;

    public PullTask(String workspace, String target, S3Access s3, CryptConfig crypt, SyncOptions options) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        WorkspacePath.resolve(workspace, "target", target);
        this.target = target.strip();
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.crypt = Objects.requireNonNull(crypt, "crypt");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public TaskResult run(TaskLog log, CancellationSignal cancel) throws InterruptedException {
        return Engines.pullFromS3(s3, WorkspacePath.resolve(workspace, "target", target), crypt, options, log, cancel);
    }

    @Override
    public String describe() {
        return (options.dryRun() ? "Dry run: pulling " : "Pulling ") + s3.location() + " decrypted into "
                + LogText.name(target);
    }

    @Override
    public String toString() {
        return "PullTask[" + s3 + " -> " + target + ", " + crypt + ", " + options + "]";
    }
}
