package io.encsync.jenkins.settings;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Forms;
import io.encsync.jenkins.support.Messages;
import io.encsync.jenkins.support.Texts;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An rclone crypt remote: the password credentials and the name options. Passwords are credential
 * ids, never values, so no secret is ever a step argument, in {@code build.xml}, {@code config.xml}
 * or in a form. Held by every encrypting step (so by the build steps and the backup action) and by
 * the artifact storage.
 *
 * <p>Optional fields are null until set and getters supply rclone's default, so XML written
 * before a field existed loads with that default (XStream runs no field initialisers).
 */
public class CryptRemote extends AbstractDescribableImpl<CryptRemote> implements Cloneable {
    private final String passwordCredentialsId;
    private String password2CredentialsId;
    private String filenameEncryption;
    private String filenameEncoding;
    private Boolean directoryNameEncryption;

    @DataBoundConstructor
    public CryptRemote(String passwordCredentialsId) {
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
        return Texts.orDefault(filenameEncryption, CryptConfig.DEFAULT_FILENAME_ENCRYPTION);
    }

    @DataBoundSetter
    public void setFilenameEncryption(String filenameEncryption) {
        this.filenameEncryption = Texts.trimToNull(filenameEncryption);
    }

    /** Default {@code base32}, as rclone's. */
    public String getFilenameEncoding() {
        return Texts.orDefault(filenameEncoding, CryptConfig.DEFAULT_FILENAME_ENCODING);
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

    /**
     * A copy of these settings with other name options (what a build recorded); the password
     * credentials, and every other setting, stay this one's.
     */
    @Restricted(NoExternalUse.class)
    public CryptRemote withNames(String filenameEncryption, String filenameEncoding, boolean directoryNameEncryption) {
        CryptRemote c;
        try {
            c = (CryptRemote) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
        c.setFilenameEncryption(filenameEncryption);
        c.setFilenameEncoding(filenameEncoding);
        c.setDirectoryNameEncryption(directoryNameEncryption);
        return c;
    }

    /** Resolves a Secret text credential id; {@code field} names the setting in messages. */
    @FunctionalInterface
    @Restricted(NoExternalUse.class)
    public interface Passwords {
        SecretBytes secretText(String field, String id) throws AbortException;
    }

    /**
     * Core's crypt options, with the password credentials resolved by {@code passwords} (the run's
     * context for a step, the global store for the artifact storage).
     *
     * @throws AbortException when the password is missing, a credential is not found or an option is invalid
     */
    @Restricted(NoExternalUse.class)
    public CryptConfig toCore(Passwords passwords) throws AbortException {
        if (passwordCredentialsId == null) {
            throw new AbortException(Messages.CredentialLookup_PasswordRequired());
        }
        SecretBytes password = passwords.secretText("passwordCredentialsId", passwordCredentialsId);
        SecretBytes password2 = password2CredentialsId == null ? null
                : passwords.secretText("password2CredentialsId", password2CredentialsId);
        return Failures.validated(() -> CryptConfig.builder().password(password).password2(password2)
                .filenameEncryption(getFilenameEncryption()).filenameEncoding(getFilenameEncoding())
                .directoryNameEncryption(isDirectoryNameEncryption()).build());
    }

    /** Every method is {@code @POST} and answers only who may configure the item (or administer, without one). */
    @Extension
    @Symbol("cryptRemote")
    public static final class DescriptorImpl extends Descriptor<CryptRemote> {
        @Override
        public String getDisplayName() {
            return Messages.CryptRemote_DisplayName();
        }

        @POST
        public ListBoxModel doFillPasswordCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String passwordCredentialsId) {
            return CredentialLookup.fillSecretText(item, passwordCredentialsId);
        }

        @POST
        public ListBoxModel doFillPassword2CredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String password2CredentialsId) {
            return CredentialLookup.fillSecretText(item, password2CredentialsId);
        }

        @POST
        public FormValidation doCheckPasswordCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialLookup.check(item, value, StringCredentials.class, true);
        }

        @POST
        public FormValidation doCheckPassword2CredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialLookup.check(item, value, StringCredentials.class, false);
        }

        @POST
        public ListBoxModel doFillFilenameEncryptionItems(@AncestorInPath Item item) {
            return Forms.filenameEncryptionItems();
        }

        @POST
        public ListBoxModel doFillFilenameEncodingItems(@AncestorInPath Item item) {
            return Forms.filenameEncodingItems();
        }
    }
}
