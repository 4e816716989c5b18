package io.encsync.jenkins.support;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.encsync.core.aws.ProxySettings;
import io.encsync.core.keys.SecretBytes;
import io.encsync.jenkins.EncsyncConfiguration;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Captures Jenkins' HTTP proxy on the controller so the task can use it where it runs: an agent
 * has no access to the controller's configuration, and {@code ProxyConfiguration}'s helpers apply
 * no proxy there.
 *
 * <p>The proxy's password is the controller's secret; sent with every task it would reach every
 * agent that runs one (and so every job author who can pick an agent they control). It is sent
 * only when an administrator allows it ({@link EncsyncConfiguration}), or when the task runs in the
 * controller's own JVM, where it crosses no channel. Host, port, user and no-proxy hosts are no secret.
 */
@Restricted(NoExternalUse.class)
public final class Proxies {
    private Proxies() {
    }

    /** The controller's proxy as core settings for {@code c}'s task, or null when none is configured. */
    public static ProxySettings capture(TaskContext c) {
        boolean send = c.onController() || EncsyncConfiguration.get().isSendProxyPasswordToAgents();
        return of(send, () -> c.log().println(Messages.Proxies_PasswordWithheld()));
    }

    /** The proxy for S3 calls the controller itself makes (artifact storage), password included. */
    public static ProxySettings controller() {
        return of(true, () -> { });
    }

    /**
     * The controller's proxy for an agent's presigned transfers (artifact storage), as a message of
     * JDK types ({@link ProxySettings#toWire()}), or null when none is configured. The password goes
     * only when an administrator allows it, as for tasks.
     */
    public static HashMap<String, Object> forArtifactAgent() {
        ProxySettings p = of(EncsyncConfiguration.get().isSendProxyPasswordToAgents(), () -> { });
        return p == null ? null : p.toWire();
    }

    private static ProxySettings of(boolean sendPassword, Runnable withheld) {
        ProxyConfiguration p = Jenkins.get().getProxy();
        if (p == null || p.getName() == null || p.getName().isBlank()) {
            return null;
        }
        List<String> noProxy = p.getNoProxyHostPatterns().stream().map(Pattern::pattern).toList();
        Secret pw = p.getSecretPassword();
        boolean hasPassword = pw != null && !pw.getPlainText().isEmpty();
        boolean send = hasPassword && sendPassword;
        if (hasPassword && !send) {
            withheld.run();
        }
        return ProxySettings.of(p.getName(), p.getPort(), p.getUserName(),
                send ? SecretBytes.utf8(pw.getPlainText()) : null, noProxy);
    }
}
