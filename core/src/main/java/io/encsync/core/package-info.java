/**
 * encsync core: rclone-crypt compatible encryption, stores, sync, provisioning and encrypted
 * artifact storage.
 *
 * <p>Dependencies point one way, with no cycle: {@code keys} → {@code cipher}, {@code names};
 * {@code fs} → {@code store} (interface; local folder, in-memory, S3); all of these →
 * {@code sync} → {@code artifacts}. {@code provision} needs {@code keys} and the S3 naming rules
 * of {@code store.s3}; {@code aws} (credentials, roles, proxy, one bucket's access) sits beside
 * {@code store} and needs {@code keys} and {@code store.s3}; {@code artifacts} takes its proxy;
 * {@code rclone} (an {@code rclone.conf} for stock rclone) needs {@code keys}, {@code names} and
 * {@code store}. {@code task}, the agent seam of the Jenkins plugin, sits on top of {@code sync},
 * {@code provision}, {@code artifacts} and {@code aws}. Nothing here knows Jenkins or the CLI.
 * This package holds only the error types every layer shares and
 * {@link io.encsync.core.LogText}, which makes untrusted names safe to print.
 */
package io.encsync.core;
