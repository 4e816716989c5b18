package io.encsync.core.manifest;

import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.keys.CryptKeys;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.names.NameCipher;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * The keys and ciphers of one remote, derived once (scrypt is deliberately slow) and shared by all
 * transfers of a run: the {@link NameCipher}, the {@link ContentCipher} and the manifest MAC key.
 * Thread-safe. {@link #close()} wipes the keys (the content cipher uses a JVM-wide
 * pool of daemon threads and needs no closing).
 *
 * <p>Key derivation starts in the background when the context is opened and the accessors wait
 * for it: scrypt costs a few hundred milliseconds in a fresh JVM, and a push or pull meanwhile
 * scans the local tree, which needs no key.
 *
 * <p>The manifest MAC key is {@code HKDF-SHA256(ikm = dataKey ‖ nameKey ‖ nameTweak (the 80 bytes of
 * scrypt output), salt = none, info = "encsync manifest hmac v1", 32 bytes)}: a distinct label so
 * that this key serves no other purpose, and derived from all of the key material so that only a
 * password (and password2) holder can compute it.
 */
public final class CryptContext implements AutoCloseable {
    static final byte[] MANIFEST_MAC_INFO = "encsync manifest hmac v1".getBytes(StandardCharsets.US_ASCII);

    private final CryptConfig config;
    private final CompletableFuture<Derived> derived;

    /** Everything that comes from the keys, built once derivation has finished. */
    private record Derived(CryptKeys keys, NameCipher names, ContentCipher content, SecretBytes manifestMacKey) {
        static Derived of(CryptConfig config, int cipherParallelism, SecureRandom random) {
            CryptKeys keys = CryptKeys.derive(config.password(), config.password2());
            return new Derived(keys,
                    NameCipher.create(keys, config.filenameEncryption(), config.filenameEncoding(), config.directoryNameEncryption()),
                    ContentCipher.create(keys.dataKey(), random, cipherParallelism),
                    deriveMacKey(keys));
        }

        @Override
        public String toString() {
            return "Derived[redacted]";
        }
    }

    private CryptContext(CryptConfig config, CompletableFuture<Derived> derived) {
        this.config = config;
        this.derived = derived;
    }

    /**
     * Derives the keys of {@code config}. {@code cipherParallelism} is the number of threads one
     * large file's blocks are encrypted or decrypted on (1 = on the calling thread).
     */
    public static CryptContext open(CryptConfig config, int cipherParallelism) {
        return open(config, cipherParallelism, new SecureRandom());
    }

    /** As {@link #open(CryptConfig, int)} with an injected random source (reproducible tests). */
    public static CryptContext open(CryptConfig config, int cipherParallelism, SecureRandom random) {
        if (cipherParallelism < 1) {
            throw new IllegalArgumentException("cipher parallelism must be >= 1, was " + cipherParallelism);
        }
        CompletableFuture<Derived> derived = new CompletableFuture<>();
        Thread worker = new Thread(() -> {
            try {
                derived.complete(Derived.of(config, cipherParallelism, random));
            } catch (RuntimeException | Error e) {
                derived.completeExceptionally(e);
            }
        }, "encsync-key-derivation");
        worker.setDaemon(true);
        worker.start();
        return new CryptContext(config, derived);
    }

    /** The derived keys and ciphers, waiting for the derivation if it is still running. */
    private Derived derived() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return derived.get();
                } catch (InterruptedException e) {
                    interrupted = true;     // derivation is short and uninterruptible: wait it out
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("key derivation failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public CryptConfig config() {
        return config;
    }

    public NameCipher names() {
        return derived().names();
    }

    public ContentCipher contentCipher() {
        return derived().content();
    }

    /**
     * A copy of the 32-byte content (data) key, for a process that only encrypts or decrypts file
     * contents and must get neither the password nor the name key nor the manifest key (an
     * artifact agent, see {@code io.encsync.core.artifacts}). The caller destroys it when done.
     */
    public SecretBytes contentKey() {
        return derived().keys().dataKey().slice(0, CryptKeys.DATA_KEY_LENGTH);
    }

    /** The raw keys, for tests that build hostile objects. */
    CryptKeys keys() {
        return derived().keys();
    }

    SecretBytes manifestMacKey() {
        return derived().manifestMacKey();
    }

    private static SecretBytes deriveMacKey(CryptKeys keys) {
        byte[] ikm = new byte[CryptKeys.DATA_KEY_LENGTH + CryptKeys.NAME_KEY_LENGTH + CryptKeys.NAME_TWEAK_LENGTH];
        byte[] d = keys.dataKey().reveal();
        byte[] n = keys.nameKey().reveal();
        byte[] t = keys.nameTweak().reveal();
        byte[] out = new byte[32];
        try {
            System.arraycopy(d, 0, ikm, 0, d.length);
            System.arraycopy(n, 0, ikm, d.length, n.length);
            System.arraycopy(t, 0, ikm, d.length + n.length, t.length);
            HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
            hkdf.init(new HKDFParameters(ikm, null, MANIFEST_MAC_INFO));
            hkdf.generateBytes(out, 0, out.length);
            return SecretBytes.copyOf(out);
        } finally {
            Arrays.fill(ikm, (byte) 0);
            Arrays.fill(d, (byte) 0);
            Arrays.fill(n, (byte) 0);
            Arrays.fill(t, (byte) 0);
            Arrays.fill(out, (byte) 0);
        }
    }

    @Override
    public void close() {
        Derived d;
        try {
            d = derived();
        } catch (RuntimeException failed) {
            return;   // nothing was derived, nothing to wipe
        }
        d.manifestMacKey().destroy();
        d.keys().close();
    }

    @Override
    public String toString() {
        return "CryptContext[" + config + "]";
    }
}
