package io.encsync.jenkins;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.task.ProxySettings;
import java.util.List;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;

/**
 * Captures Jenkins' HTTP proxy on the controller so the agent can use it: an agent has no access
 * to the controller's configuration, and {@code ProxyConfiguration} helpers apply no proxy there.
 */
final class Proxies {
    private Proxies() {
    }

    /** The controller's proxy as core settings, or null when none is configured. */
    static ProxySettings capture() {
        ProxyConfiguration p = Jenkins.get().getProxy();
        if (p == null || p.getName() == null || p.getName().isBlank()) {
            return null;
        }
        List<String> noProxy = p.getNoProxyHostPatterns().stream().map(Pattern::pattern).toList();
        Secret pw = p.getSecretPassword();
        SecretBytes password = pw == null || pw.getPlainText().isEmpty() ? null : SecretBytes.utf8(pw.getPlainText());
        return ProxySettings.of(p.getName(), p.getPort(), p.getUserName(), password, noProxy);
    }
}
