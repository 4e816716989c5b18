package io.encsync.jenkins.artifacts;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.BuildListener;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.encsync.core.EncsyncException;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.artifacts.ArchiveResult;
import io.encsync.core.artifacts.ArtifactBuild;
import io.encsync.core.artifacts.ArtifactCleaner;
import io.encsync.core.artifacts.ArtifactController;
import io.encsync.core.artifacts.ArtifactSet;
import io.encsync.core.artifacts.DownloadPlan;
import io.encsync.core.artifacts.DownloadResult;
import io.encsync.core.artifacts.UploadPlan;
import io.encsync.core.aws.S3Access;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.task.ArtifactAccess;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Messages;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.ArtifactManager;
import jenkins.util.VirtualFile;
import org.jenkinsci.plugins.workflow.flow.StashManager;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One build's encrypted artifacts and stashes in S3. Stored in {@code build.xml}: where and how
 * its data was stored ({@link ArtifactPlace}: bucket, prefix, endpoint, region, path style, name
 * encryption), the job's full name and the build number when it started, a random storage id,
 * and the manifest generation each archive and stash reached, which every later read requires,
 * so a rolled-back manifest is refused. Its objects live under
 * {@code <prefix>/<job>/<number>-<storage id>/}: a job renamed, moved, or deleted and created
 * again never shares them. Credentials, the delete policy and the download limit are not kept:
 * they are read from the current configuration ({@link EncryptedArtifactManagerFactory#current()})
 * at each use; except for a build whose place a folder chose ({@link FolderArtifactStorage}),
 * which keeps that folder's credential ids and resolves them in its own context.
 *
 * <p>Builds archived before storage ids (84a96cb and older) stored the whole factory as
 * {@code config}; {@link #readResolve()} keeps only its place, and such a build keeps its path
 * {@code <prefix>/<job>/<number>/} without an id.
 *
 * <p>Glue only: the controller-side work is {@link ArtifactController}'s, the agent-side work
 * {@link ArtifactAgentCalls}'. Archive and stash: the agent scans, the controller plans (and
 * presigns exactly those objects), the agent encrypts and uploads, the controller completes and
 * writes the manifest. Unstash: the controller verifies the manifest and object sizes and presigns
 * GETs, the agent downloads, verifies and decrypts. No file content passes through the
 * controller, except a download from the build page ({@link #root()}), which the controller
 * decrypts up to the configured size.
 */
public final class EncryptedArtifactManager extends ArtifactManager implements StashManager.StashAwareArtifactManager {
    private static final Logger LOGGER = Logger.getLogger(EncryptedArtifactManager.class.getName());

    /** Where and how this build's data is stored; set from {@link #config} for an older build. */
    private ArtifactPlace place;
    private final String job;
    private final long number;
    /** Random, part of the build's path; null for a build archived before storage ids existed. */
    private String storageId;
    /**
     * The whole factory, as builds of 84a96cb and older stored it: read from their
     * {@code build.xml} only, turned into {@link #place} on load; its credential ids, delete
     * policy and limit are ignored in favour of the current configuration's.
     */
    @Deprecated
    private EncryptedArtifactManagerFactory config;
    /** The generation of the build's artifacts manifest; 0 until the first archive. */
    private long artifactsGeneration;
    /** The generation of each stash's manifest. */
    private Map<String, Long> stashGenerations;

    private transient Run<?, ?> build;
    private transient volatile Manifest artifactsManifest;
    /**
     * One lock per set ("artifacts", "stash:NAME"), held while an archive or stash writes it: two at
     * once into one set would both write generation n+1. Sets of one build are written in parallel
     * (parallel branches stashing under different names); waiting is interruptible, so an aborted
     * branch stops waiting at once. Guarded by {@code this}.
     */
    private transient Map<String, ReentrantLock> setLocks;

    EncryptedArtifactManager(ArtifactPlace place, Run<?, ?> build) {
        this.place = place;
        this.build = build;
        this.job = build.getParent().getFullName();
        this.number = build.getNumber();
        this.storageId = ArtifactBuild.newStorageId();
    }

    /** A build.xml of 84a96cb or older: keep the place of its stored factory, drop the rest. */
    @SuppressWarnings("deprecation")
    private Object readResolve() {
        if (config != null) {
            if (place == null) {
                place = config.place();
            }
            config = null;
        }
        return this;
    }

    @Override
    public void onLoad(@NonNull Run<?, ?> build) {
        this.build = build;
    }

    /** "folder/job #12": the build as its objects name it (the job's name when it started). */
    private String label() {
        return job + " #" + number;
    }

    /** What this build keeps of the settings that stored it, and where they came from ({@link ArtifactPlace#source()}). */
    @Restricted(NoExternalUse.class)
    public ArtifactPlace place() {
        return place;
    }

    /** Where this build's artifacts and stashes live. */
    @Restricted(NoExternalUse.class)
    public ArtifactBuild layout() throws AbortException {
        return Failures.validated(() -> new ArtifactBuild(Objects.requireNonNullElse(place.bucket(), ""),
                Objects.requireNonNullElse(place.prefix(), ""), job, number, storageId));
    }

    /**
     * The current configuration serving this build: its credentials, policy and limits with this
     * build's place. Fails in one line when encrypted artifact storage is not configured now.
     */
    private EncryptedArtifactManagerFactory settings() throws AbortException {
        EncryptedArtifactManagerFactory now = EncryptedArtifactManagerFactory.current();
        if (now == null) {
            throw new AbortException(Messages.EncryptedArtifactManager_NotConfigured(label(), place));
        }
        return now.at(place, build);
    }

    /** A lease on the controller serving {@code settings}: close it when done (try-with-resources). */
    private static ArtifactControllers.Lease controller(EncryptedArtifactManagerFactory settings) throws AbortException {
        return ArtifactControllers.acquire(settings);
    }

    /** The one-line refusal naming the credentials that do not open {@code set}. */
    private static AbortException wrongPassword(EncryptedArtifactManagerFactory settings, ArtifactSet set) {
        if (settings.folder() != null) {
            return new AbortException(Messages.EncryptedArtifactManager_WrongFolderPassword(settings.folder(),
                    settings.getCrypt().getPasswordCredentialsId(),
                    Objects.requireNonNullElse(settings.getCrypt().getPassword2CredentialsId(),
                            Messages.EncryptedArtifactManager_NoPassword2()), set.label(), set.location()));
        }
        return new AbortException(Messages.EncryptedArtifactManager_WrongPassword(settings.getCrypt().getPasswordCredentialsId(),
                Objects.requireNonNullElse(settings.getCrypt().getPassword2CredentialsId(),
                        Messages.EncryptedArtifactManager_NoPassword2()), set.label(), set.location()));
    }

    /** Takes the lock of {@code set}, waiting interruptibly; the caller unlocks it. */
    private ReentrantLock lockSet(String set) throws InterruptedException {
        ReentrantLock lock;
        synchronized (this) {
            if (setLocks == null) {
                setLocks = new HashMap<>();
            }
            lock = setLocks.computeIfAbsent(set, s -> new ReentrantLock());
        }
        lock.lockInterruptibly();
        return lock;
    }

    @Override
    public void archive(FilePath workspace, Launcher launcher, BuildListener listener,
                        Map<String, String> artifacts) throws IOException, InterruptedException {
        ArtifactSet set = layout().artifacts();
        HashMap<String, Object> scan = workspace.act(new ArtifactAgentCalls.Scan(new HashMap<>(artifacts)));
        ArchiveResult result;
        ReentrantLock lock = lockSet("artifacts");
        try {
            long previous;
            synchronized (this) {
                previous = artifactsGeneration;
            }
            result = upload(workspace, set, scan, previous);
            // Recorded even when some files failed: the manifest of this generation was written,
            // and lists the files that were archived.
            synchronized (this) {
                artifactsGeneration = result.generation();
                artifactsManifest = null;
            }
            save();
        } finally {
            lock.unlock();
        }
        throwIfFailed(result);
        listener.getLogger().println(Messages.EncryptedArtifactManager_Archived(result.archived(), result.bytes(),
                set.location(), result.generation()));
    }

    /**
     * Archive steps 2-4 for {@code scan}: plan, upload on the agent (a second round for URLs S3
     * refused as expired), complete (or abort), merging only into the manifest of
     * {@code previousGeneration} (this build's own; 0: none). The result may list failed files:
     * the caller records its generation first, then {@link #throwIfFailed}.
     */
    private ArchiveResult upload(FilePath workspace, ArtifactSet set, Map<String, Object> scan, long previousGeneration)
            throws IOException, InterruptedException {
        EncryptedArtifactManagerFactory settings = settings();
        try (ArtifactControllers.Lease lease = controller(settings);
             UploadPlan plan = lease.controller().planUpload(set, scan, previousGeneration)) {
            ArtifactController controller = lease.controller();
            Map<?, ?> reply;
            try {
                reply = controller.upload(plan, m -> workspace.act(new ArtifactAgentCalls.Upload(new HashMap<>(m))));
            } catch (IOException | InterruptedException | RuntimeException e) {
                try {
                    controller.abort(plan, "the agent's upload failed: " + e.getMessage());
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup); // the agent's failure is the one to report
                }
                throw e;
            }
            return controller.complete(plan, reply);
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
    }

    private static void throwIfFailed(ArchiveResult result) throws AbortException {
        try {
            result.throwIfFailed();
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
    }

    @Override
    public void stash(@NonNull String name, @NonNull FilePath workspace, @NonNull Launcher launcher,
                      @NonNull EnvVars env, @NonNull TaskListener listener, @CheckForNull String includes,
                      @CheckForNull String excludes, boolean useDefaultExcludes, boolean allowEmpty)
            throws IOException, InterruptedException {
        ArtifactSet set = stashSet(name);
        HashMap<String, Object> scan = workspace.act(new ArtifactAgentCalls.ScanStash(includes, excludes,
                useDefaultExcludes));
        if (!allowEmpty && scan.get("files") instanceof java.util.List<?> files && files.isEmpty()) {
            throw new AbortException(Messages.EncryptedArtifactManager_NoFilesInStash(name));
        }
        ReentrantLock lock = lockSet("stash:" + name);
        ArchiveResult result;
        try {
            // A stash of the same name replaces the old one (Jenkins' semantics), it does not add to it.
            try (ArtifactControllers.Lease lease = controller(settings())) {
                lease.controller().delete(set);
            } catch (EncsyncException e) {
                throw Failures.abort(e);
            }
            synchronized (this) {
                stashGenerations().remove(name);
            }
            result = upload(workspace, set, scan, 0);
            synchronized (this) {
                stashGenerations().put(name, result.generation());
            }
            save();
        } finally {
            lock.unlock();
        }
        throwIfFailed(result);
        listener.getLogger().println(Messages.EncryptedArtifactManager_Stashed(result.archived(), result.bytes(),
                set.location()));
    }

    @Override
    public void unstash(@NonNull String name, @NonNull FilePath workspace, @NonNull Launcher launcher,
                        @NonNull EnvVars env, @NonNull TaskListener listener) throws IOException, InterruptedException {
        Long generation;
        synchronized (this) {
            generation = stashGenerations().get(name);
        }
        if (generation == null) {
            throw new AbortException(Messages.EncryptedArtifactManager_NoSuchStash(name));
        }
        ArtifactSet set = stashSet(name);
        EncryptedArtifactManagerFactory settings = settings();
        try (ArtifactControllers.Lease lease = controller(settings);
             DownloadPlan plan = lease.controller().planDownload(set, null, generation)) {
            plan.warnings().forEach(listener.getLogger()::println);
            DownloadResult result = lease.controller().download(set, plan,
                    m -> workspace.act(new ArtifactAgentCalls.Download(new HashMap<>(m))));
            result.throwIfFailed();
            listener.getLogger().println(Messages.EncryptedArtifactManager_Restored(result.files(), result.bytes(),
                    set.label()));
        } catch (WrongPasswordException e) {
            throw wrongPassword(settings, set);
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
    }

    private ArtifactSet stashSet(String name) throws AbortException {
        ArtifactBuild b = layout();
        return Failures.validated(() -> b.stash(name));
    }

    @Override
    public synchronized void clearAllStashes(@NonNull TaskListener listener) throws IOException, InterruptedException {
        if (stashGenerations().isEmpty()) {
            return;
        }
        ArtifactBuild b = layout();
        try (ArtifactCleaner cleaner = ArtifactAccess.openCleaner(settings().s3Access())) {
            int deleted = cleaner.deleteStashes(b);
            LOGGER.log(Level.FINE, "deleted {0} stash object(s) of {1}", new Object[] {deleted, b.stashesRoot()});
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
        stashGenerations().clear();
        save();
    }

    /**
     * For a build that continues this one (a Pipeline restarted from a stage): checks that the
     * current password opens every manifest of this build (a copy it could not read would fail
     * only later, in the new build), copies the objects inside S3 and hands the new build this
     * build's generations, so its reads check the same.
     */
    @Override
    public void copyAllArtifactsAndStashes(@NonNull Run<?, ?> to, @NonNull TaskListener listener)
            throws IOException, InterruptedException {
        if (!(to.pickArtifactManager() instanceof EncryptedArtifactManager target)) {
            throw new AbortException(Messages.EncryptedArtifactManager_CopyUnsupported(to.getFullDisplayName()));
        }
        // The new build continues this one: it keeps this build's place and source (a folder's
        // credential ids), so the copies lie where, and read with the key, the copier wrote them
        // with, even when the folder's or the global setting changed since this build ran.
        synchronized (target) {
            target.place = place;
        }
        ArtifactBuild from = layout();
        ArtifactBuild into = target.layout();
        long generation;
        Map<String, Long> stashes;
        synchronized (this) {
            generation = artifactsGeneration;
            stashes = new TreeMap<>(stashGenerations());
        }
        EncryptedArtifactManagerFactory settings = settings();
        int copied;
        ArtifactSet checking = from.artifacts();
        try (ArtifactControllers.Lease lease = controller(settings)) {
            ArtifactController controller = lease.controller();
            if (generation > 0) {
                controller.manifest(checking, generation);
            }
            for (Map.Entry<String, Long> stash : stashes.entrySet()) {
                checking = from.stash(stash.getKey());
                controller.manifest(checking, stash.getValue());
            }
            copied = controller.copyBuild(from, into);
        } catch (WrongPasswordException e) {
            throw wrongPassword(settings, checking);
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
        synchronized (target) {
            target.artifactsGeneration = generation;
            target.artifactsManifest = null;
            target.stashGenerations().clear();
            target.stashGenerations().putAll(stashes);
        }
        target.save();
        listener.getLogger().println(Messages.EncryptedArtifactManager_Copied(copied, from.root(), into.root()));
    }

    /**
     * Deletes the build's objects when the current configuration says so ("delete with the
     * build"), with S3 access alone: no password is looked up, so a build nobody can read any
     * more can still be deleted. Then saves the build, which no longer records any archive.
     * Without a current configuration nothing knows the policy or the credentials: the objects
     * are kept, with one line in the log.
     */
    @Override
    public boolean delete() throws IOException, InterruptedException {
        int deleted = deleteObjects(null);
        if (deleted < 0) {
            return false;
        }
        synchronized (this) {
            artifactsGeneration = 0;
            artifactsManifest = null;
            stashGenerations().clear();
        }
        save();
        return deleted > 0;
    }

    /**
     * For {@link DeletedJobArtifacts}: as {@link #delete()}, without saving, since the job's
     * build records are gone already (a save would create them again). The builds of one job
     * share {@code cleaners} (one S3 client per way of reaching S3), which the caller closes.
     */
    void deleteWithItsJob(Map<List<Object>, ArtifactCleaner> cleaners) throws IOException {
        deleteObjects(Objects.requireNonNull(cleaners, "cleaners"));
    }

    /**
     * The number of objects deleted, or -1 when the current configuration keeps them. With
     * {@code shared} null, a cleaner is opened for this build and closed again.
     */
    private int deleteObjects(@CheckForNull Map<List<Object>, ArtifactCleaner> shared) throws IOException {
        EncryptedArtifactManagerFactory now = EncryptedArtifactManagerFactory.current();
        if (now == null) {
            LOGGER.log(Level.WARNING, "{0}", Messages.EncryptedArtifactManager_NotConfiguredKept(label(), place));
            return -1;
        }
        if (!now.isDeleteArtifacts()) {
            return -1;
        }
        ArtifactBuild b = layout();
        S3Access s3 = now.at(place, build).s3Access();
        try {
            if (shared == null) {
                try (ArtifactCleaner cleaner = ArtifactAccess.openCleaner(s3)) {
                    return deleteBuild(cleaner, b);
                }
            }
            List<Object> key = List.of(s3); // bucket, prefix, settings, identity and proxy
            ArtifactCleaner cleaner = shared.get(key);
            if (cleaner == null) {
                cleaner = ArtifactAccess.openCleaner(s3);
                shared.put(key, cleaner);
            }
            return deleteBuild(cleaner, b);
        } catch (EncsyncException e) {
            throw new IOException(e.getMessage());
        }
    }

    private static int deleteBuild(ArtifactCleaner cleaner, ArtifactBuild b) {
        int deleted = cleaner.deleteBuild(b);
        LOGGER.log(Level.FINE, "deleted {0} object(s) of {1}", new Object[] {deleted, b.root()});
        return deleted;
    }

    @Override
    public VirtualFile root() {
        return new ArtifactVirtualFile(this, "");
    }

    /**
     * The verified manifest of the build's artifacts, read once per generation; null when nothing
     * was archived. A manifest older than the recorded generation is refused.
     */
    @CheckForNull
    Manifest artifactsManifest() throws IOException {
        long generation;
        synchronized (this) {
            generation = artifactsGeneration;
        }
        if (generation == 0) {
            return null;
        }
        Manifest m = artifactsManifest;
        if (m == null || m.generation() != generation) {
            EncryptedArtifactManagerFactory settings = settings();
            ArtifactSet set = layout().artifacts();
            try (ArtifactControllers.Lease lease = controller(settings)) {
                m = lease.controller().manifest(set, generation);
            } catch (WrongPasswordException e) {
                throw wrongPassword(settings, set);
            } catch (EncsyncException e) {
                throw new IOException(e.getMessage());
            }
            artifactsManifest = m;
        }
        return m;
    }

    /**
     * One artifact's verified plaintext, decrypted on the controller (build page downloads,
     * copyArtifacts), against the manifest kept for the recorded generation: a page of downloads
     * reads and verifies it once. The controller stays leased until the stream is closed.
     */
    java.io.InputStream openArtifact(String path) throws IOException {
        return openArtifact(path, true);
    }

    /**
     * {@code retry}: when the object cannot be opened against the manifest kept from an earlier
     * read, read the manifest again once: the credentials may have changed since (a folder's
     * credential replaced, a job moved), and the fresh read then says so (wrong password, naming
     * the set) instead of reporting the object as missing under names of the old key.
     */
    private java.io.InputStream openArtifact(String path, boolean retry) throws IOException {
        Manifest manifest = artifactsManifest();
        if (manifest == null) {
            throw new java.io.FileNotFoundException(path + " is not an archived artifact of this build");
        }
        EncryptedArtifactManagerFactory settings = settings();
        ArtifactSet set = layout().artifacts();
        ArtifactControllers.Lease lease = controller(settings);
        try {
            return new IoFailures(lease.controller().open(set, manifest, path), lease);
        } catch (WrongPasswordException e) {
            lease.close();
            throw wrongPassword(settings, set);
        } catch (EncsyncException e) {
            lease.close();
            if (retry) {
                synchronized (this) {
                    if (artifactsManifest == manifest) {
                        artifactsManifest = null;
                    }
                }
                return openArtifact(path, false);
            }
            LOGGER.log(Level.WARNING, "{0}", e.getMessage());
            throw new IOException(e.getMessage());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    /**
     * Core's verifying stream fails with its own (unchecked) exceptions; Jenkins' readers of a
     * {@link VirtualFile} (the build page, copyArtifacts) expect {@link IOException}s. Same
     * message, which names the artifact; logged, since the build page answers only "Not Found".
     */
    private static final class IoFailures extends java.io.FilterInputStream {
        private final ArtifactControllers.Lease lease;

        IoFailures(java.io.InputStream in, ArtifactControllers.Lease lease) {
            super(in);
            this.lease = lease;
        }

        private static IOException io(EncsyncException e) {
            LOGGER.log(Level.WARNING, "{0}", e.getMessage());
            return new IOException(e.getMessage());
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (EncsyncException e) {
                throw io(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (EncsyncException e) {
                throw io(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (EncsyncException e) {
                throw io(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (EncsyncException e) {
                throw io(e);
            } finally {
                lease.close();
            }
        }
    }

    /** For {@link ArtifactVirtualFile#toURI()}: where the artifacts live, in words a user recognises. */
    @Restricted(NoExternalUse.class)
    public String artifactsLocation() {
        try {
            return layout().artifacts().location();
        } catch (AbortException e) {
            return "s3://" + place.bucket() + "/";
        }
    }

    /** Callers hold this object's monitor. */
    private Map<String, Long> stashGenerations() {
        if (stashGenerations == null) {
            stashGenerations = new TreeMap<>();
        }
        return stashGenerations;
    }

    private void save() throws IOException {
        if (build != null) {
            build.save();
        }
    }

    @Override
    public String toString() {
        return "EncryptedArtifactManager[" + place + ", " + label() + "]";
    }
}
