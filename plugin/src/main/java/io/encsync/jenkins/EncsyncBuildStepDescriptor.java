package io.encsync.jenkins;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Item;
import hudson.tasks.BuildStep;
import hudson.tasks.BuildStepDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What all encsync freestyle build steps and the post-build action share: the same credential lists and core-backed checks
 * as the pipeline steps, and the pipeline steps' help files (one text per field, kept beside the
 * step that owns it).
 */
public abstract class EncsyncBuildStepDescriptor<T extends BuildStep & Describable<T>> extends BuildStepDescriptor<T> {
    static final String[] CRYPT_FIELDS = {"passwordCredentialsId", "password2CredentialsId", "filenameEncryption",
        "filenameEncoding", "directoryNameEncryption"};
    static final String[] S3_FIELDS = {"bucket", "prefix", "region", "endpoint", "pathStyle", "awsCredentialsId",
        "includes", "excludes", "delete", "dryRun", "transfers"};

    protected EncsyncBuildStepDescriptor() {
        redirectHelp(EncryptDirStep.class, CRYPT_FIELDS);
        redirectHelp(S3EncryptedPushStep.class, S3_FIELDS);
    }

    /** Shows the help text of {@code owner}'s same-named fields for these fields. */
    protected final void redirectHelp(Class<? extends org.jenkinsci.plugins.workflow.steps.Step> owner, String... fields) {
        for (String field : fields) {
            addHelpFileRedirect(field, owner, field);
        }
    }

    @Override
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
    }

    @POST
    public ListBoxModel doFillPasswordCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String passwordCredentialsId) {
        return CredentialLookup.fillSecretText(item, passwordCredentialsId);
    }

    @POST
    public ListBoxModel doFillPassword2CredentialsIdItems(@AncestorInPath Item item, @QueryParameter String password2CredentialsId) {
        return CredentialLookup.fillSecretText(item, password2CredentialsId);
    }

    @POST
    public ListBoxModel doFillAwsCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String awsCredentialsId) {
        return CredentialLookup.fillAws(item, awsCredentialsId);
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
    public FormValidation doCheckAwsCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
        return CredentialLookup.checkAws(item, value);
    }

    @POST
    public ListBoxModel doFillFilenameEncryptionItems(@AncestorInPath Item item) {
        return Forms.filenameEncryptionItems();
    }

    @POST
    public ListBoxModel doFillFilenameEncodingItems(@AncestorInPath Item item) {
        return Forms.filenameEncodingItems();
    }

    @POST
    public FormValidation doCheckBucket(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkBucket(item, value);
    }

    @POST
    public FormValidation doCheckPrefix(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkPrefix(item, value);
    }

    @POST
    public FormValidation doCheckRegion(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkRegion(item, value);
    }

    @POST
    public FormValidation doCheckEndpoint(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkEndpoint(item, value);
    }

    @POST
    public FormValidation doCheckIncludes(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkGlobs(item, value);
    }

    @POST
    public FormValidation doCheckExcludes(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkGlobs(item, value);
    }

    @POST
    public FormValidation doCheckTransfers(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkTransfers(item, value);
    }

    @POST
    public FormValidation doCheckWorkspaceGlob(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkGlobs(item, value);
    }

    @POST
    public FormValidation doCheckSource(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkFolder(item, "source", value);
    }

    @POST
    public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkFolder(item, "target", value);
    }
}
