/**
 * rclone crypt's file-content format: the 32-byte header, 64 KiB XSalsa20-Poly1305 blocks, size
 * arithmetic, and streams that encrypt and decrypt it (see {@code core/FORMAT.md}).
 *
 * <p>Layers, bottom up: {@code ChunkCrypto} seals and opens one block in
 * memory (no I/O); {@code BlockRing} runs blocks on worker threads in order with a bounded window,
 * on a pool whose size {@link io.encsync.core.cipher.ThreadBudget} shares with the busy transfers;
 * the stream classes only manage buffers and offsets; {@link io.encsync.core.cipher.ContentCipher}
 * is the public entry point.
 *
 * <p>Depends only on {@code io.encsync.core} (exceptions), {@code io.encsync.core.keys} and
 * BouncyCastle. It must not depend on names, stores, sync or anything that does I/O beyond the
 * streams it is handed.
 */
package io.encsync.core.cipher;
