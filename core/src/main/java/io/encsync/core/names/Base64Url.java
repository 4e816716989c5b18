package io.encsync.core.names;

import java.util.Base64;

/** RFC 4648 §5 URL-safe base64 without padding (Go's {@code RawURLEncoding}), from the JDK. */
final class Base64Url implements NameEncoder {
    static final Base64Url INSTANCE = new Base64Url();

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    @Override
    public String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    @Override
    public byte[] decode(String text) throws BadNameException {
        if (text.indexOf('=') >= 0) {
            throw new BadNameException("base64 names carry no '=' padding"); // Go's RawURLEncoding refuses it too
        }
        try {
            return DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            throw new BadNameException("not URL-safe base64");
        }
    }
}
