package io.encsync.jenkins;

import hudson.AbortException;
import io.encsync.core.EncsyncException;
import io.encsync.core.artifacts.ArtifactController;
import io.encsync.core.task.ArtifactAccess;
import io.encsync.core.task.AwsAuth;
import io.encsync.core.task.CryptOptions;
import io.encsync.core.task.ProxySettings;
import io.encsync.core.task.S3Access;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@link ArtifactController} per artifact storage configuration, kept open: each holds an S3
 * client and the keys derived from the password (scrypt, deliberately slow), so builds and page
 * views share them. A configuration is its settings plus the current values of its credentials:
 * when an administrator replaces a password or key, the next use opens a new controller. The few
 * least recently used ones beyond {@value #MAX_OPEN} are closed.
 */
final class ArtifactControllers {
    static final int MAX_OPEN = 4;

    private static final Map<Key, ArtifactController> OPEN = new LinkedHashMap<>(8, 0.75f, true);

    private ArtifactControllers() {
    }

    /** The controller for {@code config}, with its credentials as they are now. */
    static ArtifactController of(EncryptedArtifactManagerFactory config) throws AbortException {
        S3Access s3 = config.s3Access();
        CryptOptions crypt = config.cryptOptions();
        Key key = new Key(config.connectionKey(), s3, crypt);
        synchronized (OPEN) {
            ArtifactController c = OPEN.get(key);
            if (c != null) {
                return c;
            }
            try {
                c = ArtifactAccess.openController(s3, crypt, config.artifactOptions());
            } catch (EncsyncException e) {
                throw Failures.abort(e);
            }
            OPEN.put(key, c);
            if (OPEN.size() > MAX_OPEN) {
                var eldest = OPEN.entrySet().iterator().next();
                OPEN.remove(eldest.getKey());
                eldest.getValue().close();
            }
            return c;
        }
    }

    /** Settings and credential values; equal when a controller for one serves the other. */
    private static final class Key {
        private final String settings;
        private final AwsAuth auth;
        private final CryptOptions crypt;
        /** Jenkins' HTTP proxy as the controller's client uses it: a changed proxy opens a new controller. */
        private final ProxySettings proxy;

        Key(String settings, S3Access s3, CryptOptions crypt) {
            this.settings = settings;
            this.auth = s3.auth();
            this.crypt = crypt;
            this.proxy = s3.proxy().orElse(null);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && settings.equals(k.settings) && auth.equals(k.auth)
                    && Objects.equals(proxy, k.proxy)
                    && crypt.password().equals(k.crypt.password())
                    && crypt.password2().equals(k.crypt.password2());
        }

        @Override
        public int hashCode() {
            return Objects.hash(settings, auth);
        }

        @Override
        public String toString() {
            return "ArtifactControllers.Key[" + auth + ", " + crypt + "]";
        }
    }
}
