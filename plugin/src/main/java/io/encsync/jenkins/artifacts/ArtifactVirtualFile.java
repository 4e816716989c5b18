package io.encsync.jenkins.artifacts;

import edu.umd.cs.findbugs.annotations.NonNull;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestEntry;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import jenkins.util.VirtualFile;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A build's archived artifacts as Jenkins sees them (the build page's links, "Last successful
 * artifacts", copyArtifacts): the tree of the verified manifest, with folders implied by the
 * paths. Listing reads only the manifest; {@link #open()} decrypts one artifact on the controller
 * and verifies it (nonce, every block, size and SHA-256), refusing artifacts larger than the
 * configured download limit with core's message. There is no external URL: a presigned GET would
 * hand out ciphertext.
 *
 * <p>Not meant to cross a channel: it reads through the build's manager, which stays on the controller.
 */
@Restricted(NoExternalUse.class)
public final class ArtifactVirtualFile extends VirtualFile {
    private static final long serialVersionUID = 1L;

    private final transient EncryptedArtifactManager manager;
    /** "" for the root, else a path of the manifest or a folder above one, without a trailing '/'. */
    private final String path;

    public ArtifactVirtualFile(EncryptedArtifactManager manager, String path) {
        this.manager = manager;
        this.path = path;
    }

    private SortedMap<String, ManifestEntry> entries() throws IOException {
        Manifest m = manager.artifactsManifest();
        return m == null ? java.util.Collections.emptySortedMap() : m.entries();
    }

    /** The entries strictly below this folder. */
    private SortedMap<String, ManifestEntry> below() throws IOException {
        if (path.isEmpty()) {
            return entries();
        }
        // '/' + 1 is '0': every key that starts with "path/".
        return entries().subMap(path + "/", path + "0");
    }

    @NonNull
    @Override
    public String getName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * {@code encsync-s3://BUCKET/PREFIX/JOB/NUMBER/artifacts/#PATH}, one distinct URI per artifact.
     * Built from its parts, so the URI class quotes what a URI cannot hold (spaces in job and
     * file names, '%', '#'); a single string would not parse.
     */
    @NonNull
    @Override
    public URI toURI() {
        String location = manager.artifactsLocation(); // s3://bucket/key/
        String rest = location.startsWith("s3://") ? location.substring("s3://".length()) : location;
        try {
            return new URI("encsync-s3", "//" + rest, path);
        } catch (URISyntaxException e) {
            // Cannot happen: this constructor quotes every character a URI cannot hold.
            throw new IllegalStateException("artifact URI of " + location + " #" + path, e);
        }
    }

    @Override
    public VirtualFile getParent() {
        if (path.isEmpty()) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        return new ArtifactVirtualFile(manager, slash < 0 ? "" : path.substring(0, slash));
    }

    @Override
    public boolean isDirectory() throws IOException {
        return path.isEmpty() || !below().isEmpty();
    }

    @Override
    public boolean isFile() throws IOException {
        return !path.isEmpty() && entries().containsKey(path);
    }

    @Override
    public boolean exists() throws IOException {
        return isFile() || isDirectory();
    }

    @NonNull
    @Override
    public VirtualFile[] list() throws IOException {
        int skip = path.isEmpty() ? 0 : path.length() + 1;
        Set<String> children = new LinkedHashSet<>();
        for (String p : below().keySet()) {
            int slash = p.indexOf('/', skip);
            children.add(slash < 0 ? p : p.substring(0, slash));
        }
        List<VirtualFile> out = new ArrayList<>(children.size());
        for (String c : children) {
            out.add(new ArtifactVirtualFile(manager, c));
        }
        return out.toArray(new VirtualFile[0]);
    }

    @NonNull
    @Override
    public VirtualFile child(@NonNull String name) {
        String n = name.replace('\\', '/');
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return new ArtifactVirtualFile(manager, path.isEmpty() ? n : path + "/" + n);
    }

    @Override
    public long length() throws IOException {
        ManifestEntry e = entries().get(path);
        return e == null ? 0 : e.size();
    }

    @Override
    public long lastModified() throws IOException {
        ManifestEntry e = entries().get(path);
        return e == null ? 0 : TimeUnit.NANOSECONDS.toMillis(e.mtimeNanos());
    }

    /**
     * The permission bits the manifest recorded at archive time, which copyArtifacts and
     * {@code FilePath.copyRecursiveTo} give the copy; -1 for a folder ("no mode", as Jenkins' own
     * VirtualFile answers where a mode means nothing).
     */
    @Override
    public int mode() throws IOException {
        ManifestEntry e = entries().get(path);
        return e == null ? -1 : e.mode();
    }

    @Override
    public boolean canRead() throws IOException {
        return exists();
    }

    @Override
    public InputStream open() throws IOException {
        if (!isFile()) {
            throw new FileNotFoundException(path + " is not an archived artifact of this build");
        }
        return manager.openArtifact(path);
    }
}
