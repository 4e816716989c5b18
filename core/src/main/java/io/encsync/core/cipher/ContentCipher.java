package io.encsync.core.cipher;

import io.encsync.core.EncsyncException;
import io.encsync.core.IntegrityException;
import io.encsync.core.keys.SecretBytes;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * rclone crypt's file-content cipher: a 32-byte header ({@code "RCLONE\0\0"} + 24-byte nonce)
 * followed by 64 KiB blocks, each sealed with XSalsa20-Poly1305 under nonce {@code N0 + i}. The
 * layout and its limits are described in {@code core/FORMAT.md}.
 *
 * <p>Immutable and thread-safe; each stream it returns belongs to one thread. With
 * {@code parallelism > 1} streams seal or open up to {@code 2 × parallelism} blocks ahead on the
 * JVM-wide pool of daemon worker threads (see {@code CipherThreads}), so the cipher owns no
 * threads and needs no closing; closing a stream early cancels its queued blocks. A stream whose
 * content is shorter than one block is always processed on the caller's thread, and so is every
 * block while busy transfers take all the cores ({@link ThreadBudget}).
 *
 * <p>Streams: errors are sticky (after a failure every read or write throws the same exception);
 * {@code close()} closes the wrapped stream and cancels blocks still queued; reading or writing
 * after {@code close()} throws an {@code IOException}. Integrity failures are
 * {@link IntegrityException}s (unchecked) thrown from {@code read}.
 */
public final class ContentCipher {
    public static final int HEADER_SIZE = 32;
    public static final int NONCE_SIZE = 24;
    public static final int BLOCK_DATA_SIZE = 65536;
    public static final int BLOCK_HEADER_SIZE = 16;
    /** Upper bound for {@code parallelism}; more would only add buffers (each block is 64 KiB). */
    public static final int MAX_PARALLELISM = 64;
    /** System property that sets {@link #defaultParallelism()}. */
    public static final String THREADS_PROPERTY = "encsync.cipher.threads";

    private static final int MAGIC_SIZE = 8;
    private static final byte[] MAGIC = {'R', 'C', 'L', 'O', 'N', 'E', 0, 0};
    private static final int SEALED_BLOCK_SIZE = BLOCK_HEADER_SIZE + BLOCK_DATA_SIZE;

    private final ChunkCrypto crypto;
    private final SecureRandom random;
    private final int parallelism;

    private ContentCipher(ChunkCrypto crypto, SecureRandom random, int parallelism) {
        this.crypto = crypto;
        this.random = random;
        this.parallelism = parallelism;
    }

    /** A cipher with a default {@link SecureRandom} that works on the caller's thread only. */
    public static ContentCipher create(SecretBytes dataKey) {
        return create(dataKey, new SecureRandom(), 1);
    }

