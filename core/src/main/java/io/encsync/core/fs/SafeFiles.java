package io.encsync.core.fs;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The file-system steps shared by every place that writes files under a root we were given (the
 * local store, the pull target): create folders one level at a time without following links,
 * write to a private temporary file, then move it into place atomically.
 *
 * <p>Temporary files are named {@code .<random hex>.encsync-tmp}. rclone skips such names when it
 * reads a crypt remote: they do not decode as standard or obfuscated encrypted names, and lack
 * the {@code .bin} suffix of the unencrypted mode.
 *
 * <p>Limit: these helpers check by path, so another local process that swaps a folder for a link
 * between our check and our write (a shared machine) is not fully excluded; the temporary file is
 * still created with {@code CREATE_NEW} and {@code NOFOLLOW_LINKS}, so it never follows a link at
 * its own name. {@link SafeTarget} (the pull side, which writes untrusted names) closes that race
 * with folder handles where the platform has them; the local store, whose root is ours, does not.
 */
public final class SafeFiles {
    /** Suffix of temporary files; see the class comment for why rclone ignores them. */
    public static final String TEMP_SUFFIX = ".encsync-tmp";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private SafeFiles() {
    }

    /** Whether {@code name} (a file name, not a path) is one of our temporary files. */
    public static boolean isTempName(String name) {
        return name.startsWith(".") && name.endsWith(TEMP_SUFFIX) && name.length() > 1 + TEMP_SUFFIX.length();
    }

    /**
     * Returns {@code root/segments…}, creating missing folders one level at a time. Every existing
     * component is checked without following links.
     *
     * @param root a real path (no links in it), e.g. from {@link Path#toRealPath}
     * @param shown the relative path for messages
     * @throws IntegrityException when a component is a symlink (nothing is created through it)
     * @throws EncsyncException (local I/O) when a component is a file, or creation fails
     */
    public static Path ensureDirectories(Path root, List<String> segments, String shown) {
        // A concurrent delete may remove a folder we just checked because it was empty (the
        // local store prunes empty folders): start again from the root a few times.
        for (int attempt = 1; ; attempt++) {
            Path dir = tryEnsureDirectories(root, segments, shown, attempt == VANISH_RETRIES);
            if (dir != null) {
                return dir;
            }
        }
    }

    private static final int VANISH_RETRIES = 20;

    /** One attempt; null when a folder vanished under us and {@code last} is false. */
    private static Path tryEnsureDirectories(Path root, List<String> segments, String shown, boolean last) {
        Path dir = root;
        for (int i = 0; i < segments.size(); i++) {
            Path next = child(dir, segments.get(i), shown);
            try {
                Files.createDirectory(next);
            } catch (FileAlreadyExistsException e) {
                // Exists (or is a link): inspected below.
            } catch (NoSuchFileException e) {
                if (!last) {
                    return null;
                }
                throw ioError(next, "cannot create folder", e);
            } catch (IOException e) {
                throw ioError(next, "cannot create folder", e);
            }
            BasicFileAttributes a = attributes(next);
            if (a == null) {
                if (!last) {
                    return null;
                }
                throw EncsyncException.localIo(next + ": folder vanished while being created — retry", null);
            }
            if (a.isSymbolicLink()) {
                throw symlinkInPath(String.join("/", segments.subList(0, i + 1)));
            }
            if (!a.isDirectory()) {
                throw EncsyncException.localIo(next + ": a file is in the way of folder "
                        + PathRules.escape(shown) + " — move or remove it", null);
            }
            dir = next;
        }
        return dir;
    }

    /**
     * Checks that {@code root/segments…} exists as real folders and returns it; empty when a
     * component is missing (nothing to read or delete there).
     *
     * @throws IntegrityException when a component is a symlink
     */
    public static java.util.Optional<Path> existingDirectory(Path root, List<String> segments) {
        Path dir = root;
        for (int i = 0; i < segments.size(); i++) {
            dir = child(dir, segments.get(i), String.join("/", segments));
            BasicFileAttributes a = attributes(dir);
            if (a == null || !(a.isDirectory() || a.isSymbolicLink())) {
                return java.util.Optional.empty();
            }
            if (a.isSymbolicLink()) {
                throw symlinkInPath(String.join("/", segments.subList(0, i + 1)));
            }
        }
        return java.util.Optional.of(dir);
    }

