package io.encsync.core.artifacts;

import io.encsync.core.IntegrityException;
import io.encsync.core.keys.SecretBytes;
import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The HTTP proxy an agent's presigned transfers go through: the controller's setting (Jenkins'
 * HTTP proxy), sent in the transfer's message because an agent cannot read it, and applied to the
 * JDK HTTP client ({@link #selector()}, {@link #authenticator()}). Hosts matching a no-proxy
 * pattern (regular expressions matched against the whole host name) are reached directly.
 *
 * <p>Message: {@code {format: "encsync-artifacts-proxy-v1", host, port, user?, password?: byte[],
 * noProxy: [regex, ..]}}. The password is there only when the controller chose to send it;
 * {@link #toString()} never shows it. Note the JDK's HTTP client does not answer a proxy's Basic
 * challenge for an {@code https} tunnel unless the agent's JVM allows it
 * ({@code -Djdk.http.auth.tunneling.disabledSchemes=}).
 */
public final class AgentProxy {
    static final String FORMAT = "encsync-artifacts-proxy-v1";

    private final String host;
    private final int port;
    private final String user;
    private final SecretBytes password;
    private final List<Pattern> noProxy;

    private AgentProxy(String host, int port, String user, SecretBytes password, List<Pattern> noProxy) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.noProxy = List.copyOf(noProxy);
    }

    /**
     * A proxy at {@code host:port}; {@code user} and {@code password} may be null (the holder is
     * copied); {@code noProxyPatterns} are regular expressions for whole host names.
     */
    public static AgentProxy of(String host, int port, String user, SecretBytes password, List<String> noProxyPatterns) {
        return new AgentProxy(host, port, user == null || user.isBlank() ? null : user,
                password == null || password.isEmpty() ? null : copy(password), compile(noProxyPatterns, "the proxy"));
    }

    private static SecretBytes copy(SecretBytes s) {
        byte[] raw = s.reveal();
        try {
            return SecretBytes.copyOf(raw);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    private static List<Pattern> compile(List<String> patterns, String what) {
        List<Pattern> out = new ArrayList<>(patterns.size());
        for (String p : patterns) {
            try {
                out.add(Pattern.compile(p));
            } catch (PatternSyntaxException e) {
                throw new IntegrityException(what + ": no-proxy pattern '" + p + "' is not a regular expression");
            }
        }
        return out;
    }

    /** The message for the agent: only {@code java.*} types. Holds the password when one was given. */
    public Map<String, Object> toWire() {
        Map<String, Object> m = new HashMap<>();
        m.put("format", FORMAT);
        m.put("host", host);
        m.put("port", (long) port);
        if (user != null) {
            m.put("user", user);
        }
        if (password != null) {
            m.put("password", password.reveal());
        }
        m.put("noProxy", new ArrayList<>(noProxy.stream().map(Pattern::pattern).toList()));
        return m;
    }

    /** The agent's side: parses and checks a message from {@link #toWire()}. */
    public static AgentProxy fromWire(Map<?, ?> m) {
        String what = "the proxy setting";
        Wire.requireFormat(m, FORMAT, what);
        String host = Wire.string(m, "host", what);
        long port = Wire.number(m, "port", what);
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IntegrityException(what + ": host '" + host + "' port " + port + " is not a proxy address");
        }
        String user = Wire.optionalString(m, "user", what);
        SecretBytes password = m.get("password") == null ? null : SecretBytes.copyOf(Wire.bytes(m, "password", what));
        return new AgentProxy(host, (int) port, user, password, compile(Wire.strings(m, "noProxy", what), what));
    }

    /** Whether requests to {@code targetHost} go through the proxy (false for no-proxy hosts). */
    public boolean appliesTo(String targetHost) {
        return noProxy.stream().noneMatch(p -> p.matcher(targetHost).matches());
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
                    java.util.Arrays.fill(raw, (byte) 0);
                }
            }
        });
    }

    @Override
    public String toString() {
        return "proxy " + host + ":" + port + (user == null ? "" : " as " + user)
                + (noProxy.isEmpty() ? "" : " (" + noProxy.size() + " no-proxy pattern(s))");
    }
}
