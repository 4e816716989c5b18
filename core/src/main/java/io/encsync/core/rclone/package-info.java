/**
 * Writing an {@code rclone.conf} that lets stock rclone (1.60.1 and later) read and write what
 * encsync stores: a storage remote (S3 or a local folder) and a crypt remote over it with the same
 * name encryption and obscured passwords. This is the "restore without our tool" path.
 *
 * <p>Depends on {@code io.encsync.core.keys} (obscure) and {@code io.encsync.core.store.s3}
 * (location and settings); nothing depends on it except front ends.
 */
package io.encsync.core.rclone;
