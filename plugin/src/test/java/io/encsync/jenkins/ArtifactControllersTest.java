package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import io.encsync.core.artifacts.ArtifactBuild;
import io.encsync.core.artifacts.ArtifactController;
import io.encsync.jenkins.artifacts.ArtifactControllers;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The controllers kept open for the storage configurations: one in use is never closed under its
 * user, however many other configurations push it out of the cache.
 */
@WithJenkins
class ArtifactControllersTest {

    @Test
    void aControllerInUseIsNotClosedWhenOthersPushItOutOfTheCache(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        EncryptedArtifactManagerFactory first = ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        ArtifactController controller;
        try (ArtifactControllers.Lease inUse = ArtifactControllers.acquire(first)) {
            controller = inUse.controller();
            for (int i = 0; i <= ArtifactControllers.MAX_OPEN; i++) {
                EncryptedArtifactManagerFactory f = ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
                f.getS3().setPrefix("other-" + i);
                ArtifactControllers.acquire(f).close();
            }

            // A build still using the first configuration's controller, pushed out of the cache meanwhile.
            assertThat(controller.deleteBuild(new ArtifactBuild(bucket, "ci", "job", 1))).isZero();
        }

        // Released and out of the cache: closed now, and the configuration gets a new one.
        assertThatThrownBy(() -> controller.deleteBuild(new ArtifactBuild(bucket, "ci", "job", 1)))
                .isInstanceOf(RuntimeException.class);
        try (ArtifactControllers.Lease again = ArtifactControllers.acquire(first)) {
            assertThat(again.controller()).isNotSameAs(controller);
            assertThat(again.controller().deleteBuild(new ArtifactBuild(bucket, "ci", "job", 1))).isZero();
        }
    }
}
