package io.encsync.core.store.s3;

import io.encsync.core.store.ContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Deterministic pseudo-random content of any length, generated while it is read: large objects
 * never sit in memory, which is what lets the big-object tests show the store streams.
 */
final class TestContent implements ContentSource {
    private final long length;
    private final long seed;

    TestContent(long length, long seed) {
        this.length = length;
        this.seed = seed;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public InputStream open() {
        return new InputStream() {
            private long position;
            private long state = seed * 0x9E3779B97F4A7C15L | 1;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(len, length - position);
                for (int i = 0; i < n; i++) {
                    // xorshift64: cheap, and every 8 KiB differs so misplaced parts are caught.
                    state ^= state << 13;
                    state ^= state >>> 7;
                    state ^= state << 17;
                    b[off + i] = (byte) state;
                }
                position += n;
                return n;
            }
        };
    }

    byte[] bytes() throws IOException {
        return open().readAllBytes();
    }

    String md5Hex() throws IOException {
        return md5Hex(open());
    }

    static String md5Hex(InputStream in) throws IOException {
        try (in) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                md5.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Content that yields {@code first} when first opened and {@code second} after: a file that changed between readings. */
    static ContentSource readsDifferentlyTheSecondTime(ContentSource first, ContentSource second) {
        return new ContentSource() {
            private int opened;

            @Override
            public long length() {
                return first.length();
            }

            @Override
            public InputStream open() throws IOException {
                return ++opened == 1 ? first.open() : second.open();
            }
        };
    }

    /** This content with the byte at {@code position} flipped. */
    ContentSource withByteFlippedAt(long position) {
        TestContent content = this;
        return new ContentSource() {
            @Override
            public long length() {
                return content.length();
            }

            @Override
            public InputStream open() {
                return new java.io.FilterInputStream(content.open()) {
                    private long at;

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = super.read(b, off, len);
                        if (n > 0 && at <= position && position < at + n) {
                            b[off + (int) (position - at)] ^= 1;
                        }
                        at += Math.max(n, 0);
                        return n;
                    }
                };
            }
        };
    }
}
