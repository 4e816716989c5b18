package io.encsync.jenkins.artifacts;

import hudson.AbortException;
import io.encsync.core.EncsyncException;
import io.encsync.core.artifacts.ArtifactController;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.ProxySettings;
import io.encsync.core.aws.S3Access;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.task.ArtifactAccess;
import io.encsync.jenkins.support.Failures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One {@link ArtifactController} per artifact storage configuration, kept open: each holds an S3
 * client and the keys derived from the password (scrypt, deliberately slow), so builds and page
 * views share them. A configuration is its settings plus the current values of its credentials:
 * when an administrator replaces a password or key, the next use opens a new controller. Each
 * folder with its own storage (a team) is a configuration of its own, so the cache holds up to
 * {@value #MAX_OPEN}, enough for that many teams building at once without deriving their keys
 * again; the least recently used ones beyond leave the cache.
 *
 * <p>Every use holds a {@link Lease} (try-with-resources; a build page's download until its stream
 * is closed). A controller that left the cache is closed when its last lease is released, never
 * under a build or download still using it.
 */
@Restricted(NoExternalUse.class)
public final class ArtifactControllers {
    public static final int MAX_OPEN = 16;

    private static final Map<Key, Entry> OPEN = new LinkedHashMap<>(8, 0.75f, true);

    private ArtifactControllers() {
    }

    /** The use of one controller; closing it releases the controller. */
    public static final class Lease implements AutoCloseable {
        private final Entry entry;
        private boolean released;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        public ArtifactController controller() {
            if (released) {
                throw new IllegalStateException("this lease of an artifact controller was released");
            }
            return entry.controller;
        }

        @Override
        public void close() {
            synchronized (OPEN) {
                if (released) {
                    return;
                }
                released = true;
                entry.users--;
                if (entry.users > 0 || !entry.evicted) {
                    return;
                }
            }
            entry.controller.close();
        }
    }

    /** A cached controller, the leases on it, and whether it left the cache. Guarded by {@code OPEN}. */
    private static final class Entry {
        final ArtifactController controller;
        int users;
        boolean evicted;

        Entry(ArtifactController controller) {
            this.controller = controller;
        }
    }

    /** A lease on the controller for {@code config}, with its credentials as they are now. */
    public static Lease acquire(EncryptedArtifactManagerFactory config) throws AbortException {
        S3Access s3 = config.s3Access();
        CryptConfig crypt = config.cryptOptions();
        Key key = new Key(config.connectionKey(), s3, crypt);
        List<ArtifactController> toClose = new ArrayList<>();
        Lease lease;
        synchronized (OPEN) {
            Entry e = OPEN.get(key);
            if (e == null) {
                try {
                    e = new Entry(ArtifactAccess.openController(s3, crypt, config.artifactOptions()));
                } catch (EncsyncException ex) {
                    throw Failures.abort(ex);
                }
                OPEN.put(key, e);
            }
            e.users++;
            lease = new Lease(e);
            for (var it = OPEN.values().iterator(); OPEN.size() > MAX_OPEN && it.hasNext(); ) {
                Entry eldest = it.next();
                if (eldest == e) {
                    continue;
                }
                it.remove();
                eldest.evicted = true;
                if (eldest.users == 0) {
                    toClose.add(eldest.controller);
                }
            }
        }
        toClose.forEach(ArtifactController::close);
        return lease;
    }

    /** Settings and credential values; equal when a controller for one serves the other. */
    private static final class Key {
        private final String settings;
        private final AwsAuth auth;
        private final CryptConfig crypt;
        /** Jenkins' HTTP proxy as the controller's client uses it: a changed proxy opens a new controller. */
        private final ProxySettings proxy;

        Key(String settings, S3Access s3, CryptConfig crypt) {
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
                    && Objects.equals(crypt.password2(), k.crypt.password2());
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
