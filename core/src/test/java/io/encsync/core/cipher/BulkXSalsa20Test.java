package io.encsync.core.cipher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bulk XOR must give exactly BouncyCastle's own {@code processBytes} keystream. */
class BulkXSalsa20Test {

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 31, 32, 33, 63, 64, 65, 95, 96, 97, 127, 128, 1000, 65535, 65536})
    void matchesProcessBytesAtEveryOffsetAndLength(int length) {
        Random random = new Random(length);
        byte[] key = new byte[32];
        byte[] nonce = new byte[24];
        random.nextBytes(key);
        random.nextBytes(nonce);
        byte[] data = new byte[length + 5];
        random.nextBytes(data);

        XSalsa20Engine reference = new XSalsa20Engine();
        reference.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] expectedPolyKey = new byte[32];
        reference.processBytes(new byte[32], 0, 32, expectedPolyKey, 0);
        byte[] expected = data.clone();
        reference.processBytes(expected, 3, length, expected, 3);

        BulkXSalsa20 bulk = new BulkXSalsa20();
        for (int round = 0; round < 2; round++) { // an engine is re-initialised for every block
            bulk.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
            byte[] polyKey = new byte[32];
            bulk.start(polyKey);
            byte[] actual = data.clone();
            // in two uneven calls, to cover a partly used keystream block
            int first = length / 3;
            bulk.xor(actual, 3, first);
            bulk.xor(actual, 3 + first, length - first);
            assertThat(polyKey).isEqualTo(expectedPolyKey);
            assertThat(Arrays.mismatch(actual, expected)).as("first differing byte").isEqualTo(-1);
        }
    }
}
