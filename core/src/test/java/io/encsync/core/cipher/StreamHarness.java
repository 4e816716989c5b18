package io.encsync.core.cipher;

import io.encsync.core.keys.SecretBytes;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/** Shared fixtures of the cipher stream tests: keys, plaintexts, read styles. */
final class StreamHarness {
    static final byte[] KEY = HexFormat.of().parseHex("3a4264ac522cef356de03067e9a8bf191f2ddfba1c7028cc216f7c2a6d6cf480");
    static final byte[] NONCE = HexFormat.of().parseHex("c4425ddd00151b65f68d354a998686b92ed3e6a088d030a4");

    private StreamHarness() {
    }

    static ContentCipher cipher(int parallelism) {
        return ContentCipher.create(SecretBytes.copyOf(KEY), new SecureRandom(), parallelism);
    }

    /** Deterministic, non-repeating-per-block content, so a misplaced block cannot look right. */
    static byte[] plaintext(int length) {
        byte[] b = new byte[length];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            b[i] = (byte) x;
        }
        return b;
    }

    /**
     * Compares byte arrays by first mismatch and lengths, so that a failure prints a position
     * rather than megabytes of numbers.
     */
    static void assertSameBytes(byte[] actual, byte[] expected, String what) {
        int mismatch = Arrays.mismatch(actual, expected);
        if (mismatch >= 0) {
            throw new AssertionError(what + ": " + actual.length + " bytes differ from the expected " + expected.length
                    + " bytes at offset " + mismatch);
        }
    }

    /** How a consumer reads a stream. */
    enum ReadStyle {
        READ_ALL_BYTES {
            @Override
            int read(InputStream in, byte[] buf) throws IOException {
                return in.read(buf, 0, buf.length);
            }
        },
        ONE_BYTE_READS {
            @Override
            int read(InputStream in, byte[] buf) throws IOException {
                int b = in.read();
                if (b < 0) {
                    return -1;
                }
                buf[0] = (byte) b;
                return 1;
            }
        },
        ODD_BUFFER_7 {
            @Override
            int read(InputStream in, byte[] buf) throws IOException {
                int n = in.read(buf, 3, 7);
                return n < 0 ? -1 : shift(buf, 3, n);
            }
        },
        ODD_BUFFER_65537 {
            @Override
            int read(InputStream in, byte[] buf) throws IOException {
                int n = in.read(buf, 1, 65537);
                return n < 0 ? -1 : shift(buf, 1, n);
            }
        };

        abstract int read(InputStream in, byte[] buf) throws IOException;

        private static int shift(byte[] buf, int from, int n) {
            System.arraycopy(buf, from, buf, 0, n);
            return n;
        }

        /** Reads to the end with this style. */
        byte[] readAll(InputStream in) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            readInto(in, out);
            return out.toByteArray();
        }

        /** Reads to the end into {@code out}, so a caller sees what was released before a failure. */
        void readInto(InputStream in, ByteArrayOutputStream out) throws IOException {
            byte[] buf = new byte[65537 + 8];
            int n;
            while ((n = read(in, buf)) >= 0) {
                out.write(buf, 0, n);
            }
        }
    }

    /** A source that returns at most one byte per read, like a slow socket. */
    static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1));
        }
    }

    /** Counts close() calls, to check that cipher streams close what they wrap. */
    static final class CloseCounting extends FilterInputStream {
        int closes;

        CloseCounting(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closes++;
            super.close();
        }
    }
}
