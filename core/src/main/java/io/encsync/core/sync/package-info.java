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
 * <p>The manifest's format, sealing and keys are {@link io.encsync.core.manifest}'s.
 *
 * <p>Depends on {@code keys}, {@code cipher}, {@code names}, {@code manifest}, {@code store} and {@code fs}; must not
 * depend on a concrete store implementation, the CLI or Jenkins. Front ends call only
 * {@link io.encsync.core.sync.Push}, {@link io.encsync.core.sync.Pull} and
 * {@link io.encsync.core.sync.Check} with the value types of this package.
 */
package io.encsync.core.sync;
