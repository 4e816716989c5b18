package io.encsync.jenkins.artifacts;

import hudson.AbortException;
import hudson.remoting.VirtualChannel;
import io.encsync.core.EncsyncException;
import io.encsync.core.artifacts.ArtifactScan;
import io.encsync.core.artifacts.HttpTransferOptions;
import io.encsync.core.artifacts.PresignedDownloader;
import io.encsync.core.artifacts.PresignedUploader;
import io.encsync.core.aws.ProxySettings;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Proxies;
import java.io.File;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import jenkins.agents.ControllerToAgentFileCallable;
import org.apache.tools.ant.DirectoryScanner;
import org.apache.tools.ant.types.FileSet;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * What the artifact manager runs on the agent that holds the workspace: four small callables,
 * each carrying plain JDK data and calling one core class. None carries an AWS key, the password
 * or a name key: an upload or download carries the presigned URLs the controller signed for
 * exactly its objects and the 32-byte content key (see {@link io.encsync.core.artifacts}), and
 * Jenkins' HTTP proxy setting (its password only when an administrator allows it).
 * Both come from the build's own source ({@link ArtifactPlace#source()}): the URLs are for this
 * build's path only, and the content key is that of the password of the folder whose storage the
 * build used (or the global storage's), so an agent running one team's build never receives
 * another team's key or URLs.
 * Replies are JDK maps. A core failure comes back as an {@link AbortException} with core's one
 * line, because core's exception classes would not pass the controller's class filter.
 */
@Restricted(NoExternalUse.class)
public final class ArtifactAgentCalls {
    private ArtifactAgentCalls() {
    }

    /** Archive step 1: the size and mtime of each file Jenkins chose (archive path → workspace path). */
    public record Scan(HashMap<String, String> artifacts) implements ControllerToAgentFileCallable<HashMap<String, Object>> {
        private static final long serialVersionUID = 1L;

        @Override
        public HashMap<String, Object> invoke(File workspace, VirtualChannel channel) throws AbortException {
            return core(() -> ArtifactScan.scan(workspace.toPath(), artifacts));
        }
    }

    /**
     * A stash's files, chosen here with Ant patterns as Jenkins' own stash chooses them
     * (comma-separated, {@code **} crosses folders, empty includes means everything), then scanned.
     */
    public record ScanStash(String includes, String excludes, boolean useDefaultExcludes)
            implements ControllerToAgentFileCallable<HashMap<String, Object>> {
        private static final long serialVersionUID = 1L;

        @Override
        public HashMap<String, Object> invoke(File workspace, VirtualChannel channel) throws AbortException {
            Map<String, String> files = new TreeMap<>();
            if (workspace.isDirectory()) {
                FileSet set = hudson.Util.createFileSet(workspace, includes == null || includes.isBlank() ? "**" : includes,
                        excludes);
                set.setDefaultexcludes(useDefaultExcludes);
                DirectoryScanner scanner = set.getDirectoryScanner();
                for (String f : scanner.getIncludedFiles()) {
                    String path = f.replace(File.separatorChar, '/');
                    files.put(path, path);
                }
            }
            return core(() -> ArtifactScan.scan(workspace.toPath(), files));
        }
    }

    /**
     * Archive step 3: encrypt and upload through the plan's presigned URLs, through Jenkins' HTTP
     * proxy ({@code proxy}, null for none: {@link Proxies#forArtifactAgent()}, taken on the controller).
     */
    public record Upload(HashMap<String, Object> plan, HashMap<String, Object> proxy)
            implements ControllerToAgentFileCallable<HashMap<String, Object>> {
        private static final long serialVersionUID = 1L;

        public Upload(HashMap<String, Object> plan) {
            this(plan, Proxies.forArtifactAgent());
        }

        @Override
        public HashMap<String, Object> invoke(File workspace, VirtualChannel channel) throws AbortException {
            return core(() -> new PresignedUploader(transferOptions(proxy)).upload(workspace.toPath(), plan));
        }

        /** Remoting names a callable in its messages: never the URLs (capabilities) or the key. */
        @Override
        public String toString() {
            return "encrypted artifact upload";
        }
    }

    /** Unstash: download through the plan's presigned GETs (and Jenkins' proxy), verify and decrypt into the workspace. */
    public record Download(HashMap<String, Object> plan, HashMap<String, Object> proxy)
            implements ControllerToAgentFileCallable<HashMap<String, Object>> {
        private static final long serialVersionUID = 1L;

        public Download(HashMap<String, Object> plan) {
            this(plan, Proxies.forArtifactAgent());
        }

        @Override
        public HashMap<String, Object> invoke(File workspace, VirtualChannel channel) throws AbortException {
            return core(() -> new PresignedDownloader(transferOptions(proxy)).download(workspace.toPath(), plan));
        }

        @Override
        public String toString() {
            return "encrypted artifact download";
        }
    }

    /** The agent's transfer options: the defaults, through the controller's proxy when one came. */
    private static HttpTransferOptions transferOptions(HashMap<String, Object> proxy) {
        return HttpTransferOptions.builder().proxy(proxy == null ? null : ProxySettings.fromWire(proxy)).build();
    }

    private static HashMap<String, Object> core(Supplier<Map<String, Object>> call) throws AbortException {
        try {
            return new HashMap<>(call.get());
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
    }
}
