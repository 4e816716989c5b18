package io.encsync.core.aws;

import io.encsync.core.EncsyncException;
import io.encsync.core.artifacts.AgentProxy;
import io.encsync.core.keys.SecretBytes;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * An HTTP proxy captured where it is configured (the Jenkins controller) and applied where the
 * task runs (an agent, which has no access to the controller's settings). Holds the host, port,
 * optional user and password, and the no-proxy host patterns as regular expressions.
 */
public final class ProxySettings implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String host;
    private final int port;
    private final String user;
    private final SecretBytes password;
    private final List<String> noProxyPatterns;

    private ProxySettings(String host, int port, String user, SecretBytes password, List<String> noProxyPatterns) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.noProxyPatterns = List.copyOf(noProxyPatterns);
    }

    /**
     * A proxy at {@code host:port}. {@code user} and {@code password} may be null; the
     * {@code noProxyPatterns} are regular expressions matched against whole host names.
     */
    public static ProxySettings of(String host, int port, String user, SecretBytes password,
            List<String> noProxyPatterns) {
        if (host == null || host.isBlank()) {
            throw EncsyncException.usage("proxy host must be set, was empty — fix the HTTP proxy setting");
        }
        if (port < 1 || port > 65535) {
            throw EncsyncException.usage("proxy port must be 1-65535, was " + port);
        }
        for (String p : noProxyPatterns) {
            Pattern.compile(p);
        }
        String u = user == null || user.isBlank() ? null : user;
        SecretBytes pw = password == null || password.isEmpty() ? null : password;
        return new ProxySettings(host.strip(), port, u, pw, noProxyPatterns);
    }

    /** Whether requests to {@code targetHost} go through the proxy (false for no-proxy hosts). */
    public boolean appliesTo(String targetHost) {
        for (String p : noProxyPatterns) {
            if (Pattern.compile(p).matcher(targetHost).matches()) {
                return false;
            }
        }
        return true;
    }

    /** The SDK's proxy configuration for requests to {@code target} (AWS when empty), or empty when exempt. */
    public Optional<ProxyConfiguration> forTarget(Optional<URI> target) {
        String targetHost = target.map(URI::getHost).orElse("s3.amazonaws.com");
        if (!appliesTo(targetHost)) {
            return Optional.empty();
        }
        ProxyConfiguration.Builder cfg = ProxyConfiguration.builder()
                .endpoint(URI.create("http://" + host + ":" + port))
                // The controller's setting replaces whatever the agent's JVM properties say.
                .useSystemPropertyValues(false)
                .useEnvironmentVariableValues(false);
        if (user != null) {
            cfg.username(user);
            if (password != null) {
                cfg.password(password.revealUtf8());
            }
        }
        return Optional.of(cfg.build());
    }

    /** The same proxy for an agent's presigned transfers (the JDK HTTP client). */
    public AgentProxy forPresignedTransfers() {
        return AgentProxy.of(host, port, user, password, noProxyPatterns);
    }

    /** Equal when every field is (the password compared in constant time). */
    @Override
    public boolean equals(Object o) {
        return o instanceof ProxySettings p && host.equals(p.host) && port == p.port && Objects.equals(user, p.user)
                && Objects.equals(password, p.password) && noProxyPatterns.equals(p.noProxyPatterns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, user, noProxyPatterns);
    }

    @Override
    public String toString() {
        return "proxy " + host + ":" + port + (user == null ? "" : " as " + user);
    }
}
