package io.encsync.core.names;

/**
 * RFC 4648 base32hex ("extended hex") in lower case without {@code =} padding: rclone's default
 * name encoding (rclone's docs call it "standard base32"; it is not the {@code A-Z2-7} alphabet).
 *
 * <p>Decoding accepts either case, like rclone, which upper-cases before decoding. That makes
 * {@code ABC} an alias of {@code abc}; {@link NameCipher}'s canonical check refuses such aliases.
 */
final class Base32Hex implements NameEncoder {
    static final Base32Hex INSTANCE = new Base32Hex();

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    private Base32Hex() {
    }

    @Override
    public String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(ALPHABET[(buffer >>> bits) & 31]);
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]); // last group zero-filled on the right
        }
        return out.toString();
    }

    @Override
    public byte[] decode(String text) throws BadNameException {
        // Lengths 1, 3 and 6 (mod 8) leave a partial byte of 5+ bits: no byte string encodes to them.
        int rest = text.length() % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            throw new BadNameException("base32 text of " + text.length() + " characters is not a possible length");
        }
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            buffer = (buffer << 5) | value(text.charAt(i));
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (buffer >>> bits);
            }
        }
        return out;
    }

    private static int value(char c) throws BadNameException {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'v') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'V') {
            return c - 'A' + 10;
        }
        throw new BadNameException("character " + NameText.describe(c) + " is not base32");
    }
}
