package io.encsync.core.names;

import java.io.ByteArrayOutputStream;

/**
 * base32768 as rclone uses it ({@code Max-Sum/base32768} {@code SafeEncoding}, the repertoire of
 * qntm's base32768): 15 bits per BMP character, a final character carrying 7 or fewer bits, the
 * unused low bits of the final character filled with ones. No library on Maven Central implements
 * this alphabet, hence the hand-written codec.
 *
 * <p>Characters come from 32-code-point blocks: 1024 blocks for 15-bit values ({@code
 * A[v >> 5] + (v & 31)}) and 4 blocks for the final 7-bit value. Decoding, like rclone's, ignores
 * the padding bits; {@link NameCipher}'s canonical check refuses texts whose padding is not ones.
 */
final class Base32768 implements NameEncoder {
    static final Base32768 INSTANCE = new Base32768();

    /** (start code point, number of consecutive 32-code-point blocks) for the 15-bit set, ascending. */
    private static final int[][] FIFTEEN_BIT_RANGES = {
        {0x04A0, 1}, {0x0500, 1}, {0x0680, 2}, {0x0760, 2}, {0x07C0, 1}, {0x1000, 1}, {0x10A0, 1},
        {0x1100, 3}, {0x1180, 1}, {0x11E0, 3}, {0x1260, 1}, {0x12E0, 1}, {0x1320, 1}, {0x13A0, 2},
        {0x1420, 18}, {0x16A0, 2}, {0x1780, 1}, {0x1820, 2}, {0x18C0, 1}, {0x1980, 1}, {0x19E0, 1},
        {0x1A20, 1}, {0x1BC0, 1}, {0x1C00, 1}, {0x1D00, 1}, {0x21E0, 1}, {0x22C0, 1}, {0x2340, 5},
        {0x2400, 1}, {0x2500, 19}, {0x2780, 2}, {0x2800, 12}, {0x29A0, 1}, {0x2A20, 2}, {0x2A80, 2},
        {0x2AE0, 4}, {0x2C00, 1}, {0x2C80, 3}, {0x2D00, 1}, {0x2D40, 1}, {0x2EA0, 2}, {0x31C0, 1},
        {0x3400, 205}, {0x4DC0, 656}, {0xA000, 36}, {0xA4A0, 1}, {0xA500, 8}, {0xA640, 1},
        {0xA6A0, 2}, {0xA700, 3}, {0xA780, 1}, {0xA840, 1},
    };
    /** Block starts for the final 7-bit value. */
    private static final char[] SEVEN_BIT_BLOCKS = {0x0180, 0x0240, 0x0260, 0x0280};

    private static final char[] FIFTEEN_BIT_BLOCKS = new char[1024];
    /** Per 32-code-point block of the BMP: its index in the 15-bit set, 1024 + its index in the 7-bit set, or -1. */
    private static final short[] BLOCK_VALUE = new short[0x10000 >> 5];

    static {
        java.util.Arrays.fill(BLOCK_VALUE, (short) -1);
        int n = 0;
        for (int[] range : FIFTEEN_BIT_RANGES) {
            for (int k = 0; k < range[1]; k++) {
                char start = (char) (range[0] + 32 * k);
                FIFTEEN_BIT_BLOCKS[n] = start;
                BLOCK_VALUE[start >> 5] = (short) n;
                n++;
            }
        }
        if (n != FIFTEEN_BIT_BLOCKS.length) {
            throw new AssertionError("base32768 table has " + n + " blocks, expected 1024");
        }
        for (int k = 0; k < SEVEN_BIT_BLOCKS.length; k++) {
            BLOCK_VALUE[SEVEN_BIT_BLOCKS[k] >> 5] = (short) (1024 + k);
        }
    }

    private Base32768() {
    }

    @Override
    public String encode(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 14) / 15);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            if (bits >= 15) {
                bits -= 15;
                out.append(fifteenBit((buffer >>> bits) & 0x7fff));
                buffer &= (1 << bits) - 1;
            }
        }
        if (bits >= 8) {
            int pad = 15 - bits;
            out.append(fifteenBit((buffer << pad) | ((1 << pad) - 1)));
        } else if (bits > 0) {
            int pad = 7 - bits;
            int v = (buffer << pad) | ((1 << pad) - 1);
            out.append((char) (SEVEN_BIT_BLOCKS[v >> 5] + (v & 31)));
        }
        return out.toString();
    }

    private static char fifteenBit(int v) {
        return (char) (FIFTEEN_BIT_BLOCKS[v >> 5] + (v & 31));
    }

    @Override
    public byte[] decode(String text) throws BadNameException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 15 / 8);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int block = BLOCK_VALUE[c >> 5];
            if (block < 0) {
                throw new BadNameException("character " + NameText.describe(c) + " is not base32768");
            }
            if (block < 1024) {
                buffer = (buffer << 15) | (block << 5) | (c & 31);
                bits += 15;
            } else {
                if (i != text.length() - 1) {
                    // rclone stops decoding here and ignores the rest; an encoder never writes a tail
                    throw new BadNameException("base32768 text continues after its final 7-bit character");
                }
                buffer = (buffer << 7) | ((block - 1024) << 5) | (c & 31);
                bits += 7;
            }
            while (bits >= 8) {
                bits -= 8;
                out.write(buffer >>> bits);
            }
            buffer &= (1 << bits) - 1;
        }
        return out.toByteArray();
    }
}
