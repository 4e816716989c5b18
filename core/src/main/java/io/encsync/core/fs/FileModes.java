package io.encsync.core.fs;

import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A file's permission bits as an int ({@code mode & 0777}: owner, group, others; no set-uid,
 * set-gid or sticky bit), the way a tar entry and Jenkins' {@code FilePath.untar} carry them. Read
 * where the file system has POSIX permissions; elsewhere (Windows) every file counts as
 * {@link #DEFAULT}, and restoring a mode is skipped.
 */
public final class FileModes {
    /** The mode of a file whose mode was not recorded (older manifests, file systems without POSIX permissions). */
    public static final int DEFAULT = 0644;
    /** The largest mode: every permission bit. */
    public static final int MAX = 0777;

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private FileModes() {
    }

    /** Whether {@code mode} holds permission bits only (0 to 0777). */
    public static boolean isValid(long mode) {
        return mode >= 0 && mode <= MAX;
    }

    /** The mode of a file from its attributes: its permission bits when they are POSIX ones, else {@link #DEFAULT}. */
    public static int of(BasicFileAttributes attributes) {
        return attributes instanceof PosixFileAttributes p ? fromPermissions(p.permissions()) : DEFAULT;
    }

    public static int fromPermissions(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int bit = 0; bit < BITS.length; bit++) {
            if (permissions.contains(BITS[bit])) {
                mode |= 1 << bit;
            }
        }
        return mode;
    }

    public static Set<PosixFilePermission> toPermissions(int mode) {
        if (!isValid(mode)) {
            throw new IllegalArgumentException("mode must be between 0 and 0777, was 0" + Integer.toOctalString(mode));
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < BITS.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(BITS[bit]);
            }
        }
        return permissions;
    }

    /** {@code 0755}-style text, for messages. */
    public static String format(int mode) {
        return String.format("0%03o", mode);
    }
}
