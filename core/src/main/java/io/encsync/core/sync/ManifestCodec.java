package io.encsync.core.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.encsync.core.IntegrityException;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.cipher.BlockAuthenticationException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.keys.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a {@link Manifest} into the bytes of its store object and back.
 *
 * <p>Layout: {@code payload = json ‖ HMAC-SHA-256(macKey, uint64be(len(json)) ‖ json)}, and the
 * object is {@code payload} encrypted as an ordinary crypt content stream (fresh nonce) with the
 * data key. The crypt layer gives confidentiality and per-block authenticity; the HMAC, keyed
 * separately (see {@link CryptContext}), covers the whole JSON and its length, because the crypt
 * format alone would accept the manifest truncated at a 64 KiB block boundary.
 *
 * <p>The JSON is canonical (keys sorted, files sorted by path, no whitespace) so that equal
 * manifests have equal bytes:
 * {@code {"created":"…","files":[{"mtime_ns":…,"nonce":"…","path":"…","sha256":"…","size":…}],
 * "format":"encsync-manifest","generation":N,"repository":"…","version":1}}.
 */
public final class ManifestCodec {
    static final String FORMAT_NAME = "encsync-manifest";
    static final int MAC_SIZE = 32;
    /** Refuse larger manifest objects before reading them: a hostile bucket must not exhaust memory. */
    static final long MAX_OBJECT_SIZE = 512L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private ManifestCodec() {
    }

    /** The canonical JSON of {@code manifest}. */
    static byte[] toJson(Manifest manifest) {
        ObjectNode root = JSON.createObjectNode();
        root.put("created", manifest.created().toString());
        ArrayNode files = root.putArray("files");
        for (ManifestEntry e : manifest.entries().values()) {
            ObjectNode f = files.addObject();
            f.put("mtime_ns", e.mtimeNanos());
            f.put("nonce", e.nonce());
            f.put("path", e.path());
            f.put("sha256", e.sha256());
            f.put("size", e.size());
        }
        root.put("format", FORMAT_NAME);
        root.put("generation", manifest.generation());
        root.put("repository", manifest.repositoryId());
        root.put("version", Manifest.FORMAT_VERSION);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the manifest", e);
        }
    }

    /** Parses canonical JSON; every field is required and checked. */
    static Manifest fromJson(byte[] json, String where) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.isObject() || !FORMAT_NAME.equals(text(root, "format", where))) {
                throw bad(where, "not an encsync manifest");
            }
            long version = number(root, "version", where);
            if (version != Manifest.FORMAT_VERSION) {
                throw new IntegrityException("the manifest of " + where + " has format version " + version
                        + ", this encsync reads version " + Manifest.FORMAT_VERSION + " — use a newer encsync");
            }
            JsonNode files = root.get("files");
            if (files == null || !files.isArray()) {
                throw bad(where, "no file list");
            }
            List<ManifestEntry> entries = new ArrayList<>(files.size());
            for (JsonNode f : files) {
                if (!f.isObject()) {
                    throw bad(where, "a file entry is not an object");
                }
                try {
                    entries.add(new ManifestEntry(text(f, "path", where), number(f, "size", where),
                            number(f, "mtime_ns", where), text(f, "sha256", where), text(f, "nonce", where)));
                } catch (IllegalArgumentException e) {
                    throw bad(where, e.getMessage());
                }
            }
            try {
                return new Manifest(text(root, "repository", where), number(root, "generation", where),
                        Instant.parse(text(root, "created", where)), entries);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw bad(where, e.getMessage());
            }
        } catch (IOException e) {
            throw bad(where, "its JSON does not parse");
        }
    }

    /** The store object for {@code manifest}: encrypted with a fresh nonce, MAC inside. */
    public static byte[] seal(Manifest manifest, CryptContext ctx) {
        byte[] json = toJson(manifest);
        byte[] payload = Arrays.copyOf(json, json.length + MAC_SIZE);
        System.arraycopy(mac(ctx.manifestMacKey(), json, json.length), 0, payload, json.length, MAC_SIZE);
        ContentCipher cipher = ctx.contentCipher();
        try (InputStream in = cipher.encryptingStream(new ByteArrayInputStream(payload), cipher.newNonce())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens a sealed manifest read from {@code where}.
     *
     * @throws WrongPasswordException when its first block does not authenticate: the keys are wrong
     * @throws IntegrityException when anything else fails (MAC, truncation, format)
     */
    public static Manifest open(byte[] sealed, CryptContext ctx, String where) {
        byte[] payload;
        try (InputStream in = ctx.contentCipher().decryptingStream(new ByteArrayInputStream(sealed), "the manifest of " + where)) {
            payload = in.readAllBytes();
        } catch (BlockAuthenticationException e) {
            if (e.blockIndex() == 0) {
                throw new WrongPasswordException("the password or password2 is wrong: the manifest of " + where
                        + " does not decrypt");
            }
            throw new IntegrityException("the manifest of " + where + " is corrupt (block " + e.blockIndex()
                    + " fails authentication) — push again from a good copy", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (payload.length < MAC_SIZE) {
            throw bad(where, "it is too short");
        }
        int jsonLength = payload.length - MAC_SIZE;
        byte[] expected = mac(ctx.manifestMacKey(), payload, jsonLength);
        byte[] actual = Arrays.copyOfRange(payload, jsonLength, payload.length);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new IntegrityException("the manifest of " + where + " fails its authentication check: it was "
                    + "truncated or modified — push again from a good copy, or restore the manifest object");
        }
        return fromJson(Arrays.copyOf(payload, jsonLength), where);
    }

    private static byte[] mac(SecretBytes key, byte[] json, int length) {
        byte[] k = key.reveal();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            mac.update(ByteBuffer.allocate(8).putLong(length).array());
            mac.update(json, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw bad(where, "field '" + field + "' is missing or not text");
        }
        return v.textValue();
    }

    private static long number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(where, "field '" + field + "' is missing or not an integer");
        }
        return v.longValue();
    }

    private static IntegrityException bad(String where, String why) {
        return new IntegrityException("the manifest of " + where + " is invalid (" + why
                + ") — push again from a good copy");
    }

}
