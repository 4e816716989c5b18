package io.encsync.core.aws;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import io.encsync.core.LogText;
import io.encsync.core.keys.SecretBytes;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import software.amazon.awssdk.http.apache.ProxyConfiguration;

/**
 * An HTTP proxy captured where it is configured (the Jenkins controller) and applied where the
 * requests start: the SDK's clients in any JVM ({@link #forTarget}), and an agent's presigned
 * artifact transfers with the JDK HTTP client ({@link #selector()}, {@link #authenticator()}).
 * Holds the host, port, optional user and password, and the no-proxy host patterns (regular
 * expressions matched against whole host names).
 *
 * <p>Two forms travel: Java serialization inside a task, and, for artifact transfers, the JDK-map
 * message {@code {format: "encsync-artifacts-proxy-v1", host, port, user?, password?: byte[],
 * noProxy: [regex, ..]}} ({@link #toWire()}, {@link #fromWire}), which an agent reads without
 * core's classes being trusted by the controller. The password is in either only when the
 * controller chose to send it; {@link #toString()} never shows it. The JDK's HTTP client does not
 * answer a proxy's Basic challenge for an {@code https} tunnel unless the agent's JVM allows it
 * ({@code -Djdk.http.auth.tunneling.disabledSchemes=}). Only {@link #forTarget} uses the AWS SDK,
 * which agents of presigned transfers do not have: they never call it.
 */
public final class ProxySettings implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final String FORMAT = "encsync-artifacts-proxy-v1";

    private final String host;
    private final int port;
    private final String user;
    private final SecretBytes password;
    private final List<String> noProxyPatterns;
    private transient volatile List<Pattern> compiled;

    private ProxySettings(String host, int port, String user, SecretBytes password, List<String> noProxyPatterns) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.noProxyPatterns = List.copyOf(noProxyPatterns);
    }

    /**
     * A proxy at {@code host:port}. {@code user} and {@code password} may be null (the holder is
     * copied); {@code noProxyPatterns} are regular expressions matched against whole host names.
     *
     * @throws EncsyncException (usage) naming the bad host, port or pattern
     */
    public static ProxySettings of(String host, int port, String user, SecretBytes password,
            List<String> noProxyPatterns) {
        if (host == null || host.isBlank()) {
            throw EncsyncException.usage("proxy host must be set, was empty — fix the HTTP proxy setting");
        }
        if (port < 1 || port > 65535) {
            throw EncsyncException.usage("proxy port must be 1-65535, was " + port);
        }
        String problem = patternProblem(noProxyPatterns);
        if (problem != null) {
            throw EncsyncException.usage("proxy " + problem + " — fix the no-proxy hosts of the HTTP proxy setting");
        }
        String u = user == null || user.isBlank() ? null : user;
        SecretBytes pw = password == null || password.isEmpty() ? null : copy(password);
        return new ProxySettings(host.strip(), port, u, pw, noProxyPatterns);
    }

    private static String patternProblem(List<String> patterns) {
        for (String p : patterns) {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                return "no-proxy pattern '" + LogText.escape(p) + "' is not a regular expression";
            }
        }
        return null;
    }

    private static SecretBytes copy(SecretBytes s) {
        byte[] raw = s.reveal();
        try {
            return SecretBytes.copyOf(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private List<Pattern> noProxy() {
        List<Pattern> c = compiled;
        if (c == null) {
            c = noProxyPatterns.stream().map(Pattern::compile).toList();
            compiled = c;
        }
        return c;
    }

    /** Whether requests to {@code targetHost} go through the proxy (false for no-proxy hosts). */
    public boolean appliesTo(String targetHost) {
        return noProxy().stream().noneMatch(p -> p.matcher(targetHost).matches());
    }

    /** The SDK's proxy configuration for requests to {@code target} (AWS when empty), or empty when exempt. */
    public Optional<ProxyConfiguration> forTarget(Optional<URI> target) {
        String targetHost = target.map(URI::getHost).orElse("s3.amazonaws.com");
        if (!appliesTo(targetHost)) {
            return Optional.empty();
        }
        ProxyConfiguration.Builder cfg = ProxyConfiguration.builder()
                .endpoint(URI.create("http://" + host + ":" + port))
                // The controller's setting replaces whatever the running JVM's properties say.
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

    /** The message for an agent's presigned transfers: only {@code java.*} types; holds the password when one was given. */
    public HashMap<String, Object> toWire() {
        HashMap<String, Object> m = new HashMap<>();
        m.put("format", FORMAT);
        m.put("host", host);
        m.put("port", (long) port);
        if (user != null) {
            m.put("user", user);
        }
        if (password != null) {
            m.put("password", password.reveal());
        }
        m.put("noProxy", new ArrayList<>(noProxyPatterns));
        return m;
    }

    /**
     * The agent's side: parses and checks a message from {@link #toWire()}.
     *
     * @throws IntegrityException naming what is wrong with the message
     */
    public static ProxySettings fromWire(Map<?, ?> m) {
        String what = "the proxy setting";
        if (!FORMAT.equals(m.get("format"))) {
            throw new IntegrityException(what + ": format is not " + FORMAT);
        }
        if (!(m.get("host") instanceof String host) || !(m.get("port") instanceof Long port)) {
            throw new IntegrityException(what + ": host (a string) and port (a number) are required");
        }
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IntegrityException(what + ": host '" + LogText.escape(host) + "' port " + port
                    + " is not a proxy address");
        }
        Object user = m.get("user");
        Object password = m.get("password");
        if ((user != null && !(user instanceof String)) || (password != null && !(password instanceof byte[]))) {
            throw new IntegrityException(what + ": user must be a string and password bytes");
        }
        List<String> patterns = new ArrayList<>();
        if (!(m.get("noProxy") instanceof List<?> list)) {
            throw new IntegrityException(what + ": noProxy (a list of strings) is required");
        }
        for (Object p : list) {
            if (!(p instanceof String s)) {
                throw new IntegrityException(what + ": noProxy holds something that is not a string");
            }
            patterns.add(s);
        }
        String problem = patternProblem(patterns);
        if (problem != null) {
            throw new IntegrityException(what + ": " + problem);
        }
        SecretBytes pw = password == null ? null : SecretBytes.copyOf((byte[]) password);
        return new ProxySettings(host, (int) (long) port, (String) user, pw, patterns);
    }

    /** For {@code HttpClient.Builder.proxy}: this proxy, or a direct connection to a no-proxy host. */
    public ProxySelector selector() {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String target = uri.getHost() == null ? "" : uri.getHost();
                return appliesTo(target) ? List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(host, port)))
                        : List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // The request fails with ioe and is retried like any connection failure.
            }
        };
    }

    /** For {@code HttpClient.Builder.authenticator}: answers the proxy's challenge only, when a password was sent. */
    public Optional<Authenticator> authenticator() {
        if (user == null || password == null) {
            return Optional.empty();
        }
        return Optional.of(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                if (getRequestorType() != RequestorType.PROXY) {
                    return null;
                }
                byte[] raw = password.reveal();
                try {
                    return new PasswordAuthentication(user, new String(raw, StandardCharsets.UTF_8).toCharArray());
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            }
        });
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
        return "proxy " + host + ":" + port + (user == null ? "" : " as " + user)
                + (noProxyPatterns.isEmpty() ? "" : " (" + noProxyPatterns.size() + " no-proxy pattern(s))");
    }
}
