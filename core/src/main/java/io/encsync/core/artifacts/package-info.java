/**
 * Encrypted artifact storage for CI (archive, stash, unstash, copy), without an AWS key on any
 * agent: the Jenkins-free core of the plugin's artifact manager. Files are encrypted in rclone
 * crypt format on the agent and go straight to S3 through presigned URLs; the controller, which
 * holds the AWS credentials and the password-derived keys, decides every object the agent may
 * write or read.
 *
 * <h2>Who holds what</h2>
 * <ul>
 *   <li><b>Controller</b> ({@link io.encsync.core.artifacts.ArtifactController}): AWS credentials,
 *       the password and everything derived from it (content key, name key and tweak, manifest
 *       key). Encrypts names, presigns requests, creates and completes multipart uploads, writes
 *       and verifies manifests, deletes sets.</li>
 *   <li><b>Agent</b> ({@link io.encsync.core.artifacts.ArtifactScan},
 *       {@link io.encsync.core.artifacts.PresignedUploader},
 *       {@link io.encsync.core.artifacts.PresignedDownloader}): gets the 32-byte content key and
 *       presigned URLs, nothing else — no AWS key, no password, no name key, no manifest key. With
 *       the content key an agent can read and write file contents of this password (it handles the
 *       plaintext anyway); it cannot forge a manifest, so it cannot make a reader accept content
 *       other than what the controller recorded. Uses only the JDK's HTTP client.</li>
 * </ul>
 *
 * <h2>Protocol</h2>
 * Archive: (1) agent {@code ArtifactScan.scan} → sizes and mtimes; (2) controller
 * {@code planUpload} → {@link io.encsync.core.artifacts.UploadPlan}; (3) agent
 * {@code PresignedUploader.upload} → reply; (4) controller {@code complete} (or {@code abort} when
 * step 3 never replied) → {@link io.encsync.core.artifacts.ArchiveResult}, whose generation the
 * caller records. Restore: controller {@code planDownload} → agent {@code PresignedDownloader.download}
 * → {@link io.encsync.core.artifacts.DownloadResult}. Files whose URL S3 refused as expired (403
 * {@code AccessDenied} "Request has expired", {@code ExpiredToken} when the controller's role
 * session ended) are marked so in the reply; the controller signs fresh URLs for exactly those
 * files of its own plan and sends them once more in a message of the same format
 * ({@code ArtifactController.upload}/{@code download} over an {@code AgentCall}), then merges the
 * two replies. Between the two sides travel only maps
 * whose values are {@code String}, {@code Long}, {@code Boolean}, {@code byte[]}, {@code List} and
 * {@code Map} — no class of ours — so they pass a class filter that admits {@code java.*} only,
 * and the controller parses every reply as untrusted input (keys, upload IDs and sizes always
 * come from its own plan).
 *
 * <p>Messages ({@code format} field first):
 * <pre>
 * scan            {format: "encsync-artifacts-scan-v1", files: [{path, source, size, mtimeNanos, mode}]}
 * upload plan     {format: "encsync-artifacts-upload-v1", set, contentKey: byte[32],
 *                  files: [{path, source, size, mtimeNanos, objectSize,
 *                           put: {url, headers, size} | parts: [{url, headers, size}]}]}
 * upload reply    {format: "encsync-artifacts-upload-reply-v1", bytes, retries,
 *                  files: [{path, ok: true, size, mtimeNanos, sha256, nonce, etags: [..]}
 *                        | {path, ok: false, category, error, expired?: true}]}
 * download plan   {format: "encsync-artifacts-download-v1", set, generation, contentKey: byte[32],
 *                  files: [{path, size, mtimeNanos, sha256, nonce, mode, objectSize, url}]}
 * download reply  {format: "encsync-artifacts-download-reply-v1", set, files, bytes, retries,
 *                  failures: [{path, category, message}], expired: [path, ..]}
 * proxy           {format: "encsync-artifacts-proxy-v1", host, port, user?, password?: byte[],
 *                  noProxy: [regex, ..]}   (beside an upload or download plan: {@link io.encsync.core.aws.ProxySettings})
 * </pre>
 * Sizes are plaintext bytes except {@code objectSize} (the crypt size), times nanoseconds since the
 * epoch, hashes and nonces lower-case hex, {@code mode} a file's permission bits (0 to 0777; the
 * scan's, recorded in the manifest and restored exactly by the downloader). Presigned URLs are capabilities until they expire
 * ({@link io.encsync.core.artifacts.ArtifactOptions#urlExpiry()}): messages never print them.
 * An upload URL is signed for its exact body size (and, for whole objects, content type and
 * rclone's mtime header), so S3 refuses any other body. Note: moto (5.2.1) does not check presigned
 * signatures at all — with authorization off it accepts any signature, with it on it answers 500
 * to every presigned request — so the tests here exercise the protocol, not S3's enforcement of it.
 *
 * <h2>Layout</h2>
 * {@code <prefix>/<job path>/<build number>-<storage id>/artifacts/} and
 * {@code <prefix>/<job path>/<build number>-<storage id>/stashes/<name>/} ({@link io.encsync.core.artifacts.ArtifactBuild};
 * builds recorded before storage ids have no {@code -<storage id>}),
 * each its own crypt root ({@link io.encsync.core.artifacts.ArtifactSet}): objects at
 * {@code root + encryptFileName(path)} (rclone's name encryption with the remote's settings), one
 * manifest at {@code root + .encsync-manifest}. A stock rclone crypt remote pointed at a root
 * restores that set byte-identical and never shows the manifest (no rclone name decoder accepts
 * its name). The prefix, job path, build number, storage id and stash names are not encrypted.
 * A set belongs to the build that wrote it: an archive merges only into the manifest of the
 * generation its build recorded ({@code planUpload(set, scan, previousGeneration)}), and deleting
 * needs S3 access only ({@link io.encsync.core.artifacts.ArtifactCleaner}).
 *
 * <h2>Integrity</h2>
 * One manifest per set, the format and sealing of {@link io.encsync.core.manifest.ManifestCodec}
 * (HMAC with the manifest key, inside a crypt stream), written last by the controller after it
 * checked every object's size, with a generation one higher on every archive into the set. A
 * reader refuses, naming the artifact: a missing object, one of another size (truncated,
 * replaced), one whose header nonce is not the recorded one (swapped, or an older build's object
 * of the same name), a block that fails authentication (flipped byte), a plaintext of another
 * size or SHA-256, a path unsafe to write, and — given the generation recorded at archive time —
 * a rolled-back manifest, and a manifest sealed for another set ({@code bound_to}: the set's
 * bucket and root, inside the MAC; a copy of another build's whole set is refused). Limits: the
 * manifest is symmetric (any password holder can forge one), rollback is only caught when the
 * caller keeps the generation outside the bucket, and a manifest written before sets were bound
 * is accepted unbound unless the set {@linkplain io.encsync.core.artifacts.ArtifactSet#requireBinding() requires a binding}.
 *
 * <p>Depends on {@code cipher}, {@code names} (through {@code manifest.CryptContext}), {@code fs},
 * {@code manifest} (manifest format and keys; never {@code sync}), {@code store.s3} (settings, clients, error
 * mapping) and {@code aws} (the proxy of presigned transfers). Nothing of Jenkins: the plugin's artifact manager must only move these maps between
 * controller and agent and log the results.
 */
package io.encsync.core.artifacts;
