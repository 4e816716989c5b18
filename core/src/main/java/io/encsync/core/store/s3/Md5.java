package io.encsync.core.store.s3;

import io.encsync.core.EncsyncException;
import io.encsync.core.store.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/** MD5 in the spellings S3 and rclone use: hex in ETags, base64 in Content-MD5 and md5chksum. */
final class Md5 {
    private Md5() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    static String hex(byte[] bytes, int offset, int length) {
        MessageDigest md5 = newDigest();
        md5.update(bytes, offset, length);
        return HexFormat.of().formatHex(md5.digest());
    }

    /** The MD5 of a whole content and of each of its parts of {@code partSize} bytes (the last may be shorter). */
    record Digests(byte[] whole, List<byte[]> parts) {
        Digests {
            parts = List.copyOf(parts);
        }
    }

    /**
     * Reads the whole source once to hash it: the extra pass that lets a streamed upload declare
     * its MD5 up front (as rclone does, encrypting a local file twice). Checks the length too.
     */
    static byte[] of(ContentSource content, String where) {
        return ofParts(content, Long.MAX_VALUE, where).whole();
    }

    /**
     * {@link #of} with the MD5 of every part of {@code partSize} bytes too, from the same reading:
     * a multipart upload sends them as each part's Content-MD5, so that S3 (or the ETag check where
     * a server does not verify Content-MD5) proves that the upload pass read what the hash pass did,
     * without hashing it again.
     */
    static Digests ofParts(ContentSource content, long partSize, String where) {
        if (partSize < 1) {
            throw new IllegalArgumentException("part size must be positive, was " + partSize);
        }
        MessageDigest whole = newDigest();
        MessageDigest part = partSize == Long.MAX_VALUE ? null : newDigest();
        List<byte[]> parts = new ArrayList<>();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        long inPart = 0;
        try (InputStream in = content.open()) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                whole.update(buffer, 0, n);
                total += n;
                for (int off = 0; part != null && off < n; ) {
                    int take = (int) Math.min(n - off, partSize - inPart);
                    part.update(buffer, off, take);
                    off += take;
                    inPart += take;
                    if (inPart == partSize) {
                        parts.add(part.digest());
                        inPart = 0;
                    }
                }
            }
        } catch (IOException e) {
            throw EncsyncException.localIo("could not read the content for " + where + ": " + e.getMessage(), e);
        }
        if (total != content.length()) {
            throw EncsyncException.localIo("the content for " + where + " has " + total + " bytes, expected "
                    + content.length() + " — it changed while it was uploaded; run again", null);
        }
        if (inPart > 0) {
            parts.add(part.digest());
        }
        return new Digests(whole.digest(), parts);
    }

    static String hexToBase64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    static String base64ToHex(String base64) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
    }

    /** An ETag without its quotes, lower case. */
    static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        String s = etag.strip();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether an ETag is a plain MD5 (single PUT without SSE-KMS), not {@code md5-N} of a multipart upload. */
    static boolean isPlainMd5(String etag) {
        return unquote(etag).matches("[0-9a-f]{32}");
    }
}
