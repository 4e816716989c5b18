package io.encsync.core.fs;

/** What a {@link LocalTree} scan does with symbolic links (the names follow rclone's flags). */
public enum SymlinkMode {
    /** Leave links out, reporting each through the warning callback (rclone's default). */
    SKIP,
    /**
     * Follow links as if they were the file or folder they point to ({@code --copy-links}). A link
     * whose real target is outside the source folder is skipped with a warning, so a planted link
     * cannot publish {@code /etc} or a home folder; a link back into one of its own parent folders
     * (a loop) is skipped with a warning.
     */
    COPY_LINKS,
    /**
     * Report links as {@link LocalFile.Kind#LINK} with their target text ({@code --links}); the sync
     * layer stores each as rclone does, an object {@code <name>.rclonelink} whose content is the target.
     */
    LINKS
}
