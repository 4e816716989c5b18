package io.encsync.core.names;

import io.encsync.core.EncsyncException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** rclone's {@code standard} mode for one segment: UTF-8, PKCS#7, AES-256 EME, then text encoding. */
final class StandardSegmentCipher implements SegmentCipher {
    /** 128 EME blocks of 16 bytes, less at least one byte of padding. */
    static final int MAX_SEGMENT_BYTES = Eme.MAX_BLOCKS * Eme.BLOCK_SIZE - 1;

    private final Eme eme;
    private final NameEncoder encoder;

    StandardSegmentCipher(Eme eme, NameEncoder encoder) {
        this.eme = eme;
        this.encoder = encoder;
    }

    @Override
    public String encrypt(String segment) {
        if (segment.isEmpty()) {
            return "";
        }
        byte[] plain = segment.getBytes(StandardCharsets.UTF_8); // callers have refused unpaired surrogates
        if (plain.length > MAX_SEGMENT_BYTES) {
            // rclone 1.60.1 has no check here and panics in EME; refuse with the fix instead
            throw EncsyncException.usage("name `" + NameText.forMessage(segment) + "` is " + plain.length
                    + " bytes in UTF-8, over the " + MAX_SEGMENT_BYTES + "-byte limit of rclone's standard name"
                    + " encryption: shorten the name (local file systems limit encrypted base32 names to 143"
                    + " plaintext bytes)");
        }
        return encoder.encode(eme.encrypt(Pkcs7.pad(plain)));
    }

    @Override
    public String decrypt(String stored) throws BadNameException {
        if (stored.isEmpty()) {
            return "";
        }
        byte[] raw = encoder.decode(stored);
        if (raw.length == 0 || raw.length % Eme.BLOCK_SIZE != 0 || raw.length > Eme.MAX_BLOCKS * Eme.BLOCK_SIZE) {
            throw new BadNameException("decodes to " + raw.length + " bytes, not 16 to 2048 in steps of 16");
        }
        byte[] plain = Pkcs7.unpad(eme.decrypt(raw));
        try {
            // rclone accepts any bytes here; a Java String cannot hold invalid UTF-8 faithfully
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadNameException("decrypts to bytes that are not UTF-8");
        }
    }
}
