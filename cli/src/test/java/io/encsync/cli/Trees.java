package io.encsync.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Builds test trees and snapshots them (path → size, SHA-256, mtime) for exact comparisons. */
final class Trees {
    static final Instant MTIME = Instant.parse("2024-01-02T03:04:05.123456789Z");

    private Trees() {
    }

    /** One file of a snapshot. */
    record Entry(long size, String sha256, Instant mtime) {
    }

    static Path write(Path root, String rel, byte[] content) {
        return write(root, rel, content, MTIME);
    }

    static Path write(Path root, String rel, byte[] content, Instant mtime) {
        try {
            Path file = root.resolve(rel);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            Files.setLastModifiedTime(file, FileTime.from(mtime));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path root, String rel, String content) {
        return write(root, rel, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Reproducible pseudo-random bytes. */
    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Every regular file under root (links not followed) with its size, hash and mtime. */
    static Map<String, Entry> snapshot(Path root) {
        Map<String, Entry> files = new TreeMap<>();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return files;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        files.put(root.relativize(file).toString().replace('\\', '/'),
                                new Entry(attrs.size(), sha256(file), attrs.lastModifiedTime().toInstant()));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Snapshot without mtimes: for trees restored by tools that keep only some precision. */
    static Map<String, String> contents(Path root) {
        Map<String, String> out = new TreeMap<>();
        snapshot(root).forEach((k, v) -> out.put(k, v.size() + ":" + v.sha256()));
        return out;
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (var in = Files.newInputStream(file)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every path under root, files and folders, for "nothing was written" assertions. */
    static java.util.List<String> allPaths(Path root) {
        try (var s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
