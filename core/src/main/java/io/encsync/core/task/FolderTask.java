package io.encsync.core.task;

import io.encsync.core.LogText;
import io.encsync.core.manifest.CryptConfig;
import java.io.Serial;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link EncryptDirTask} and {@link DecryptDirTask} share: two distinct folders inside one
 * workspace, checked when the task is made (on the controller) and resolved again where it runs.
 */
abstract class FolderTask implements AgentTask {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String workspace;
    private final String source;
    private final String target;
    private final CryptConfig crypt;

    FolderTask(String workspace, String source, String target, CryptConfig crypt) {
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        Path from = WorkspacePath.resolve(workspace, "source", source);
        Path to = WorkspacePath.resolve(workspace, "target", target);
        this.source = source.strip();
        this.target = target.strip();
        this.crypt = Objects.requireNonNull(crypt, "crypt");
        Engines.checkDistinct(from, to);
    }

    final Path sourcePath() {
        return WorkspacePath.resolve(workspace, "source", source);
    }

    final Path targetPath() {
        return WorkspacePath.resolve(workspace, "target", target);
    }

    final CryptConfig crypt() {
        return crypt;
    }

    /** "Encrypting" or "Decrypting", for the log line and {@code toString}. */
    abstract String verb();

    @Override
    public final String describe() {
        return verb() + " " + LogText.name(source) + " into " + LogText.name(target) + " (" + crypt.filenameEncryption().configValue()
                + " names)";
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[" + source + " -> " + target + ", " + crypt + "]";
    }
}
