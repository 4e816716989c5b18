package io.encsync.jenkins.steps;

import hudson.AbortException;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.support.TaskContext;
import java.util.Objects;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * An action that encrypts or decrypts: it holds a {@link CryptRemote} (passwords as credential
 * ids, and the name options), whose form, help and checks are its own.
 *
 * <p>Before settings were composed, the crypt settings were fields of the step itself; those
 * fields are read from old XML here, and only here, and {@link #readResolve} moves them into a
 * {@link CryptRemote}.
 */
@Restricted(NoExternalUse.class)
public abstract class AbstractCryptStep extends TaskStep {
    private CryptRemote crypt;

    @Deprecated
    private transient String passwordCredentialsId;
    @Deprecated
    private transient String password2CredentialsId;
    @Deprecated
    private transient String filenameEncryption;
    @Deprecated
    private transient String filenameEncoding;
    @Deprecated
    private transient Boolean directoryNameEncryption;

    protected AbstractCryptStep(CryptRemote crypt) {
        this.crypt = Objects.requireNonNullElseGet(crypt, () -> new CryptRemote(null));
    }

    public CryptRemote getCrypt() {
        return crypt;
    }

    /** Moves the flat crypt fields of XML written before composition into a {@link CryptRemote}. */
    protected Object readResolve() {
        if (crypt == null) {
            crypt = new CryptRemote(passwordCredentialsId);
            crypt.setPassword2CredentialsId(password2CredentialsId);
            crypt.setFilenameEncryption(filenameEncryption);
            crypt.setFilenameEncoding(filenameEncoding);
            if (directoryNameEncryption != null) {
                crypt.setDirectoryNameEncryption(directoryNameEncryption);
            }
        }
        return this;
    }

    /** Core's crypt options, the passwords resolved in the context of {@code c}'s run. */
    protected CryptConfig cryptOptions(TaskContext c) throws AbortException {
        return crypt.toCore((field, id) -> CredentialLookup.secretText(c.run(), field, id));
    }
}
