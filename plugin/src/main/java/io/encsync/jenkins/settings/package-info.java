/**
 * The settings every action shares, as describables held by composition: where data lies in S3
 * ({@link io.encsync.jenkins.settings.S3Location}) and the rclone crypt remote
 * ({@link io.encsync.jenkins.settings.CryptRemote}). Each has one form, one help file per field and
 * one check per field, valid at job level and in the global configuration; each converts itself
 * to core's types in one method ({@code toCore}).
 */
package io.encsync.jenkins.settings;
