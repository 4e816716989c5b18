package io.encsync.core.sync;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers and the stream wrappers that count, cap and hash data in one pass. */
final class Hashing {
    private Hashing() {
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /** The lower-case hex SHA-256 of everything {@code in} yields; closes it. */
    static String sha256Hex(InputStream in) throws IOException {
        MessageDigest md = newSha256();
        try (in) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Yields exactly {@code expected} bytes of {@code in}, hashing them (unless told not to) and
     * reporting them to {@code counter}: stops at {@code expected} even if the source has more (the
     * bytes hashed are then exactly the bytes used), and fails with {@code shortMessage} if it has
     * fewer.
     */
    static final class ExactHashingStream extends FilterInputStream {
        private final long expected;
        private final MessageDigest digest;
        private final java.util.function.LongConsumer counter;
        private final String shortMessage;
        private long seen;
        private boolean endedEarly;

        ExactHashingStream(InputStream in, long expected, java.util.function.LongConsumer counter,
                           String shortMessage) {
            this(in, expected, counter, shortMessage, true);
        }

        /** @param hash false to only count and cap (a re-read whose bytes the store checks itself) */
        ExactHashingStream(InputStream in, long expected, java.util.function.LongConsumer counter,
                           String shortMessage, boolean hash) {
            super(in);
            this.digest = hash ? newSha256() : null;
            this.expected = expected;
            this.counter = counter;
            this.shortMessage = shortMessage;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (seen >= expected) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, expected - seen));
            if (n < 0) {
                endedEarly = true;
                throw new IOException(shortMessage);
            }
            if (digest != null) {
                digest.update(b, off, n);
            }
            seen += n;
            counter.accept(n);
            return n;
        }

        @Override
        public long skip(long n) {
            return 0; // never skip: every byte must be hashed
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        /** The SHA-256 of the bytes read; meaningful once all {@code expected} bytes were read. */
        byte[] sha256() {
            if (digest == null) {
                throw new IllegalStateException("this stream was not hashing");
            }
            return digest.digest();
        }

        /** Whether the source ended before {@code expected} bytes. */
        boolean endedEarly() {
            return endedEarly;
        }

        boolean complete() {
            return seen == expected;
        }
    }
}
