package io.encsync.core.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.encsync.core.IntegrityException;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.cipher.BlockAuthenticationException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.fs.FileModes;
import io.encsync.core.keys.SecretBytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@code {"bound_to":"…","created":"…","files":[{"mode":…,"mtime_ns":…,"nonce":"…","path":"…","sha256":"…","size":…}],
 * "format":"encsync-manifest","generation":N,"repository":"…","version":1}}.
 *
 * <p>{@code mode} (each file's permission bits, 0 to 511 = 0777) and {@code bound_to} (the place
 * the manifest is valid at; written only for a bound manifest) were added without a new version:
 * both are optional when reading — a file without {@code mode} gets {@link FileModes#DEFAULT},
 * a manifest without {@code bound_to} is unbound — and readers that predate them ignore unknown
 * fields, so old and new manifests verify and read both ways.
 */
public final class ManifestCodec {
    static final String FORMAT_NAME = "encsync-manifest";
    static final int MAC_SIZE = 32;
    /** Refuse larger manifest objects before reading them: a hostile bucket must not exhaust memory. */
    static final long MAX_OBJECT_SIZE = 512L * 1024 * 1024;

    private static final JsonFactory JSON_FACTORY = new JsonFactory();

    private ManifestCodec() {
    }

    /** The canonical JSON of {@code manifest} (written with the streaming generator: manifests are listing-sized). */
    static byte[] toJson(Manifest manifest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + manifest.entries().size() * 200);
        try (JsonGenerator g = JSON_FACTORY.createGenerator(bytes)) {
            g.writeStartObject();
            if (manifest.boundTo().isPresent()) {
                g.writeStringField("bound_to", manifest.boundTo().get());
            }
            g.writeStringField("created", manifest.created().toString());
            g.writeArrayFieldStart("files");
            for (ManifestEntry e : manifest.entries().values()) {
                g.writeStartObject();
                g.writeNumberField("mode", e.mode());
                g.writeNumberField("mtime_ns", e.mtimeNanos());
                g.writeStringField("nonce", e.nonce());
                g.writeStringField("path", e.path());
                g.writeStringField("sha256", e.sha256());
                g.writeNumberField("size", e.size());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("format", FORMAT_NAME);
            g.writeNumberField("generation", manifest.generation());
            g.writeStringField("repository", manifest.repositoryId());
            g.writeNumberField("version", Manifest.FORMAT_VERSION);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Parses the JSON (streaming); every field is checked and present once, and every field but
     * {@code bound_to} and a file's {@code mode} (see the class comment) is required.
     */
    static Manifest fromJson(byte[] json, String where) {
        try (JsonParser p = JSON_FACTORY.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, where, "not an encsync manifest");
            Map<String, Object> top = new HashMap<>();
            List<ManifestEntry> entries = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals("files")) {
                    if (entries != null) {
                        throw bad(where, "field 'files' appears twice");
                    }
                    expect(value, JsonToken.START_ARRAY, where, "no file list");
                    entries = new ArrayList<>();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        entries.add(entry(p, where));
                    }
                    expect(p.currentToken(), JsonToken.END_ARRAY, where, "a file entry is not an object");
                } else if (top.put(name, scalar(p, value, name, where)) != null) {
                    throw bad(where, "field '" + name + "' appears twice");
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw bad(where, "unexpected content after the manifest object");
            }
            if (!FORMAT_NAME.equals(top.get("format"))) {
                throw bad(where, "not an encsync manifest");
            }
            long version = number(top, "version", where);
            if (version != Manifest.FORMAT_VERSION) {
                throw new IntegrityException("the manifest of " + where + " has format version " + version
                        + ", this encsync reads version " + Manifest.FORMAT_VERSION + " — use a newer encsync");
            }
            if (entries == null) {
                throw bad(where, "no file list");
            }
            Object boundTo = top.get("bound_to");
            if (boundTo != null && !(boundTo instanceof String)) {
                throw bad(where, "field 'bound_to' is not text");
            }
            try {
                return new Manifest(text(top, "repository", where), number(top, "generation", where),
                        Instant.parse(text(top, "created", where)), entries, (String) boundTo);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw bad(where, e.getMessage());
            }
        } catch (IOException e) {
            throw bad(where, "its JSON does not parse");
        }
    }

    private static ManifestEntry entry(JsonParser p, String where) throws IOException {
        Map<String, Object> f = new HashMap<>(8);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            if (f.put(name, scalar(p, p.nextToken(), name, where)) != null) {
                throw bad(where, "field '" + name + "' appears twice in a file entry");
            }
        }
        long mode = f.containsKey("mode") ? number(f, "mode", where) : FileModes.DEFAULT;
        if (!FileModes.isValid(mode)) {
            throw bad(where, "a file's mode is " + mode + ", not between 0 and 511 (0777)");
        }
        try {
            return new ManifestEntry(text(f, "path", where), number(f, "size", where), number(f, "mtime_ns", where),
                    text(f, "sha256", where), text(f, "nonce", where), (int) mode);
        } catch (IllegalArgumentException e) {
            throw bad(where, e.getMessage());
        }
    }

    /** A string or a long; anything else (objects, arrays, floats, huge numbers) is malformed here. */
    private static Object scalar(JsonParser p, JsonToken t, String name, String where) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                || t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.LONG) {
            return p.getLongValue();
        }
        throw bad(where, "field '" + name + "' is not text or an integer");
    }

    private static void expect(JsonToken actual, JsonToken wanted, String where, String why) {
        if (actual != wanted) {
            throw bad(where, why);
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
        try (InputStream in = ctx.contentCipher().decryptingStream(new ByteArrayInputStream(sealed),
                "the manifest of " + where)) {
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

    static byte[] mac(SecretBytes key, byte[] json, int length) {
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

    private static String text(Map<String, Object> fields, String field, String where) {
        if (!(fields.get(field) instanceof String v)) {
            throw bad(where, "field '" + field + "' is missing or not text");
        }
        return v;
    }

    private static long number(Map<String, Object> fields, String field, String where) {
        if (!(fields.get(field) instanceof Long v)) {
            throw bad(where, "field '" + field + "' is missing or not an integer");
        }
        return v;
    }

    private static IntegrityException bad(String where, String why) {
        return new IntegrityException("the manifest of " + where + " is invalid (" + why
                + ") — push again from a good copy");
    }

}
