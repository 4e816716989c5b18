/**
 * The Pipeline steps ({@code s3EncryptedPush}, {@code s3EncryptedPull}, {@code encryptDir},
 * {@code decryptDir}, {@code provisionPrivateBucket}). One shape per action: the step
 * ({@link io.encsync.jenkins.steps.TaskStep} and its subclasses) holds the fields, defaults, help
 * and form checks, and maps them to a core task; the freestyle build step and the post-build action
 * hold a step and render its form.
 */
package io.encsync.jenkins.steps;
