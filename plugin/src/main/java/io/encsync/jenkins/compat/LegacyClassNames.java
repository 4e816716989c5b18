package io.encsync.jenkins.compat;

import hudson.XmlFile;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.model.Items;
import hudson.model.Run;
import hudson.util.XStream2;
import io.encsync.jenkins.artifacts.ArtifactPlace;
import io.encsync.jenkins.artifacts.EncryptedArtifactManager;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import io.encsync.jenkins.freestyle.DecryptDirBuilder;
import io.encsync.jenkins.freestyle.EncryptDirBuilder;
import io.encsync.jenkins.freestyle.EncryptedBackupPublisher;
import io.encsync.jenkins.freestyle.ProvisionPrivateBucketBuilder;
import io.encsync.jenkins.freestyle.S3EncryptedPullBuilder;
import io.encsync.jenkins.freestyle.S3EncryptedPushBuilder;
import io.encsync.jenkins.steps.DecryptDirStep;
import io.encsync.jenkins.steps.EncryptDirStep;
import io.encsync.jenkins.steps.ProvisionPrivateBucketStep;
import io.encsync.jenkins.steps.S3EncryptedPullStep;
import io.encsync.jenkins.steps.S3EncryptedPushStep;
import java.io.File;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Until the plugin was split into packages by role, every class lived in {@code io.encsync.jenkins},
 * and Jenkins' XML names classes by their full name: the builders, steps and the backup action in a
 * job's {@code config.xml}, the artifact storage in {@code jenkins.model.ArtifactManagerConfiguration.xml},
 * the artifact manager in each {@code build.xml}. Each old name reads as the class it became, in
 * every XStream instance that reads those files, before Jenkins loads any of them: jobs
 * ({@link Items#XSTREAM2}), builds ({@link Run#XSTREAM2}), Jenkins' own {@code config.xml}
 * ({@link Jenkins#XSTREAM2}) and global configurations such as
 * {@code jenkins.model.ArtifactManagerConfiguration.xml}, which {@link jenkins.model.GlobalConfiguration}
 * reads with {@link XmlFile}'s shared default instance. Without it an old storage entry would be
 * dropped from that list without an error.
 */
@Restricted(NoExternalUse.class)
public final class LegacyClassNames {
    /** Every class an XML file written before the split may name. */
    static final List<Class<?>> MOVED = List.of(EncryptDirBuilder.class, DecryptDirBuilder.class,
            S3EncryptedPushBuilder.class, S3EncryptedPullBuilder.class, ProvisionPrivateBucketBuilder.class,
            EncryptedBackupPublisher.class, EncryptDirStep.class, DecryptDirStep.class, S3EncryptedPushStep.class,
            S3EncryptedPullStep.class, ProvisionPrivateBucketStep.class, EncryptedArtifactManagerFactory.class,
            EncryptedArtifactManager.class, ArtifactPlace.class);

    private LegacyClassNames() {
    }

    @Initializer(before = InitMilestone.PLUGINS_STARTED)
    public static void register() {
        XStream2 globalConfigurations = (XStream2) new XmlFile(new File("unused.xml")).getXStream();
        for (XStream2 xs : List.of(Items.XSTREAM2, Run.XSTREAM2, Jenkins.XSTREAM2, globalConfigurations)) {
            for (Class<?> c : MOVED) {
                xs.addCompatibilityAlias("io.encsync.jenkins." + c.getSimpleName(), c);
            }
        }
    }
}
