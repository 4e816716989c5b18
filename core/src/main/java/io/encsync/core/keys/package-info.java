/**
 * Key material: the secret holder, rclone's scrypt key derivation and rclone's config
 * "obscure" encoding. Depends on nothing else in core.
 */
package io.encsync.core.keys;