    /**
     * {@code dir/segment}, refusing any segment that is not one plain name. Callers pass validated
     * paths; this is the last line of defence, because {@code resolve} returns an absolute
     * argument as is and {@code ..} climbs out.
     */
    static Path child(Path dir, String segment, String shown) {
        Path next = segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('/') >= 0
                || segment.indexOf('\0') >= 0 || segment.contains(dir.getFileSystem().getSeparator())
                ? null : dir.resolve(segment);
        if (next == null || !dir.equals(next.getParent()) || !next.getFileName().toString().equals(segment)) {
            throw new IntegrityException("unsafe path segment '" + PathRules.escape(segment) + "' in "
                    + PathRules.escape(shown) + " — not written");
        }
        return next;
    }

    /** Receives the entries of a {@link #walk}: everything that is not a folder (files, links, others). */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(Path path, BasicFileAttributes attributes) throws IOException;
    }

    /**
     * Walks the tree under {@code root} iteratively (a deep tree cannot overflow the stack) and
     * never through a link: folders go to {@code onFolder}, parents before their children, every
     * other entry (links included, not followed) to {@code visitor}. Entries that vanish during the
     * walk are skipped. An I/O failure becomes a local I/O error "{@code <folder>: <doing>}".
     */
    public static void walk(Path root, EntryVisitor visitor, Consumer<Path> onFolder, String doing) {
        Deque<Path> dirs = new ArrayDeque<>();
        dirs.push(root);
        while (!dirs.isEmpty()) {
            Path dir = dirs.pop();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    BasicFileAttributes a = attributes(p);
                    if (a == null) {
                        continue;
                    }
                    if (a.isDirectory()) {
                        onFolder.accept(p);
                        dirs.push(p);
                    } else {
                        visitor.visit(p, a);
                    }
                }
            } catch (NoSuchFileException e) {
                // Removed while we walked.
            } catch (IOException e) {
                throw ioError(dir, doing, e);
            }
        }
    }

    /**
     * Attributes of {@code p} without following a link at it; null when nothing is there. Where
     * the file system has POSIX permissions they are {@link java.nio.file.attribute.PosixFileAttributes}
     * (the same one stat call), so {@link FileModes#of} reads the mode from them.
     */
    public static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, attributeType(p), NOFOLLOW);
        } catch (NoSuchFileException e) {
            return null;
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("Not a directory")) {
                return null;
            }
            throw ioError(p, "cannot read attributes", e);
        } catch (IOException e) {
            throw ioError(p, "cannot read attributes", e);
        }
    }

    /** The richest attributes the file system of {@code p} reads in one call: POSIX ones where it has them. */
    public static Class<? extends BasicFileAttributes> attributeType(Path p) {
        return isPosix(p) ? java.nio.file.attribute.PosixFileAttributes.class : BasicFileAttributes.class;
    }

    /** Whether the file system of {@code p} has POSIX permissions. */
    static boolean isPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Sets the permission bits of {@code file}, not following a link: a temporary file of ours
     * before it is renamed into place (so the final name never has other bits than the recorded
     * ones), or a kept file whose bits differ from the recorded ones.
     * Skipped where the file system has no POSIX permissions; a file system that refuses the change
     * (a FAT or SMB mount) leaves the file as created, because a restore must not fail for a mode.
     */
    public static void setMode(Path file, int mode) {
        if (!isPosix(file)) {
            return;
        }
        try {
            Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class, NOFOLLOW)
                    .setPermissions(FileModes.toPermissions(mode));
        } catch (IOException | UnsupportedOperationException e) {
            // See above: the content is restored, only its mode is not.
        }
    }

    /** A new, empty temporary file in {@code dir}, created exclusively, never through a link, 0600 on POSIX. */
    public static Path newTempFile(Path dir) throws IOException {
        Path temp = dir.resolve(newTempName());
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            FileChannel.open(temp, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))).close();
        } else {
            FileChannel.open(temp, options).close();
        }
        return temp;
    }

    /** A new temporary file and the channel it is open for writing on. */
    public record NewTemp(Path path, FileChannel channel) {
    }

    /**
     * Creates a new temporary file in {@code dir} and keeps it open for writing (one open instead
     * of create-then-reopen): exclusively, never through a link, 0600 on POSIX.
     */
    public static NewTemp openNewTemp(Path dir) throws IOException {
        Path temp = dir.resolve(newTempName());
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        return new NewTemp(temp, FileChannel.open(temp, options, privateFileAttributes(dir)));
    }

    /** A fresh random temporary file name, {@code .<24 hex digits>.encsync-tmp}. */
    public static String newTempName() {
        byte[] r = new byte[12];
        RANDOM.nextBytes(r);
        return "." + HexFormat.of().formatHex(r) + TEMP_SUFFIX;
    }

    /** Mode 0600 for a new file where the file system has POSIX permissions, else nothing. */
    static java.nio.file.attribute.FileAttribute<?>[] privateFileAttributes(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new java.nio.file.attribute.FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new java.nio.file.attribute.FileAttribute<?>[0];
    }

    /** Opens a temporary file made by {@link #newTempFile} for writing, not following links. */
    public static FileChannel openTemp(Path temp) throws IOException {
        return FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Sets the modification time of the (already flushed) temporary file and moves it atomically
     * over {@code target}. The rename is atomic at once but durable only once the folder is synced:
     * the caller records the folder in a {@link FolderSyncs} (one sync per folder, not per file).
     */
    public static void commit(Path temp, Path target, Instant modTime) throws IOException {
        setModTime(temp, modTime, LinkOption.NOFOLLOW_LINKS);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system cannot rename atomically", e);
        }
    }

    /**
     * Like {@link #commit}, but only if nothing is at {@code target}: the temporary file is
     * hard-linked there (atomic, fails if the name exists) and then removed. Where the file system
     * has no hard links it is moved after a check, which is not atomic. Returns false, removing the
     * temporary file, when the name was taken.
     */
    public static boolean commitIfAbsent(Path temp, Path target, Instant modTime) throws IOException {
        setModTime(temp, modTime, LinkOption.NOFOLLOW_LINKS);
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            deleteQuietly(temp);
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (attributes(target) != null) {
                deleteQuietly(temp);
                return false;
            }
            Files.move(temp, target);
            return true;
        }
        Files.delete(temp);
        return true;
    }

    /**
     * Sets the modification time at nanosecond precision, and the access time to the same instant
     * as rclone's local backend does. Giving both saves the read of the current access time that
     * {@link Files#setLastModifiedTime} makes.
     */
    static void setModTime(Path file, Instant modTime, LinkOption... options) throws IOException {
        FileTime time = FileTime.from(modTime);
        Files.getFileAttributeView(file, java.nio.file.attribute.BasicFileAttributeView.class, options)
                .setTimes(time, time, null);
    }

    /** Best effort: some platforms cannot open a folder for syncing; the rename is still atomic. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not fatal: durability of the rename only, never its atomicity.
        }
    }

    /** Deletes {@code p} if it is there; never throws (used on failure paths). */
    public static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // The caller is already failing; a leftover temp is removed by the next cleanup.
        }
    }

    /**
     * The one-line local I/O error for {@code path}: "File name too long" explains the crypt name
     * limit, "No space left" and "Permission denied" say what to do.
     */
    public static EncsyncException ioError(Path path, String doing, IOException e) {
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String shown = PathRules.escape(path.toString());
        if (reason.contains("File name too long")) {
            return EncsyncException.localIo(shown + ": the encrypted name is longer than the file system's"
                    + " 255-byte limit — base32 names allow at most 143 plaintext bytes per name; use"
                    + " --filename-encoding base32768 or shorter names", e);
        }
        if (reason.contains("No space left")) {
            return EncsyncException.localIo(shown + ": " + doing + ": no space left on the device — free space and retry", e);
        }
        if (e instanceof java.nio.file.AccessDeniedException || reason.contains("Permission denied")) {
            return EncsyncException.localIo(shown + ": " + doing + ": permission denied — fix the permissions", e);
        }
        return EncsyncException.localIo(shown + ": " + doing + ": " + PathRules.escape(reason)
                + " — check the disk and retry", e);
    }

    /** The error for a link at {@code relative} (the path up to and including the link). */
    public static IntegrityException symlinkInPath(String relative) {
        return new IntegrityException("symlink in destination path: " + PathRules.escape(relative)
                + " — remove it or restore elsewhere");
    }
}
