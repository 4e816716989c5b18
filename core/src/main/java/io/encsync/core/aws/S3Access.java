package io.encsync.core.aws;

import io.encsync.core.task.S3Options;
import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a task needs to reach one bucket: where it is ({@link S3Options}), who we are
 * ({@link AwsAuth}) and how the network goes out (an optional {@link ProxySettings}).
 */
public final class S3Access implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final S3Options location;
    private final AwsAuth auth;
    private final ProxySettings proxy;

    public S3Access(S3Options location, AwsAuth auth, ProxySettings proxy) {
        this.location = Objects.requireNonNull(location, "location");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.proxy = proxy;
    }

    public S3Options location() {
        return location;
    }

    public AwsAuth auth() {
        return auth;
    }

    public Optional<ProxySettings> proxy() {
        return Optional.ofNullable(proxy);
    }

    @Override
    public String toString() {
        return location + " as " + auth + (proxy == null ? "" : " via " + proxy);
    }
}
