package io.encsync.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"encsync " + (version == null ? "(development build)" : version)
                + " — data format: rclone crypt (verified against rclone 1.60.1)"};
    }
}
