package io.encsync.core.task;

import io.encsync.core.EncsyncException;
import io.encsync.core.keys.SecretBytes;
import java.io.Serial;
import java.io.Serializable;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
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
            throw EncsyncException.usage("proxy host must be set, was empty — fix it in Manage Jenkins » System » HTTP Proxy");
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

    /** An SDK HTTP client that sends requests for {@code target} through this proxy (if it applies). */
    static SdkHttpClient httpClient(Optional<ProxySettings> proxy, Optional<URI> target) {
        ApacheHttpClient.Builder builder = ApacheHttpClient.builder();
        proxy.ifPresent(p -> {
            String targetHost = target.map(URI::getHost).orElse("s3.amazonaws.com");
            if (p.appliesTo(targetHost)) {
                ProxyConfiguration.Builder cfg = ProxyConfiguration.builder()
                        .endpoint(URI.create("http://" + p.host + ":" + p.port))
                        .useSystemPropertyValues(false);
                if (p.user != null) {
                    cfg.username(p.user);
                    if (p.password != null) {
                        cfg.password(p.password.revealUtf8());
                    }
                }
                builder.proxyConfiguration(cfg.build());
            }
        });
        return builder.build();
    }

    @Override
    public String toString() {
        return "proxy " + host + ":" + port + (user == null ? "" : " as " + user);
    }
}
