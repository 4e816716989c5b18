/**
 * What makes a prefix a crypt root of ours: its keys and ciphers ({@link io.encsync.core.manifest.CryptConfig},
 * {@link io.encsync.core.manifest.CryptContext}) and its authenticated manifest
 * ({@link io.encsync.core.manifest.Manifest}, sealed by {@link io.encsync.core.manifest.ManifestCodec}, read
 * and written through any {@link io.encsync.core.store.Store} by {@link io.encsync.core.manifest.ManifestStore}).
 * The sync engine (a pushed folder) and the artifact storage (one root per artifact set) both build
 * on it.
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
 * <p>Depends on {@code keys}, {@code cipher}, {@code names}, {@code fs} and the {@code store}
 * interface; must not depend on {@code sync}, {@code artifacts}, a concrete store, the CLI or Jenkins.
 */
package io.encsync.core.manifest;
