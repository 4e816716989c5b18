package io.encsync.cli;

import picocli.CommandLine.Option;

/**
 * {@code --storage-class}, for the commands that write objects to S3 (push) or describe how they
 * are written (rclone-config). The value is checked by core's S3 settings, with their message.
 */
final class StorageClassOption {
    @Option(names = "--storage-class", paramLabel = "CLASS", completionCandidates = Candidates.StorageClasses.class,
            description = "The S3 storage class of uploaded files: ${COMPLETION-CANDIDATES} (any case). "
                    + "The manifest and lock stay in the bucket's default, so archive classes do not block the next run. "
                    + "Default: the bucket's default (usually STANDARD).")
    String value;

    /** Applies the option to {@code remote}'s S3 settings. */
    RemoteOptions applyTo(RemoteOptions remote) {
        remote.storageClass = value == null || value.isBlank() ? null : value;
        return remote;
    }
}
