package io.encsync.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The administrator's switches (Manage Jenkins » System » Encrypted S3 Sync, or JCasC
 * {@code unclassified: encryptedS3Sync:}). Both are off by default because each widens what a
 * job's author can do; the help texts say what, and what to prefer.
 */
@Extension
@Symbol("encryptedS3Sync")
public class EncsyncConfiguration extends GlobalConfiguration {
    private boolean allowSystemToStoreKeys;
    private boolean sendProxyPasswordToAgents;

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
}
