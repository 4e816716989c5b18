package io.encsync.core.cipher;

import static io.encsync.core.cipher.StreamHarness.NONCE;
import static io.encsync.core.cipher.StreamHarness.assertSameBytes;
import static io.encsync.core.cipher.StreamHarness.cipher;
import static io.encsync.core.cipher.StreamHarness.plaintext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.cipher.StreamHarness.CloseCounting;
import io.encsync.core.cipher.StreamHarness.OneByteAtATime;
import io.encsync.core.cipher.StreamHarness.ReadStyle;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream contract over the block edges: every length round-trips through every combination of
 * encrypting stream, read style, source behaviour and parallelism, and all ways of encrypting give
 * the same bytes (the ciphertext depends only on key, nonce and plaintext).
 */
class StreamContractTest {
    static final int MIB5 = 5 * 1024 * 1024;
    static final int[] LENGTHS = {0, 1, 65535, 65536, 65537, 131072, 200000, MIB5 - 1, MIB5, MIB5 + 1};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int length : LENGTHS) {
            for (int parallelism : new int[] {1, 4}) {
                for (ReadStyle style : ReadStyle.values()) {
                    for (boolean oneByteSource : new boolean[] {false, true}) {
                        boolean big = length > 1 << 20;
                        // one-byte sources and one-byte reads of 5 MiB add time but no coverage
                        if (big && oneByteSource && style != ReadStyle.READ_ALL_BYTES) {
                            continue;
                        }
                        cases.add(Arguments.of(length, parallelism, style, oneByteSource));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "length {0}, parallelism {1}, {2}, one-byte source {3}")
    @MethodSource("cases")
    void roundTrips(int length, int parallelism, ReadStyle style, boolean oneByteSource) throws IOException {
        byte[] plain = plaintext(length);
        byte[] reference = encryptSequentially(plain);
        assertThat((long) reference.length).isEqualTo(ContentCipher.encryptedSize(length));
        ContentCipher cipher = cipher(parallelism);

        byte[] pulled;
        try (InputStream in = cipher.encryptingStream(source(plain, oneByteSource), NONCE)) {
            pulled = style.readAll(in);
        }
        assertSameBytes(pulled, reference, "pulled ciphertext");

        byte[] decrypted;
        try (InputStream in = cipher.decryptingStream(source(reference, oneByteSource), "file.bin")) {
            decrypted = style.readAll(in);
        }
        assertSameBytes(decrypted, plain, "decrypted");
        assertThat(ContentCipher.decryptedSize(reference.length)).isEqualTo(length);
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(ints = {0, 1, 65535, 65536, 65537, 200000, MIB5 + 1})
    void pushStyleWritesTheSameBytesWhateverTheWriteSizes(int length) throws IOException {
        byte[] plain = plaintext(length);
        byte[] reference = encryptSequentially(plain);
        for (int parallelism : new int[] {1, 4}) {
            for (int chunk : new int[] {1, 7, 65536, 65537, Math.max(1, length)}) {
                if (chunk == 1 && length > 1 << 20) {
                    continue;
                }
                ByteArrayOutputStream sink = new ByteArrayOutputStream();
                try (OutputStream out = cipher(parallelism).encryptingStream(sink, NONCE)) {
                    for (int off = 0; off < length; off += chunk) {
                        int n = Math.min(chunk, length - off);
                        if (n == 1) {
                            out.write(plain[off]);
                        } else {
                            out.write(plain, off, n);
                        }
                        if (off % (3 * 65536 + 5) == 0) {
                            out.flush(); // flushing never emits a partial block
                        }
                    }
                }
                assertSameBytes(sink.toByteArray(), reference, "parallelism " + parallelism + ", writes of " + chunk);
            }
        }
    }

    @Test
    void anEmptyPlaintextIsTheHeaderAlone() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        cipher(4).encryptingStream(sink, NONCE).close();
        assertThat(sink.toByteArray()).hasSize(32).startsWith("RCLONE\0\0".getBytes(StandardCharsets.US_ASCII))
                .endsWith(NONCE);
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void rangedDecryptionFromBlockKMatchesFullDecryption(int parallelism) throws IOException {
        byte[] plain = plaintext(5 * 65536 + 1234);
        byte[] encrypted = encryptSequentially(plain);
        byte[] nonce = ContentCipher.readNonce(Arrays.copyOf(encrypted, 32), "file.bin");
        for (long k = 0; k <= 6; k++) {
            int from = (int) Math.min(ContentCipher.blockOffset(k), encrypted.length);
            InputStream range = new ByteArrayInputStream(encrypted, from, encrypted.length - from);
            byte[] decrypted;
            try (InputStream in = cipher(parallelism).decryptingStream(range, nonce, k, "file.bin")) {
                decrypted = in.readAllBytes();
            }
            int plainFrom = (int) Math.min(k * 65536, plain.length);
            assertSameBytes(decrypted, Arrays.copyOfRange(plain, plainFrom, plain.length), "from block " + k);
        }
        // a bounded range (blocks 1..2 only), as a ranged GET would return
        int from = (int) ContentCipher.blockOffset(1);
        int to = (int) ContentCipher.blockOffset(3);
        try (InputStream in = cipher(parallelism).decryptingStream(
                new ByteArrayInputStream(encrypted, from, to - from), nonce, 1, "file.bin")) {
            assertSameBytes(in.readAllBytes(), Arrays.copyOfRange(plain, 65536, 3 * 65536), "blocks 1..2");
        }
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {1, 4})
    void closingEarlyClosesTheSourceAndLaterReadsFail(int parallelism) throws IOException {
        byte[] plain = plaintext(40 * 65536);
        CloseCounting source = new CloseCounting(new ByteArrayInputStream(plain));
        InputStream in = cipher(parallelism).encryptingStream(source, NONCE);
        assertThat(in.readNBytes(100_000)).hasSize(100_000);
        in.close();
        in.close();
        assertThat(source.closes).isEqualTo(1);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");

        CloseCounting encrypted = new CloseCounting(new ByteArrayInputStream(encryptSequentially(plain)));
        InputStream dec = cipher(parallelism).decryptingStream(encrypted, "file.bin");
        assertThat(dec.readNBytes(70_000)).isEqualTo(Arrays.copyOf(plain, 70_000));
        dec.close();
        assertThat(encrypted.closes).isEqualTo(1);
        assertThatThrownBy(dec::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void pushStyleCloseClosesTheSinkOnceAndWritesNothingMore() throws IOException {
        int[] closes = {0};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closes[0]++;
            }
        };
        OutputStream out = cipher(4).encryptingStream(sink, NONCE);
        out.write(plaintext(70_000));
        out.close();
        int size = sink.size();
        out.close();
        assertThat(closes[0]).isEqualTo(1);
        assertThat(sink.size()).isEqualTo(size).isEqualTo((int) ContentCipher.encryptedSize(70_000));
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void aFailingSinkMakesThePushStreamFailForGood() {
        IOException boom = new IOException("disk full");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw boom;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw boom;
            }
        };
        for (int parallelism : new int[] {1, 4}) {
            OutputStream out = cipher(parallelism).encryptingStream(failing, NONCE);
            byte[] data = plaintext(20 * 65536);
            assertThatThrownBy(() -> out.write(data)).isSameAs(boom);
            assertThatThrownBy(() -> out.write(1)).isSameAs(boom);
            assertThatThrownBy(out::flush).isSameAs(boom);
            assertThatCode(out::close).as("close after a failure only releases resources").doesNotThrowAnyException();
        }
    }

    @Test
    void aFailingSourceMakesThePullStreamFailForGood() {
        IOException boom = new IOException("network reset");
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw boom;
            }
        };
        for (int parallelism : new int[] {1, 4}) {
            InputStream enc = cipher(parallelism).encryptingStream(failing, NONCE);
            assertThatThrownBy(() -> enc.readNBytes(33)).isSameAs(boom);
            assertThatThrownBy(enc::read).isSameAs(boom);
            InputStream dec = cipher(parallelism).decryptingStream(failing, "file.bin");
            assertThatThrownBy(dec::read).isSameAs(boom);
            assertThatThrownBy(dec::read).isSameAs(boom);
        }
    }

    @Test
    void manyConcurrentStreamsShareThePoolAndStayCorrect() throws Exception {
        byte[] plain = plaintext(1_000_000);
        byte[] reference = encryptSequentially(plain);
        ContentCipher cipher = cipher(4);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                boolean encrypt = i % 2 == 0;
                results.add(callers.submit(() -> {
                    if (encrypt) {
                        try (InputStream in = cipher.encryptingStream(new ByteArrayInputStream(plain), NONCE)) {
                            return Arrays.equals(in.readAllBytes(), reference);
                        }
                    }
                    try (InputStream in = cipher.decryptingStream(new ByteArrayInputStream(reference), "f")) {
                        return Arrays.equals(in.readAllBytes(), plain);
                    }
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void neverPrintsTheKey() {
        ContentCipher cipher = cipher(4);
        assertThat(cipher.toString()).isEqualTo("ContentCipher[parallelism=4]");
        assertThat(cipher.toString()).doesNotContain(HexFormat.of().formatHex(StreamHarness.KEY).substring(0, 8));
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> cipher(0)).hasMessage("cipher parallelism must be between 1 and 64, was 0");
        assertThatThrownBy(() -> cipher(1).encryptingStream(InputStream.nullInputStream(), new byte[23]))
                .hasMessage("nonce must be 24 bytes, was 23");
        assertThatThrownBy(() -> cipher(1).decryptingStream(InputStream.nullInputStream(), NONCE, -1, "f"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] encryptSequentially(byte[] plain) throws IOException {
        try (InputStream in = cipher(1).encryptingStream(new ByteArrayInputStream(plain), NONCE)) {
            return in.readAllBytes();
        }
    }

    private static InputStream source(byte[] data, boolean oneByte) {
        InputStream in = new ByteArrayInputStream(data);
        return oneByte ? new OneByteAtATime(in) : in;
    }
}
