package io.encsync.jenkins.artifacts;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import hudson.model.listeners.ItemListener;
import io.encsync.core.artifacts.ArtifactCleaner;
import io.encsync.jenkins.support.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Deletes a deleted job's objects when "delete with the build" is on. Jenkins deletes a job's
 * builds folder only: it never calls {@link jenkins.model.ArtifactManager#delete()} for the
 * builds of a deleted job (nor for the jobs inside a deleted folder, which it deletes one by one).
 *
 * <p>Before the deletion ({@link #onCheckDelete}) the job's build records still exist: their
 * managers are collected, each with the place, job name, number and storage id it recorded.
 * After it ({@link #onDeleted}) each build's own root is deleted, never a prefix by job name,
 * which a job now holding that name (or, for older builds, a job renamed to it) may own. A
 * deletion vetoed or failed after the check leaves its entry to be collected with its item.
 */
@Extension
@Restricted(NoExternalUse.class)
public final class DeletedJobArtifacts extends ItemListener {
    private static final Logger LOGGER = Logger.getLogger(DeletedJobArtifacts.class.getName());

    private final Map<Item, List<EncryptedArtifactManager>> pending = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public void onCheckDelete(Item item) {
        EncryptedArtifactManagerFactory now = EncryptedArtifactManagerFactory.current();
        if (!(item instanceof Job<?, ?> job) || now == null || !now.isDeleteArtifacts()) {
            return; // nothing would be deleted: don't load every build record
        }
        List<EncryptedArtifactManager> managers = new ArrayList<>();
        for (Run<?, ?> run : job.getBuilds()) {
            if (run.getArtifactManager() instanceof EncryptedArtifactManager m) {
                managers.add(m);
            }
        }
        if (!managers.isEmpty()) {
            pending.put(item, managers);
        }
    }

    @Override
    public void onDeleted(Item item) {
        List<EncryptedArtifactManager> managers = pending.remove(item);
        if (managers == null) {
            return;
        }
        int builds = 0;
        // One S3 client for all the job's builds (they almost always share bucket and credentials),
        // not one per build: a job with a thousand builds would otherwise open a thousand.
        Map<List<Object>, ArtifactCleaner> cleaners = new HashMap<>();
        try {
            for (EncryptedArtifactManager m : managers) {
                try {
                    m.deleteWithItsJob(cleaners);
                    builds++;
                } catch (IOException | RuntimeException e) {
                    LOGGER.log(Level.WARNING, "{0}", Messages.EncryptedArtifactManager_DeleteWithJobFailed(m, e.getMessage()));
                }
            }
        } finally {
            cleaners.values().forEach(ArtifactCleaner::close);
        }
        LOGGER.log(Level.FINE, "deleted the objects of {0} build(s) of {1}", new Object[] {builds, item.getFullName()});
    }
}
