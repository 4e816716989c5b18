package io.encsync.jenkins.support;

import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Rules;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.sync.SyncOptions;
import io.encsync.core.task.ProvisionMode;
import io.encsync.core.task.WorkspacePath;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * The form logic every descriptor delegates to. Each check answers only users who may configure
 * the item (or administer Jenkins outside an item), and the validation messages are core's own.
 */
@Restricted(NoExternalUse.class)
public final class Forms {
    /** Credential ids the plugin writes: what the credentials plugin's own forms accept, and no more. */
    public static final String CREDENTIAL_ID = "[A-Za-z0-9_.-]{1,100}";

    private Forms() {
    }

    /** Whether the caller may see validation results for {@code item} (Configure, or Administer with no item). */
    public static boolean mayConfigure(Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
    }

    /** {@code problem} as the form shows it, to those who may configure {@code item} (nothing to others). */
    public static FormValidation check(Item item, Optional<String> problem) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        return problem.map(FormValidation::error).orElseGet(FormValidation::ok);
    }

    public static FormValidation checkBucket(Item item, String value) {
        return check(item, S3Rules.bucketProblem(value));
    }

    public static FormValidation checkPrefix(Item item, String value) {
        return check(item, S3Location.checkPrefix(value));
    }

    public static FormValidation checkRegion(Item item, String value) {
        return check(item, S3Settings.checkRegion(value));
    }

    public static FormValidation checkEndpoint(Item item, String value) {
        return check(item, S3Rules.endpointProblem(value));
    }

    public static FormValidation checkGlobs(Item item, String value) {
        return check(item, SyncOptions.checkGlobs(value));
    }

    public static FormValidation checkTransfers(Item item, String value) {
        if (value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            return check(item, SyncOptions.checkTransfers(Integer.parseInt(value.strip())));
        } catch (NumberFormatException e) {
            return check(item, Optional.of(Messages.Forms_TransfersNumber(SyncOptions.MAX_TRANSFERS)));
        }
    }

    public static FormValidation checkFolder(Item item, String field, String value) {
        return check(item, WorkspacePath.check(field, value));
    }

    /** Like {@link #checkFolder}, but empty is only a warning: the backup action reads it as "the archived artifacts". */
    public static FormValidation checkSource(Item item, String value) {
        if (mayConfigure(item) && (value == null || value.isBlank())) {
            return FormValidation.warning(Messages.Forms_SourceEmpty());
        }
        return checkFolder(item, "source", value);
    }

    public static ListBoxModel filenameEncryptionItems() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.Forms_FilenameEncryption_standard(), "standard");
        m.add(Messages.Forms_FilenameEncryption_obfuscate(), "obfuscate");
        m.add(Messages.Forms_FilenameEncryption_off(), "off");
        return m;
    }

    public static ListBoxModel filenameEncodingItems() {
        ListBoxModel m = new ListBoxModel();
        m.add(Messages.Forms_FilenameEncoding_base32(), "base32");
        m.add(Messages.Forms_FilenameEncoding_base64(), "base64");
        m.add(Messages.Forms_FilenameEncoding_base32768(), "base32768");
        return m;
    }

    public static ListBoxModel modeItems() {
        ListBoxModel m = new ListBoxModel();
        for (ProvisionMode mode : ProvisionMode.values()) {
            m.add(mode.value(), mode.value());
        }
        return m;
    }

    public static FormValidation checkNewKeyId(Item item, String value, String mode) {
        if (!mayConfigure(item)) {
            return FormValidation.ok();
        }
        boolean apply = mode == null || mode.isBlank() || mode.strip().equalsIgnoreCase("apply");
        if (apply && (value == null || value.isBlank())) {
            return FormValidation.error(Messages.Forms_NewKeyIdRequired());
        }
        if (value != null && !value.isBlank() && !value.strip().matches(CREDENTIAL_ID)) {
            return FormValidation.error(Messages.Forms_NewKeyIdChars());
        }
        return FormValidation.ok();
    }
}
