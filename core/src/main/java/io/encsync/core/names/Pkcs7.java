package io.encsync.core.names;

import java.util.Arrays;

/** PKCS#7 padding to 16-byte blocks, strict on removal, as rclone's {@code pkcs7} package. */
final class Pkcs7 {
    static final int BLOCK_SIZE = 16;

    private Pkcs7() {
    }

    /** Appends 1..16 bytes, each holding the count; a whole block of 16s when already aligned. */
    static byte[] pad(byte[] data) {
        int padding = BLOCK_SIZE - data.length % BLOCK_SIZE;
        byte[] out = Arrays.copyOf(data, data.length + padding);
        Arrays.fill(out, data.length, out.length, (byte) padding);
        return out;
    }

    /** Removes the padding; the last byte must be 1..16 and that many bytes must all equal it. */
    static byte[] unpad(byte[] padded) throws BadNameException {
        if (padded.length == 0 || padded.length % BLOCK_SIZE != 0) {
            throw new BadNameException("padded length " + padded.length + " is not a positive multiple of 16");
        }
        int padding = padded[padded.length - 1] & 0xff;
        if (padding < 1 || padding > BLOCK_SIZE) {
            throw new BadNameException("bad PKCS#7 padding");
        }
        for (int i = padded.length - padding; i < padded.length; i++) {
            if ((padded[i] & 0xff) != padding) {
                throw new BadNameException("bad PKCS#7 padding");
            }
        }
        return Arrays.copyOf(padded, padded.length - padding);
    }
}
