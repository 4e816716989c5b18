package io.encsync.core.manifest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Lets tests of other packages write manifests no current code would write (older formats, forgeries by a password holder). */
public final class ManifestTesting {
    private ManifestTesting() {
    }

    /** The canonical JSON {@link ManifestCodec#seal} would seal. */
    public static byte[] toJson(Manifest manifest) {
        return ManifestCodec.toJson(manifest);
    }

    /** {@code json} sealed as {@link ManifestCodec#seal} seals, without going through {@link Manifest}. */
    public static byte[] sealRaw(byte[] json, CryptContext ctx) {
        byte[] mac = ManifestCodec.mac(ctx.manifestMacKey(), json, json.length);
        byte[] payload = Arrays.copyOf(json, json.length + mac.length);
        System.arraycopy(mac, 0, payload, json.length, mac.length);
        try (InputStream in = ctx.contentCipher().encryptingStream(new ByteArrayInputStream(payload),
                ctx.contentCipher().newNonce())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
