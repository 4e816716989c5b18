/**
 * The S3 {@link io.encsync.core.store.Store}: any S3-compatible endpoint through the AWS SDK for
 * Java v2, writing objects exactly as rclone's S3 backend does ({@code X-Amz-Meta-Mtime}, an ETag
 * or {@code X-Amz-Meta-Md5chksum} that is the MD5 of the stored bytes) so stock rclone can read,
 * check and sync the same remote.
 *
 * <p>Retries (backoff with jitter, bounded in attempts and total time), resumable ranged
 * downloads, bounded-memory multipart uploads and the mapping of SDK errors to
 * {@link io.encsync.core.ErrorCategory} live here, and so do the one bucket-name rule and the one
 * endpoint rule of encsync ({@link io.encsync.core.store.s3.S3Rules}) and the S3 settings every
 * front end builds from typed text ({@link io.encsync.core.store.s3.S3Location#of},
 * {@link io.encsync.core.store.s3.S3Settings.Builder}: region, endpoint, addressing, storage class
 * of written objects). Depends only on {@code io.encsync.core} and {@code io.encsync.core.store};
 * it knows nothing of encryption, names or sync.
 */
package io.encsync.core.store.s3;
