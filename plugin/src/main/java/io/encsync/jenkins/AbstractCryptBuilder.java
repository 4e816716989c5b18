package io.encsync.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.CryptOptions;
import io.encsync.core.task.TaskResult;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The crypt remote settings every encrypting freestyle build step shares (the same fields, and the
 * same core options, as {@link AbstractCryptStep}). Passwords are credential ids, never
 * values. The build runs the task on the agent that holds the workspace.
 */
public abstract class AbstractCryptBuilder extends Builder implements SimpleBuildStep, TaskFactory {
    private final String passwordCredentialsId;
    private String password2CredentialsId;
    private String filenameEncryption = CryptOptions.DEFAULT_FILENAME_ENCRYPTION;
    private String filenameEncoding = CryptOptions.DEFAULT_FILENAME_ENCODING;
    private boolean directoryNameEncryption = true;

    protected AbstractCryptBuilder(String passwordCredentialsId) {
        this.passwordCredentialsId = Util.trimToNull(passwordCredentialsId);
    }

    public String getPasswordCredentialsId() {
        return passwordCredentialsId;
    }

    @CheckForNull
    public String getPassword2CredentialsId() {
        return password2CredentialsId;
    }

    @DataBoundSetter
    public void setPassword2CredentialsId(String password2CredentialsId) {
        this.password2CredentialsId = Util.trimToNull(password2CredentialsId);
    }

    public String getFilenameEncryption() {
        return filenameEncryption;
    }

    @DataBoundSetter
    public void setFilenameEncryption(String filenameEncryption) {
        this.filenameEncryption = Util.orDefault(filenameEncryption, CryptOptions.DEFAULT_FILENAME_ENCRYPTION);
    }

    public String getFilenameEncoding() {
        return filenameEncoding;
    }

    @DataBoundSetter
    public void setFilenameEncoding(String filenameEncoding) {
        this.filenameEncoding = Util.orDefault(filenameEncoding, CryptOptions.DEFAULT_FILENAME_ENCODING);
    }

    public boolean isDirectoryNameEncryption() {
        return directoryNameEncryption;
    }

    @DataBoundSetter
    public void setDirectoryNameEncryption(boolean directoryNameEncryption) {
        this.directoryNameEncryption = directoryNameEncryption;
    }

    /** Resolves the password credentials for {@code run} and builds core's crypt options. */
    protected CryptOptions cryptOptions(Run<?, ?> run) throws AbortException {
        return Inputs.crypt(run, passwordCredentialsId, password2CredentialsId, filenameEncryption, filenameEncoding,
                directoryNameEncryption);
    }

    @Override
    public abstract AgentTask createTask(Run<?, ?> run, FilePath workspace) throws AbortException;

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        TaskResult result = AgentTaskCallable.run(workspace, listener, createTask(run, workspace));
        afterTask(run, listener, result);
    }
}
