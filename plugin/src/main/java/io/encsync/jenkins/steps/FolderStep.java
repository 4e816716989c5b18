package io.encsync.jenkins.steps;

import hudson.AbortException;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.task.AgentTask;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.TaskContext;
import io.encsync.jenkins.support.Texts;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What {@code encryptDir} and {@code decryptDir} share: two workspace folders and the crypt
 * settings. The folders may not leave the workspace (core checks that on the agent).
 */
@Restricted(NoExternalUse.class)
public abstract class FolderStep extends AbstractCryptStep {
    private final String source;
    private final String target;

    protected FolderStep(String source, String target, CryptRemote crypt) {
        super(crypt);
        this.source = Texts.trimToNull(source);
        this.target = Texts.trimToNull(target);
    }

    public String getSource() {
        return source;
    }

    public String getTarget() {
        return target;
    }

    @Override
    public final AgentTask createTask(TaskContext c) throws AbortException {
        CryptConfig crypt = cryptOptions(c);
        String workspace = c.workspace().getRemote();
        String from = c.expand(source);
        String to = c.expand(target);
        return Failures.validated(() -> task(workspace, from, to, crypt));
    }

    /** The core task between two folders of {@code workspace} (core validates the paths). */
    abstract AgentTask task(String workspace, String source, String target, CryptConfig crypt);
}
