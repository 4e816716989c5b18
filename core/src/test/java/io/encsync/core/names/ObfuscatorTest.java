package io.encsync.core.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ObfuscatorTest {
    private static final Obfuscator OBFUSCATOR = new Obfuscator(VectorKeys.defaultSalt().nameKey().reveal());

    @Test
    void obfuscatesTheSpecExample() throws BadNameException {
        assertThat(OBFUSCATOR.encrypt("Hello World.txt")).isEqualTo("170.Nkrru cuxrj.zDz");
        assertThat(OBFUSCATOR.decrypt("170.Nkrru cuxrj.zDz")).isEqualTo("Hello World.txt");
    }

    @Test
    void theKeyEntersOnlyThroughTheSumOfItsBytes() {
        byte[] sum3585 = new byte[32];
        // 14 bytes of 255 + one of 15 = 3585, the sum of the vectors' default-salt name key
        for (int i = 0; i < 14; i++) {
            sum3585[i] = (byte) 255;
        }
        sum3585[14] = 15;
        assertThat(new Obfuscator(sum3585).encrypt("Hello World.txt")).isEqualTo("170.Nkrru cuxrj.zDz");
    }

    @Test
    void quotesTheQuoteCharacterAndLeavesPunctuationAlone() throws BadNameException {
        String obfuscated = OBFUSCATOR.encrypt("a!b .-_~");
        assertThat(obfuscated).contains("!!").contains(" .-_~");
        assertThat(OBFUSCATOR.decrypt(obfuscated)).isEqualTo("a!b .-_~");
    }

    @Test
    void rotatesEachClassWithinItself() {
        String plain = "09AZaz\u00A0\u00FF\u0100\u01FF\u4E2D\uD83D\uDE00";
        String obfuscated = OBFUSCATOR.encrypt(plain);
        String body = obfuscated.substring(obfuscated.indexOf('.') + 1);
        int[] in = plain.codePoints().toArray();
        int[] out = body.codePoints().toArray();
        assertThat(out).hasSameSizeAs(in);
        for (int i = 0; i < in.length; i++) {
            assertThat(classOf(out[i])).as("code point %x", in[i]).isEqualTo(classOf(in[i]));
        }
    }

    private static String classOf(int c) {
        if (c >= '0' && c <= '9') {
            return "digit";
        }
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            return "letter";
        }
        if (c >= 0xA0 && c <= 0xFF) {
            return "latin1";
        }
        return "block " + (c >> 8);
    }

    @Test
    void roundTripsRandomText() throws BadNameException {
        Random random = new Random(3);
        int[] pool = {'!', '.', ' ', '0', '5', '9', 'A', 'Z', 'a', 'z', 0x7F, 0x85, 0xA0, 0xE9, 0xFF, 0x100, 0x3B1,
            0x4E2D, 0xD7FF, 0xE000, 0xFFFD, 0x1F600, 0x10FFFF};
        for (int trial = 0; trial < 2000; trial++) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int i = 0; i < length; i++) {
                name.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            String plain = name.toString();
            String obfuscated = OBFUSCATOR.encrypt(plain);
            assertThat(obfuscated).matches("(?s)[0-9]{1,3}\\..*"); // (?s): U+0085 is a line terminator to regex
            assertThat(OBFUSCATOR.decrypt(obfuscated)).isEqualTo(plain);
        }
    }

    @Test
    void emptyStaysEmpty() throws BadNameException {
        assertThat(OBFUSCATOR.encrypt("")).isEmpty();
        assertThat(OBFUSCATOR.decrypt("")).isEmpty();
    }

    @Test
    void refusesNamesItCannotHaveWritten() {
        assertThatThrownBy(() -> OBFUSCATOR.decrypt("nodot")).hasMessageContaining("no '.'");
        assertThatThrownBy(() -> OBFUSCATOR.decrypt("x1.abc")).hasMessageContaining("prefix 'x1' is not a number");
        assertThatThrownBy(() -> OBFUSCATOR.decrypt("-5.abc")).hasMessageContaining("is not a number");
        assertThatThrownBy(() -> OBFUSCATOR.decrypt("!.raw")).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> OBFUSCATOR.decrypt("33.a!")).hasMessageContaining("ends inside a '!' quote");
    }

    @Test
    void neverPrintsTheKey() {
        assertThat(OBFUSCATOR.toString()).doesNotContain("3585").contains("redacted");
    }
}