    /**
     * @param dataKey the 32-byte content key ({@code CryptKeys.dataKey()}); copied
     * @param random source of file nonces (inject a fixed one only in tests)
     * @param parallelism blocks processed at once per stream, 1 to {@value #MAX_PARALLELISM};
     *     1 means everything runs on the caller's thread
     */
    public static ContentCipher create(SecretBytes dataKey, SecureRandom random, int parallelism) {
        Objects.requireNonNull(dataKey, "dataKey");
        Objects.requireNonNull(random, "random");
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw EncsyncException.usage("cipher parallelism must be between 1 and " + MAX_PARALLELISM
                    + ", was " + parallelism);
        }
        byte[] key = dataKey.reveal();
        try {
            return new ContentCipher(new ChunkCrypto(key), random, parallelism);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The parallelism for transfers: the system property {@value #THREADS_PROPERTY} if set (for
     * benchmarks: 1 keeps every block on the caller's thread), else the number of cores, at most
     * {@value #MAX_PARALLELISM}. How many blocks really run at once also depends on how many
     * transfers are busy ({@link ThreadBudget}).
     */
    public static int defaultParallelism() {
        String forced = System.getProperty(THREADS_PROPERTY);
        if (forced != null && !forced.isBlank()) {
            int n;
            try {
                n = Integer.parseInt(forced.strip());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1 || n > MAX_PARALLELISM) {
                throw EncsyncException.usage(THREADS_PROPERTY + " must be a number from 1 to " + MAX_PARALLELISM
                        + ", was \"" + forced + "\"");
            }
            return n;
        }
        return Math.min(MAX_PARALLELISM, ThreadBudget.cores());
    }

    public int parallelism() {
        return parallelism;
    }

    /** Size of the encrypted form of an {@code plaintextSize}-byte file. */
    public static long encryptedSize(long plaintextSize) {
        if (plaintextSize < 0) {
            throw new IllegalArgumentException("plaintext size must be >= 0, was " + plaintextSize);
        }
        long full = plaintextSize / BLOCK_DATA_SIZE;
        long rest = plaintextSize % BLOCK_DATA_SIZE;
        return HEADER_SIZE + full * SEALED_BLOCK_SIZE + (rest > 0 ? rest + BLOCK_HEADER_SIZE : 0);
    }

    /**
     * Size of the plaintext of an {@code encryptedSize}-byte crypt file, without reading it.
     *
     * @throws IntegrityException if no plaintext encrypts to that size (shorter than the header,
     *     or ending in a window of 1 to 16 bytes)
     */
    public static long decryptedSize(long encryptedSize) {
        if (encryptedSize < HEADER_SIZE) {
            throw new IntegrityException(encryptedSize + " bytes cannot be an rclone crypt file: it is shorter than the "
                    + HEADER_SIZE + "-byte header — the object is truncated or not encrypted");
        }
        long body = encryptedSize - HEADER_SIZE;
        long full = body / SEALED_BLOCK_SIZE;
        long rest = body % SEALED_BLOCK_SIZE;
        if (rest != 0 && rest <= BLOCK_HEADER_SIZE) {
            throw new IntegrityException(encryptedSize + " bytes cannot be an rclone crypt file: it would end in a"
                    + " truncated block of " + rest + " bytes — the object is truncated or not encrypted");
        }
        return full * BLOCK_DATA_SIZE + (rest == 0 ? 0 : rest - BLOCK_HEADER_SIZE);
    }

    /** Byte offset of block {@code blockIndex} in the ciphertext: {@code 32 + k·65552}. */
    public static long blockOffset(long blockIndex) {
        if (blockIndex < 0) {
            throw new IllegalArgumentException("block index must be >= 0, was " + blockIndex);
        }
        return HEADER_SIZE + Math.multiplyExact(blockIndex, (long) SEALED_BLOCK_SIZE);
    }

    /**
     * A fresh 24-byte file nonce from this cipher's random source.
     *
     * <p>Use a new nonce for every upload. Encrypting the same plaintext again with the same nonce
     * gives the same bytes (harmless, and what a retry or {@code rclone cryptcheck} relies on), but
     * encrypting <em>different</em> plaintext with a nonce already used under the same key reuses
     * keystream and exposes both plaintexts. So a retry that re-reads a source which may have
     * changed must take a new nonce.
     */
    public byte[] newNonce() {
        byte[] nonce = new byte[NONCE_SIZE];
        random.nextBytes(nonce);
        return nonce;
    }

    /** Reading the result yields the header and the sealed blocks of {@code plaintext}. */
    public InputStream encryptingStream(InputStream plaintext, byte[] nonce) {
        return new EncryptingInputStream(plaintext, header(nonce), crypto, nonce.clone(), parallelism);
    }

    /**
     * Plaintext written to the result reaches {@code sink} encrypted. {@code close()} seals the
     * last partial block, writes it and closes {@code sink}; it writes nothing more.
     */
    public OutputStream encryptingStream(OutputStream sink, byte[] nonce) {
        return new EncryptingOutputStream(sink, header(nonce), crypto, nonce.clone(), parallelism);
    }

    /**
     * Decrypts a whole crypt file; the header is read and checked on the first read.
     *
     * @param name the object's name, used only in error messages
     */
    public InputStream decryptingStream(InputStream ciphertext, String name) {
        return new DecryptingInputStream(ciphertext, crypto, null, 0, name, parallelism);
    }

    /**
     * Decrypts a range of a crypt file whose header was read separately.
     *
     * @param ciphertextFromBlock the ciphertext starting at {@link #blockOffset blockOffset(firstBlock)}
     * @param fileNonce the nonce from the file's header ({@link #readNonce})
     * @param firstBlock index of the block the stream starts at; the plaintext starts at
     *     {@code firstBlock × 65536}
     */
    public InputStream decryptingStream(InputStream ciphertextFromBlock, byte[] fileNonce, long firstBlock,
                                        String name) {
        if (firstBlock < 0) {
            throw new IllegalArgumentException("first block must be >= 0, was " + firstBlock);
        }
        return new DecryptingInputStream(ciphertextFromBlock, crypto, checkNonce(fileNonce).clone(), firstBlock,
                name, parallelism);
    }

    /**
     * Checks a file's header (length and magic) and returns its nonce (bytes 8..32).
     *
     * @param header at least the first 32 bytes of the file; only the first 32 are looked at
     * @throws IntegrityException if it is too short or has the wrong magic
     */
    public static byte[] readNonce(byte[] header, String name) {
        if (header.length < HEADER_SIZE) {
            throw CipherErrors.tooShort(name, header.length);
        }
        if (!Arrays.equals(header, 0, MAGIC_SIZE, MAGIC, 0, MAGIC_SIZE)) {
            throw CipherErrors.badMagic(name);
        }
        return Arrays.copyOfRange(header, MAGIC_SIZE, HEADER_SIZE);
    }

    private static byte[] header(byte[] nonce) {
        byte[] header = new byte[HEADER_SIZE];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC_SIZE);
        System.arraycopy(checkNonce(nonce), 0, header, MAGIC_SIZE, NONCE_SIZE);
        return header;
    }

    private static byte[] checkNonce(byte[] nonce) {
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length != NONCE_SIZE) {
            throw new IllegalArgumentException("nonce must be " + NONCE_SIZE + " bytes, was " + nonce.length);
        }
        return nonce;
    }

    @Override
    public String toString() {
        return "ContentCipher[parallelism=" + parallelism + "]";
    }
}
