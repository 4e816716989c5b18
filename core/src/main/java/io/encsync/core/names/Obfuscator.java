package io.encsync.core.names;

/**
 * rclone's {@code obfuscate} mode for one segment: a rotation of digits, ASCII letters, Latin-1
 * letters and other code points (each class within itself) by an amount that depends on the
 * segment's code-point sum and on the sum of the name key's bytes. It hides little (about 8161
 * effective keys, and the {@code NNN.} prefix is a checksum of the name) but must be reproduced
 * exactly for compatibility.
 */
final class Obfuscator implements SegmentCipher {
    private static final int QUOTE = '!';

    /** The only way the key enters: the sum of the 32 name-key bytes, each 0..255. */
    private final int keySum;

    Obfuscator(byte[] nameKey) {
        int sum = 0;
        for (byte b : nameKey) {
            sum += b & 0xff;
        }
        this.keySum = sum;
    }

    @Override
    public String encrypt(String segment) {
        if (segment.isEmpty()) {
            return "";
        }
        // rclone writes "!." + name for names that are not valid UTF-8; a Java String always is
        // (NameCipher refuses unpaired surrogates before they get here).
        int checksum = segment.codePoints().sum() % 256;
        StringBuilder out = new StringBuilder(segment.length() + 8).append(checksum).append('.');
        int dir = checksum + keySum;
        segment.codePoints().forEach(c -> {
            if (c == QUOTE) {
                out.append("!!");
            } else if (c >= '0' && c <= '9') {
                out.append((char) ('0' + (c - '0' + dir % 9 + 1) % 10));
            } else if (isAsciiLetter(c)) {
                out.append(letterAt((letterIndex(c) + dir % 25 + 1) % 52));
            } else if (c >= 0xA0 && c <= 0xFF) {
                out.append((char) (0xA0 + (c - 0xA0 + dir % 95 + 1) % 96));
            } else if (c >= 0x100) {
                int base = c - c % 256;
                int rotated = base + (c - base + dir % 127 + 1) % 256;
                // The rotation stays in c's 256-block, and surrogates fill whole blocks, so this
                // quoting never triggers for real text; kept because rclone has it.
                boolean invalid = (rotated >= Character.MIN_SURROGATE && rotated <= Character.MAX_SURROGATE)
                        || rotated > Character.MAX_CODE_POINT;
                if (invalid) {
                    out.append((char) QUOTE).appendCodePoint(c);
                } else {
                    out.appendCodePoint(rotated);
                }
            } else {
                out.appendCodePoint(c); // punctuation, space, '.', controls, U+0080..U+009F
            }
        });
        return out.toString();
    }

    @Override
    public String decrypt(String stored) throws BadNameException {
        if (stored.isEmpty()) {
            return "";
        }
        int dot = stored.indexOf('.');
        if (dot < 0) {
            throw new BadNameException("obfuscated name has no '.' after its number");
        }
        String prefix = stored.substring(0, dot);
        if (prefix.equals("!")) {
            // rclone's marker for a name that was not valid UTF-8; no Java String can be that name
            throw new BadNameException("the name was stored unrotated as not valid UTF-8");
        }
        if (!prefix.matches("[0-9]{1,3}")) {
            throw new BadNameException("obfuscate prefix '" + NameText.forMessage(prefix) + "' is not a number");
        }
        int dir = Integer.parseInt(prefix) + keySum;
        StringBuilder out = new StringBuilder(stored.length());
        boolean quoted = false;
        for (int i = dot + 1; i < stored.length(); ) {
            int c = stored.codePointAt(i);
            i += Character.charCount(c);
            if (quoted) {
                out.appendCodePoint(c);
                quoted = false;
            } else if (c == QUOTE) {
                quoted = true;
            } else if (c >= '0' && c <= '9') {
                out.append((char) ('0' + Math.floorMod(c - '0' - (dir % 9 + 1), 10)));
            } else if (isAsciiLetter(c)) {
                out.append(letterAt(Math.floorMod(letterIndex(c) - (dir % 25 + 1), 52)));
            } else if (c >= 0xA0 && c <= 0xFF) {
                out.append((char) (0xA0 + Math.floorMod(c - 0xA0 - (dir % 95 + 1), 96)));
            } else if (c >= 0x100) {
                int base = c - c % 256;
                out.appendCodePoint(base + Math.floorMod(c - base - (dir % 127 + 1), 256));
            } else {
                out.appendCodePoint(c);
            }
        }
        if (quoted) {
            throw new BadNameException("obfuscated name ends inside a '!' quote");
        }
        return out.toString();
    }

    private static boolean isAsciiLetter(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    /** A..Z = 0..25, a..z = 26..51. */
    private static int letterIndex(int c) {
        return c <= 'Z' ? c - 'A' : c - 'a' + 26;
    }

    private static char letterAt(int index) {
        return (char) (index < 26 ? 'A' + index : 'a' + index - 26);
    }

    @Override
    public String toString() {
        return "Obfuscator[key redacted]";
    }
}
