package io.encsync.core.task;

import io.encsync.core.artifacts.ArtifactCleaner;
import io.encsync.core.artifacts.ArtifactController;
import io.encsync.core.artifacts.ArtifactOptions;
import io.encsync.core.aws.AgentCredentials;
import io.encsync.core.aws.S3Access;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptConfig;
import java.util.Objects;

/**
 * Opens the controller's half of encrypted artifact storage ({@link ArtifactController}) from the
 * same inputs the tasks take: where the bucket is and who we are ({@link S3Access}), the crypt
 * remote ({@link CryptConfig}). Credentials become an SDK provider here, in the JVM that holds
 * them (a role is assumed and renewed as for a task), and are closed with the controller.
 */
public final class ArtifactAccess {
    private ArtifactAccess() {
    }

    /** A controller for {@code s3} and {@code crypt}; the caller closes it. */
    public static ArtifactController openController(S3Access s3, CryptConfig crypt, ArtifactOptions options) {
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(crypt, "crypt");
        S3Settings base = s3.settings();
        AgentCredentials credentials = AgentCredentials.of(s3.auth(), base);
        return ArtifactController.open(base.toBuilder().credentialsProvider(credentials).build(), crypt,
                options, credentials);
    }

    /**
     * A cleaner for {@code s3}: deletes artifact sets with the AWS credentials alone, never the
     * password; the caller closes it.
     */
    public static ArtifactCleaner openCleaner(S3Access s3) {
        Objects.requireNonNull(s3, "s3");
        S3Settings base = s3.settings();
        AgentCredentials credentials = AgentCredentials.of(s3.auth(), base);
        return ArtifactCleaner.open(base.toBuilder().credentialsProvider(credentials).build(), credentials);
    }
}
