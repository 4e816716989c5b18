package io.encsync.jenkins.steps;

import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.encsync.jenkins.credentials.CredentialLookup;
import io.encsync.jenkins.support.Forms;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jvnet.localizer.Localizable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What all encsync actions share: they need a workspace (so in Pipeline they run inside
 * {@code node}), and their forms use the same credential lists and core-backed checks. The
 * freestyle build steps and the post-build action render their nested step with this descriptor,
 * so these form methods are the only ones.
 *
 * <p>Every method is {@code @POST} (Stapler does not route a GET to it at all, so a GET gets 404)
 * and answers only users who may configure the job, or administer Jenkins outside a job.
 */
@Restricted(NoExternalUse.class)
public abstract class EncsyncStepDescriptor extends StepDescriptor {
    private final String functionName;
    private final Localizable displayName;

    protected EncsyncStepDescriptor(String functionName, Localizable displayName) {
        this.functionName = functionName;
        this.displayName = displayName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getDisplayName() {
        return displayName.toString();
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
        return Set.of(Run.class, FilePath.class, TaskListener.class);
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
    public FormValidation doCheckSource(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkSource(item, value);
    }

    @POST
    public FormValidation doCheckTarget(@AncestorInPath Item item, @QueryParameter String value) {
        return Forms.checkFolder(item, "target", value);
    }
}
