/**
 * The S3 {@link io.encsync.core.store.Store}: any S3-compatible endpoint through the AWS SDK for
 * Java v2, writing objects exactly as rclone's S3 backend does ({@code X-Amz-Meta-Mtime}, an ETag
 * or {@code X-Amz-Meta-Md5chksum} that is the MD5 of the stored bytes) so stock rclone can read,
 * check and sync the same remote.
 *
 * <p>Retries (one {@link io.encsync.core.store.s3.RetryPolicy}, backoff with jitter, bounded in
 * attempts and total time; the agents' presigned transfers follow the same policy without the
 * SDK), resumable ranged downloads, bounded-memory multipart uploads, the deletion of everything
 * under a prefix ({@link io.encsync.core.store.s3.S3Purge}) and the mapping of SDK errors to
 * {@link io.encsync.core.ErrorCategory} live here. One {@link io.encsync.core.store.s3.S3Connection}
 * (client, retry count, part buffers, upload threads) serves any number of stores at other
 * prefixes ({@link io.encsync.core.store.s3.S3Store#at}). So do the one bucket-name rule and the one
 * endpoint rule of encsync ({@link io.encsync.core.store.s3.S3Rules}) and the S3 settings every
 * front end builds from typed text ({@link io.encsync.core.store.s3.S3Location#of},
 * {@link io.encsync.core.store.s3.S3Settings.Builder}: region, endpoint, addressing, storage class
 * of written objects). Depends only on {@code io.encsync.core} and {@code io.encsync.core.store};
 * it knows nothing of encryption, names or sync.
 */
package io.encsync.core.store.s3;
