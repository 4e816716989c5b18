package io.encsync.core.cipher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** One block, no I/O: secretbox against the format's worked example, and the nonce arithmetic. */
class ChunkCryptoTest {
    private static final HexFormat HEX = HexFormat.of();
    /** dataKey of password {@code testvector-A-password} with the default salt. */
    private static final byte[] KEY = HEX.parseHex("3a4264ac522cef356de03067e9a8bf191f2ddfba1c7028cc216f7c2a6d6cf480");
    /** N0 of {@code size_000001.dat} in the base32 vector tree (FORMAT.md worked example). */
    private static final byte[] N0 = HEX.parseHex("c4425ddd00151b65f68d354a998686b92ed3e6a088d030a4");

    private final ChunkCrypto crypto = new ChunkCrypto(KEY);

    @Test
    void sealsTheWorkedExampleOfOneZeroByte() {
        byte[] buf = new byte[17]; // tag(16) + one plaintext byte 00
        crypto.seal(N0, 0, buf, 0, 1);
        assertThat(HEX.formatHex(buf)).isEqualTo("47d68c73ac0ae189f2363d9534d09dd7" + "57");
    }

    @Test
    void opensTheWorkedExample() {
        byte[] buf = HEX.parseHex("47d68c73ac0ae189f2363d9534d09dd757");
        assertThat(crypto.open(N0, 0, buf, 0, 17)).isTrue();
        assertThat(buf[16]).isEqualTo((byte) 0);
    }

    @Test
    void sealsAtAnOffsetInALargerBuffer() {
        byte[] plain = new byte[1000];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = (byte) (i * 7);
        }
        byte[] atZero = new byte[16 + plain.length];
        System.arraycopy(plain, 0, atZero, 16, plain.length);
        crypto.seal(N0, 5, atZero, 0, plain.length);

        byte[] atOffset = new byte[3 + 16 + plain.length + 4];
        System.arraycopy(plain, 0, atOffset, 3 + 16, plain.length);
        crypto.seal(N0, 5, atOffset, 3, plain.length);
        assertThat(Arrays.copyOfRange(atOffset, 3, 3 + 16 + plain.length)).isEqualTo(atZero);

        assertThat(crypto.open(N0, 5, atOffset, 3, 16 + plain.length)).isTrue();
        assertThat(Arrays.copyOfRange(atOffset, 3 + 16, 3 + 16 + plain.length)).isEqualTo(plain);
    }

    @Test
    void aMismatchLeavesTheCiphertextUntouched() {
        byte[] sealed = new byte[16 + 300];
        crypto.seal(N0, 2, sealed, 0, 300);
        for (int flip : new int[] {0, 15, 16, 315}) {
            byte[] tampered = sealed.clone();
            tampered[flip] ^= 0x01;
            byte[] before = tampered.clone();
            assertThat(crypto.open(N0, 2, tampered, 0, tampered.length)).as("flip at %d", flip).isFalse();
            assertThat(tampered).as("no plaintext written for flip at %d", flip).isEqualTo(before);
        }
        byte[] copy = sealed.clone();
        assertThat(crypto.open(N0, 3, copy, 0, copy.length)).as("block moved to another index").isFalse();
        assertThat(copy).isEqualTo(sealed);
        assertThat(new ChunkCrypto(new byte[32]).open(N0, 2, copy, 0, copy.length)).as("wrong key").isFalse();
    }

    @Test
    void theSameBlockSealsIdenticallyOnAnotherThread() throws Exception {
        byte[] here = new byte[16 + 64];
        crypto.seal(N0, 9, here, 0, 64);
        byte[] there = CompletableFuture.supplyAsync(() -> {
            byte[] b = new byte[16 + 64];
            crypto.seal(N0, 9, b, 0, 64);
            return b;
        }).get();
        assertThat(there).isEqualTo(here);
    }

    @Test
    void blockNonceAddsTheIndexAsA192BitLittleEndianInteger() {
        assertThat(nonce(N0, 0)).isEqualTo("c4425ddd00151b65f68d354a998686b92ed3e6a088d030a4");
        assertThat(nonce(N0, 1)).isEqualTo("c5425ddd00151b65f68d354a998686b92ed3e6a088d030a4");
        assertThat(nonce(N0, 0x1ff)).isEqualTo("c3445ddd00151b65f68d354a998686b92ed3e6a088d030a4");
    }

    @Test
    void blockNonceCarriesPastTheFirst64BitsAndWrapsAt2To192() {
        byte[] lowAllOnes = HEX.parseHex("ffffffffffffffff" + "00".repeat(16));
        assertThat(nonce(lowAllOnes, 1)).isEqualTo("0000000000000000" + "01" + "00".repeat(15));
        assertThat(nonce(lowAllOnes, Long.MAX_VALUE))
                .isEqualTo("feffffffffffff7f" + "01" + "00".repeat(15));
        byte[] allOnes = HEX.parseHex("ff".repeat(24));
        assertThat(nonce(allOnes, 1)).isEqualTo("00".repeat(24));
        assertThat(nonce(allOnes, 2)).isEqualTo("01" + "00".repeat(23));
    }

    @Test
    void rejectsBadKeysNoncesAndIndexes() {
        assertThatThrownBy(() -> new ChunkCrypto(new byte[31])).hasMessage("data key must be 32 bytes, was 31");
        assertThatThrownBy(() -> ChunkCrypto.blockNonce(new byte[23], 0, new byte[24]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkCrypto.blockNonce(N0, -1, new byte[24]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String nonce(byte[] n0, long index) {
        byte[] out = new byte[24];
        ChunkCrypto.blockNonce(n0, index, out);
        return HEX.formatHex(out);
    }
}
