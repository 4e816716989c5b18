/**
 * The sync engine: push a local folder to a {@link io.encsync.core.store.Store}, pull it back, and
 * check one against the other, all in rclone's crypt format plus an authenticated manifest.
 *
 * <p>Sync compares, then acts: {@link io.encsync.core.sync.Planner} pairs two listings (plain value
 * tables) into an immutable {@link io.encsync.core.sync.Plan}; {@link io.encsync.core.sync.Transfers}
 * applies it with a bounded pool of workers; a dry run only shows the plan. The
 * {@link io.encsync.core.manifest.Manifest} is written last by every push and closes the gaps the
 * crypt format leaves open (truncation at a block boundary, swapped, replayed, deleted or injected
 * files), which pull and check verify before trusting anything.
 *
 * <h2>The manifest (what {@code core/FORMAT.md} refers to)</h2>
 * <ul>
 *   <li>Key: {@code .encsync-manifest} at the root of the remote. No rclone name decoder accepts it
 *       in any mode, so rclone skips it at DEBUG level: {@code rclone ls/copy} show only user files.</li>
 *   <li>Object: an ordinary crypt content stream (fresh nonce, data key) of
 *       {@code json ‖ HMAC-SHA-256(K_mac, uint64be(len(json)) ‖ json)}, where
 *       {@code K_mac = HKDF-SHA256(dataKey ‖ nameKey ‖ nameTweak, no salt, "encsync manifest hmac v1")}.
 *       The MAC makes truncation at a block boundary and forgery without the password detectable.</li>
 *   <li>JSON, canonical (sorted keys, no spaces): {@code version} (1), {@code format}
 *       ("encsync-manifest"), {@code repository} (random 128-bit hex id, kept across pushes),
 *       {@code generation} (1 for the first push, +1 for each push that changes the file set),
 *       {@code created} (ISO-8601), {@code files}: sorted by path, each {@code path} (plaintext,
 *       {@code /}-separated), {@code size}, {@code mtime_ns}, {@code sha256} (plaintext, hex) and
 *       {@code nonce} (the 24 header bytes of its object, hex) and {@code mode} (permission bits,
 *       0644 when absent); for artifact sets only, {@code bound_to} (the set's place, checked on
 *       every read). Both were added without a new version; readers ignore unknown fields.</li>
 *   <li>Block 0 failing to authenticate means a wrong password — unless the object names decrypt
 *       with the same keys, which proves the password and makes it a corrupt manifest.</li>
 * </ul>
 *
 * <p>Depends on {@code keys}, {@code cipher}, {@code names}, {@code store} and {@code fs}; must not
 * depend on a concrete store implementation, the CLI or Jenkins. Front ends call only
 * {@link io.encsync.core.sync.Push}, {@link io.encsync.core.sync.Pull} and
 * {@link io.encsync.core.sync.Check} with the value types of this package.
 */
package io.encsync.core.sync;
