/**
 * The Jenkins face of encsync: Pipeline steps, freestyle build steps, a post-build action, and
 * an artifact storage that keeps archived artifacts and stashes encrypted in S3 over core's
 * {@code artifacts} package. Packages by role:
 * <ul>
 * <li>{@link io.encsync.jenkins.steps}: the Pipeline steps; each holds its action's fields and
 * maps them to a core task;</li>
 * <li>{@link io.encsync.jenkins.freestyle}: the freestyle build steps and the backup post-build
 * action, each holding a step and rendering its form;</li>
 * <li>{@link io.encsync.jenkins.artifacts}: the artifact storage (factory, manager, virtual files,
 * what a build keeps of the storage);</li>
 * <li>{@link io.encsync.jenkins.settings}: the describable settings every holder shares (an S3
 * location with its credential, a crypt remote with its passwords), each with one form, help and
 * set of checks;</li>
 * <li>{@link io.encsync.jenkins.credentials}: resolving credential ids, storing issued keys;</li>
 * <li>{@link io.encsync.jenkins.support}: what they share (the run context, the agent callable,
 * form checks, failures, proxies, Messages);</li>
 * <li>this package: the global settings ({@link io.encsync.jenkins.EncsyncConfiguration}, whose
 * file name is its class name);</li>
 * <li>{@link io.encsync.jenkins.compat}: the aliases that let XML written before the split load
 * ({@link io.encsync.jenkins.compat.LegacyClassNames}); it names every other package's classes and
 * nothing depends on it.</li>
 * </ul>
 *
 * <p>Thin by design. Classes here only map Jenkins types to core: credentials to
 * {@link io.encsync.core.keys.SecretBytes} and {@link io.encsync.core.aws.AwsAuth}, the workspace
 * {@code FilePath} to a path string, the build log to a {@link io.encsync.core.task.TaskLog}. Every
 * validation message about the data and every byte of I/O lives in {@code io.encsync.core.task} and
 * runs on the agent that holds the workspace; what comes back is JDK types only
 * ({@link io.encsync.core.task.TaskWire}).
 *
 * <p>Only the describables and extensions are API: every other public class or member carries
 * {@code @Restricted(NoExternalUse.class)}. Nothing in core may depend on this plugin.
 */
package io.encsync.jenkins;

import io.encsync.core.aws.AwsAuth;
