package io.encsync.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.CryptOptions;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The crypt remote settings every encrypting step shares. Passwords are credential ids, never
 * values, so no secret is ever a step argument, in {@code build.xml} or in the step view.
 */
public abstract class AbstractCryptStep extends Step implements TaskFactory {
    private final String passwordCredentialsId;
    private String password2CredentialsId;
    private String filenameEncryption = CryptOptions.DEFAULT_FILENAME_ENCRYPTION;
    private String filenameEncoding = CryptOptions.DEFAULT_FILENAME_ENCODING;
    private boolean directoryNameEncryption = true;

    protected AbstractCryptStep(String passwordCredentialsId) {
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
}
