/**
 * The Jenkins face of encsync: Pipeline steps, freestyle build steps, a post-build action, and
 * an artifact storage ({@link io.encsync.jenkins.EncryptedArtifactManagerFactory}) that keeps
 * archived artifacts and stashes encrypted in S3 over core's {@code artifacts} package.
 *
 * <p>Thin by design. Classes here only map Jenkins types to core: credentials to
 * {@link io.encsync.core.keys.SecretBytes} and {@link io.encsync.core.aws.AwsAuth}, the workspace
 * {@code FilePath} to a path string, the build log to a {@link io.encsync.core.task.TaskLog}. Every
 * validation message about the data and every byte of I/O lives in {@code io.encsync.core.task} and
 * runs on the agent that holds the workspace; what comes back is JDK types only
 * ({@link io.encsync.core.task.TaskWire}).
 *
 * <p>One shape per action: the Pipeline step ({@link io.encsync.jenkins.TaskStep} and its
 * subclasses) holds the fields, defaults, help and form checks; the freestyle build step
 * ({@link io.encsync.jenkins.TaskBuilder}) and the post-build action hold a step and render its
 * form. Nothing in core may depend on this package.
 */
package io.encsync.jenkins;

import io.encsync.core.aws.AwsAuth;
