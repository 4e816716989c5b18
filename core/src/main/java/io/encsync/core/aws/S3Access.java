package io.encsync.core.aws;

import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything needed to reach one bucket from any JVM: where it is ({@link S3Location}), how to
 * address it ({@link S3Settings}: region, endpoint, addressing, storage class), who we are
 * ({@link AwsAuth}) and how the network goes out (an optional {@link ProxySettings}).
 * Serializable for an agent task: the settings travel without their credentials provider and SDK
 * proxy (both transient); {@link #settings()} attaches the proxy again where it is used.
 */
public final class S3Access implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final S3Location location;
    private final S3Settings settings;
    private final AwsAuth auth;
    private final ProxySettings proxy;

    public S3Access(S3Location location, S3Settings settings, AwsAuth auth, ProxySettings proxy) {
        this.location = Objects.requireNonNull(location, "location");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.proxy = proxy;
    }

    public S3Location location() {
        return location;
    }

    /** The settings with the proxy for this endpoint applied (none for a no-proxy host), without credentials. */
    public S3Settings settings() {
        S3Settings.Builder b = settings.toBuilder();
        if (proxy != null) {
            proxy.forTarget(settings.endpoint()).ifPresent(b::proxy);
        }
        return b.build();
    }

    public AwsAuth auth() {
        return auth;
    }

    public Optional<ProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** This access with {@code auth} instead (a role session assumed by the controller). */
    public S3Access withAuth(AwsAuth other) {
        return new S3Access(location, settings, other, proxy);
    }

    /** This access through {@code other} proxy instead (null: direct). */
    public S3Access withProxy(ProxySettings other) {
        return new S3Access(location, settings, auth, other);
    }

    /** Credentials for {@link #auth()}, reaching STS as these settings reach S3; close them after use. */
    public AgentCredentials credentials() {
        return AgentCredentials.of(auth, settings());
    }

    /** Equal when bucket, prefix, settings, identity and proxy are: a key for sharing one client. */
    @Override
    public boolean equals(Object o) {
        return o instanceof S3Access a && location.equals(a.location) && settings.equals(a.settings)
                && auth.equals(a.auth) && Objects.equals(proxy, a.proxy);
    }

    @Override
    public int hashCode() {
        return Objects.hash(location, settings, auth);
    }

    @Override
    public String toString() {
        return location + " " + settings.describeAddress() + " as " + auth + (proxy == null ? "" : " via " + proxy);
    }
}
