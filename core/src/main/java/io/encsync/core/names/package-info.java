/**
 * rclone crypt's file and directory name encryption, byte-for-byte: {@code standard} (AES-256 EME
 * with PKCS#7 padding, encoded as base32, base64 or base32768), {@code obfuscate} and {@code off},
 * including rclone's version-suffix quirk. {@link io.encsync.core.names.NameCipher} is the entry
 * point; the other classes are its small, separately tested parts.
 *
 * <p>Decryption is strict and canonical: a name decrypts only if encrypting the result gives back
 * exactly the same text, so case variants, trailing-bit variants and other aliases of one name are
 * refused instead of colliding. Path <em>safety</em> ({@code ..}, control characters) is not judged
 * here; the sync layer applies its own rules to what this package returns.
 *
 * <p>Depends only on {@code io.encsync.core} (error types), {@code io.encsync.core.keys} and the
 * JDK. Must not depend on stores, sync, the CLI or Jenkins.
 */
package io.encsync.core.names;
