/**
 * encsync core: rclone-crypt compatible encryption, stores, sync and provisioning.
 *
 * <p>Dependencies point one way: {@code keys} → {@code cipher}, {@code names} → {@code store}
 * (interface; local folder, in-memory, S3) → {@code sync}, {@code provision}. Nothing here knows
 * Jenkins or the CLI. This package holds only the error types every layer shares.
 */
package io.encsync.core;
