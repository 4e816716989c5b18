package io.encsync.core.aws;

import io.encsync.core.EncsyncException;
import io.encsync.core.store.s3.S3Rules;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The S3 endpoints a CI controller may contact on a job's behalf, from inside its own JVM: AWS
 * always, plus those an administrator lists. A job's author chooses the endpoint of a step; where
 * the step runs in the controller (a backup of the archived artifacts, a step on the built-in
 * node, the role a task assumes before it goes to an agent) the controller would otherwise send
 * requests wherever the author points it: internal services, cloud metadata addresses.
 *
 * <p>An entry is {@code scheme://host[:port]}, as an endpoint setting is written; host names
 * compare without case and a default port equals no port. "AWS" is any {@code https} endpoint
 * under {@code amazonaws.com} (or {@code amazonaws.com.cn}), and no endpoint at all.
 */
public final class ControllerEndpoints {
    private static final ControllerEndpoints AWS_ONLY = new ControllerEndpoints(List.of());

    private final List<String> origins;

    private ControllerEndpoints(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    public static ControllerEndpoints awsOnly() {
        return AWS_ONLY;
    }

    /**
     * The entries of {@code text}, one per line (blank lines and lines starting with {@code #} are
     * skipped); each must be a valid endpoint, else a usage error names the line.
     */
    public static ControllerEndpoints parse(String text) {
        if (text == null || text.isBlank()) {
            return AWS_ONLY;
        }
        List<String> found = new ArrayList<>();
        int n = 0;
        for (String line : text.split("\\R")) {
            n++;
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            URI uri;
            try {
                uri = S3Rules.endpoint(entry);
            } catch (EncsyncException e) {
                throw EncsyncException.usage("allowed endpoint on line " + n + ": " + e.getMessage());
            }
            found.add(origin(uri));
        }
        return new ControllerEndpoints(found);
    }

    /** The allowed endpoints besides AWS, normalised ({@code scheme://host[:port]}). */
    public List<String> entries() {
        return origins;
    }

    /** Whether the controller may contact {@code endpoint} (empty: AWS's own endpoints). */
    public boolean allows(Optional<URI> endpoint) {
        if (endpoint.isEmpty()) {
            return true;
        }
        URI uri = endpoint.get();
        return isAws(uri) || origins.contains(origin(uri));
    }

    static boolean isAws(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return "https".equalsIgnoreCase(uri.getScheme())
                && (host.endsWith(".amazonaws.com") || host.endsWith(".amazonaws.com.cn"));
    }

    /** {@code scheme://host[:port]} in lower case, without a default port. */
    static String origin(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    @Override
    public String toString() {
        return origins.isEmpty() ? "AWS only" : "AWS and " + String.join(", ", origins);
    }
}
