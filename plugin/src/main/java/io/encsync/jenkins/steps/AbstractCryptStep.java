package io.encsync.jenkins.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.task.CryptOptions;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Messages;
import io.encsync.jenkins.support.TaskContext;
import io.encsync.jenkins.support.Texts;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The crypt remote settings every encrypting action shares. Passwords are credential ids, never
 * values, so no secret is ever a step argument, in {@code build.xml}, {@code config.xml} or in the
 * step view.
 *
 * <p>Optional fields are null until set, and getters supply the documented default, so a
 * {@code config.xml} written before a field existed loads with that default (XStream does not run
 * field initialisers).
 */
@Restricted(NoExternalUse.class)
public abstract class AbstractCryptStep extends TaskStep {
    private final String passwordCredentialsId;
    private String password2CredentialsId;
    private String filenameEncryption;
    private String filenameEncoding;
    private Boolean directoryNameEncryption;

    protected AbstractCryptStep(String passwordCredentialsId) {
        this.passwordCredentialsId = Texts.trimToNull(passwordCredentialsId);
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
        this.password2CredentialsId = Texts.trimToNull(password2CredentialsId);
    }

    /** Default {@code standard}, as rclone's. */
    public String getFilenameEncryption() {
        return Texts.orDefault(filenameEncryption, CryptOptions.DEFAULT_FILENAME_ENCRYPTION);
    }

    @DataBoundSetter
    public void setFilenameEncryption(String filenameEncryption) {
        this.filenameEncryption = Texts.trimToNull(filenameEncryption);
    }

    /** Default {@code base32}, as rclone's. */
    public String getFilenameEncoding() {
        return Texts.orDefault(filenameEncoding, CryptOptions.DEFAULT_FILENAME_ENCODING);
    }

    @DataBoundSetter
    public void setFilenameEncoding(String filenameEncoding) {
        this.filenameEncoding = Texts.trimToNull(filenameEncoding);
    }

    /** Default true, as rclone's. */
    public boolean isDirectoryNameEncryption() {
        return directoryNameEncryption == null || directoryNameEncryption;
    }

    @DataBoundSetter
    public void setDirectoryNameEncryption(boolean directoryNameEncryption) {
        this.directoryNameEncryption = directoryNameEncryption;
    }

    /** Resolves the password credentials for {@code c}'s run and builds core's crypt options. */
    protected CryptOptions cryptOptions(TaskContext c) throws AbortException {
        if (passwordCredentialsId == null) {
            throw new AbortException(Messages.CredentialLookup_PasswordRequired());
        }
        SecretBytes password = CredentialLookup.secretText(c.run(), "passwordCredentialsId", passwordCredentialsId);
        SecretBytes password2 = password2CredentialsId == null ? null
                : CredentialLookup.secretText(c.run(), "password2CredentialsId", password2CredentialsId);
        return Failures.validated(() -> CryptOptions.builder().password(password).password2(password2)
                .filenameEncryption(getFilenameEncryption()).filenameEncoding(getFilenameEncoding())
                .directoryNameEncryption(isDirectoryNameEncryption()).build());
    }
}
