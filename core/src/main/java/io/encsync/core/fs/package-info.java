/**
 * Local file-system safety and scanning: validating untrusted relative paths ({@link
 * io.encsync.core.fs.PathRules}), writing them under a target without ever leaving it ({@link
 * io.encsync.core.fs.SafeTarget}), detecting names that collide on case-insensitive or
 * normalising file systems, and scanning a source folder with filters and a symlink policy
 * ({@link io.encsync.core.fs.LocalTree}).
 *
 * <p>Plain NIO, testable without any remote. Depends only on {@code io.encsync.core} (the error
 * types); must not depend on stores, ciphers or sync.
 */
package io.encsync.core.fs;
