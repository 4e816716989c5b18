package io.encsync.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.util.FormValidation;
import io.encsync.core.EncsyncException;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.ControllerEndpoints;
import io.encsync.jenkins.support.Messages;
import io.encsync.jenkins.support.Texts;
import java.net.URI;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The administrator's switches (Manage Jenkins » System » Encrypted S3 Sync, or JCasC
 * {@code unclassified: encryptedS3Sync:}). Every switch is off by default because each widens
 * what a job's author can do; the help texts say what, and what to prefer.
 */
@Extension
@Symbol("encryptedS3Sync")
public class EncsyncConfiguration extends GlobalConfiguration {
    private boolean allowSystemToStoreKeys;
    private boolean sendProxyPasswordToAgents;
    private boolean allowControllerAwsIdentity;
    /** Null for the default, {@value AwsAuth#DEFAULT_SESSION_SECONDS}. */
    private Integer roleSessionSeconds;
    private String controllerEndpoints;

    public EncsyncConfiguration() {
        load();
    }

    public static EncsyncConfiguration get() {
        return ExtensionList.lookupSingleton(EncsyncConfiguration.class);
    }

    @Override
    public String getDisplayName() {
        return Messages.EncsyncConfiguration_DisplayName();
    }

    /**
     * Whether provisioning may store, replace or remove key credentials in builds that run as
     * SYSTEM. Without an authorisation plugin every build runs as SYSTEM, which may write every
     * credential store, so any job author could then write credentials.
     */
    public boolean isAllowSystemToStoreKeys() {
        return allowSystemToStoreKeys;
    }

    @DataBoundSetter
    public void setAllowSystemToStoreKeys(boolean allowSystemToStoreKeys) {
        this.allowSystemToStoreKeys = allowSystemToStoreKeys;
        save();
    }

    /** Whether the password of Jenkins' HTTP proxy is sent to agents with each task. */
    public boolean isSendProxyPasswordToAgents() {
        return sendProxyPasswordToAgents;
    }

    @DataBoundSetter
    public void setSendProxyPasswordToAgents(boolean sendProxyPasswordToAgents) {
        this.sendProxyPasswordToAgents = sendProxyPasswordToAgents;
        save();
    }

    /**
     * Whether an AWS credential without keys may stand for the controller's own AWS identity
     * (instance profile, environment) when a job's action runs inside the controller. A credential
     * a job can use is a choice its author makes, so without this switch such a credential would
     * lend the controller's identity to every job that can see it.
     */
    public boolean isAllowControllerAwsIdentity() {
        return allowControllerAwsIdentity;
    }

    @DataBoundSetter
    public void setAllowControllerAwsIdentity(boolean allowControllerAwsIdentity) {
        this.allowControllerAwsIdentity = allowControllerAwsIdentity;
        save();
    }

    /**
     * How long a role session the controller assumes lasts, in seconds (900-43200). An agent gets
     * only the session and cannot renew it, so this bounds both how long a leaked session works and
     * how long one push or pull on an agent may take.
     */
    public int getRoleSessionSeconds() {
        return roleSessionSeconds == null ? AwsAuth.DEFAULT_SESSION_SECONDS : roleSessionSeconds;
    }

    @DataBoundSetter
    public void setRoleSessionSeconds(int roleSessionSeconds) {
        int checked = checked(() -> AwsAuth.checkedSessionSeconds(roleSessionSeconds));
        this.roleSessionSeconds = checked == AwsAuth.DEFAULT_SESSION_SECONDS ? null : checked;
        save();
    }

    /** The endpoints besides AWS the controller may contact for a job, one per line. */
    public String getControllerEndpoints() {
        return controllerEndpoints == null ? "" : controllerEndpoints;
    }

    @DataBoundSetter
    public void setControllerEndpoints(String controllerEndpoints) {
        checked(() -> ControllerEndpoints.parse(controllerEndpoints));
        this.controllerEndpoints = Texts.trimToNull(controllerEndpoints);
        save();
    }

    /** {@link #getControllerEndpoints()} parsed (checked when set). */
    @Restricted(NoExternalUse.class)
    public ControllerEndpoints controllerEndpoints() {
        return ControllerEndpoints.parse(controllerEndpoints);
    }

    /**
     * Refuses {@code endpoint} unless the controller may contact it for a job: AWS, or one an
     * administrator listed. {@code forRole}: the controller would assume a role there (the task
     * itself runs on an agent).
     */
    @Restricted(NoExternalUse.class)
    public void checkControllerMayContact(Optional<URI> endpoint, boolean forRole) throws AbortException {
        if (!controllerEndpoints().allows(endpoint)) {
            String shown = endpoint.map(URI::toString).orElse("");
            throw new AbortException(forRole ? Messages.EncsyncConfiguration_RoleEndpointNotAllowed(shown)
                    : Messages.EncsyncConfiguration_EndpointNotAllowed(shown));
        }
    }

    /** A core check's failure as the exception a setter may throw (forms and JCasC show its message). */
    private static <T> T checked(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (EncsyncException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @POST
    public FormValidation doCheckRoleSessionSeconds(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER) || value == null || value.isBlank()) {
            return FormValidation.ok();
        }
        try {
            AwsAuth.checkedSessionSeconds(Integer.parseInt(value.strip()));
            return FormValidation.ok();
        } catch (NumberFormatException e) {
            return FormValidation.error(Messages.EncsyncConfiguration_SessionSecondsNotANumber(value));
        } catch (EncsyncException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckControllerEndpoints(@QueryParameter String value) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        try {
            ControllerEndpoints.parse(value);
            return FormValidation.ok();
        } catch (EncsyncException e) {
            return FormValidation.error(e.getMessage());
        }
    }
}
