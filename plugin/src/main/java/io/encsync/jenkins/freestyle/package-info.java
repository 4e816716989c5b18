/**
 * The freestyle build steps, each holding the Pipeline step of its action
 * ({@link io.encsync.jenkins.freestyle.TaskBuilder}), and the "Encrypted backup to S3" post-build
 * action, which holds an {@code s3EncryptedPush} step.
 */
package io.encsync.jenkins.freestyle;
