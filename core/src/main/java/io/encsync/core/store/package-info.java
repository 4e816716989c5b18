/**
 * The {@link io.encsync.core.store.Store} abstraction and its implementations: a local folder
 * (the embedded default), memory (tests) and S3 ({@code store.s3}). Stores move opaque bytes;
 * they know nothing of encryption. Depends only on {@code io.encsync.core} and its {@code fs}
 * package (safe local writes).
 */
package io.encsync.core.store;
