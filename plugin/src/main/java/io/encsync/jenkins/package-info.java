/**
 * The Jenkins face of encsync: pipeline steps, freestyle build steps and a post-build action.
 *
 * <p>Thin by design. Classes here only map Jenkins types to core: credentials to
 * {@link io.encsync.core.keys.SecretBytes} and {@link io.encsync.core.task.AwsAuth}, the workspace
 * {@code FilePath} to a path string, the build log to a {@link io.encsync.core.task.TaskLog}. Every
 * decision, validation message and byte of I/O lives in {@code io.encsync.core.task} and runs on the
 * agent that holds the workspace. Nothing in core may depend on this package.
 */
package io.encsync.jenkins;
