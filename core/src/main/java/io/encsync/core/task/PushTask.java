package io.encsync.core.task;

import io.encsync.core.LogText;
import io.encsync.core.aws.S3Access;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.sync.SyncOptions;
import java.io.Serial;
import java.util.Objects;

/**
 * Encrypts a workspace folder and syncs it to an S3 bucket and prefix in rclone crypt format,
 * publishing a new manifest generation. The result map holds {@code transferred}, {@code unchanged},
 * {@code deleted}, {@code bytes} and {@code generation}.
 */
public final class PushTask implements AgentTask {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String workspace;
    private final String source;
    private final S3Access s3;
    private final CryptConfig crypt;
    private final SyncOptions options;

    public PushTask(String workspace, String source, S3Access s3, CryptConfig crypt, SyncOptions options) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        WorkspacePath.resolve(workspace, "source", source);
        this.source = source.strip();
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.crypt = Objects.requireNonNull(crypt, "crypt");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public TaskResult run(TaskLog log, CancellationSignal cancel) throws InterruptedException {
        return Engines.pushToS3(WorkspacePath.resolve(workspace, "source", source), s3, crypt, options, log, cancel);
    }

    @Override
    public String describe() {
        return (options.dryRun() ? "Dry run: pushing " : "Pushing ") + LogText.name(source) + " encrypted to "
                + s3.location() + (options.delete() ? " (deleting what the source no longer has)" : "");
    }

    @Override
    public String toString() {
        return "PushTask[" + source + " -> " + s3 + ", " + crypt + ", " + options + "]";
    }
}
