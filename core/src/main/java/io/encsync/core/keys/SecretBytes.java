package io.encsync.core.keys;

import java.io.Serial;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Secret bytes (a password, a derived key) in a holder that never prints them.
 *
 * <p>{@code toString} shows only the length; access is explicit through {@link #reveal()}, which
 * returns a copy the caller should wipe. {@link #destroy()} zeroes the bytes; any later access
 * fails. Equality is by content, in constant time. The class is serializable so that an agent-side
 * task can carry a password; the serialized form holds the bytes, so only send it over channels
 * that are as trusted as the secret itself.
 */
public final class SecretBytes implements Destroyable, AutoCloseable, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final byte[] bytes;
    private volatile boolean destroyed;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies {@code bytes}; the caller keeps ownership of (and should wipe) its array. */
    public static SecretBytes copyOf(byte[] bytes) {
        return new SecretBytes(bytes.clone());
    }

    /** Takes ownership of {@code bytes} without copying; the caller must not use the array again. */
    static SecretBytes wrap(byte[] bytes) {
        return new SecretBytes(bytes);
    }

    /** The UTF-8 bytes of {@code chars}, as rclone uses a password: no normalisation, no trimming. */
    public static SecretBytes utf8(char[] chars) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(chars));
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
            return new SecretBytes(out);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("secret is not valid Unicode text (unpaired surrogate)");
        }
    }

    /** The UTF-8 bytes of {@code text}. Prefer {@link #utf8(char[])} where the caller holds a char[]. */
    public static SecretBytes utf8(String text) {
        return utf8(text.toCharArray());
    }

    public int length() {
        checkAlive();
        return bytes.length;
    }

    public boolean isEmpty() {
        return length() == 0;
    }

    /** A copy of the secret bytes. Wipe it with {@code Arrays.fill(copy, (byte) 0)} when done. */
    public byte[] reveal() {
        checkAlive();
        return bytes.clone();
    }

    /** The secret as text (for writing it to its destination, such as an rclone.conf). */
    public String revealUtf8() {
        checkAlive();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A new holder with bytes {@code [from, to)} of this one. */
    public SecretBytes slice(int from, int to) {
        checkAlive();
        return new SecretBytes(Arrays.copyOfRange(bytes, from, to));
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    /** Same as {@link #destroy()}, for try-with-resources. */
    @Override
    public void close() {
        destroy();
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("secret was destroyed and can no longer be used");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretBytes other && MessageDigest.isEqual(reveal(), other.reveal());
    }

    @Override
    public int hashCode() {
        return 0; // content-free on purpose: a hash of a secret is a leak
    }

    @Override
    public String toString() {
        return destroyed ? "SecretBytes[destroyed]" : "SecretBytes[" + bytes.length + " bytes]";
    }
}
