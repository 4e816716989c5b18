/**
 * encsync core: rclone-crypt compatible encryption, stores, sync, provisioning and encrypted
 * artifact storage.
 *
 * <p>Dependencies point one way, with no cycle: {@code keys} → {@code cipher}, {@code names};
 * {@code fs} → {@code store} (interface; local folder, in-memory, S3); all of these →
 * {@code sync} → {@code artifacts}. {@code provision} needs only {@code keys}; {@code rclone}
 * (an {@code rclone.conf} for stock rclone) needs {@code keys}, {@code names} and {@code store}.
 * {@code task}, the Jenkins plugin's entry, sits on top of {@code sync}, {@code provision} and
 * {@code artifacts}. Nothing here knows Jenkins or the CLI. This package holds only the error
 * types every layer shares.
 */
package io.encsync.core;
