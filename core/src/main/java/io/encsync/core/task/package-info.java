/**
 * Agent-side tasks: serializable payloads that carry everything one front-end action needs
 * (paths as strings, validated options, secrets in {@link io.encsync.core.keys.SecretBytes}) and
 * run it where the files are, returning a serializable {@link io.encsync.core.task.TaskResult}.
 *
 * <p>Built for the Jenkins plugin, whose controller builds a task and ships it to the agent that
 * holds the workspace, but nothing here knows Jenkins: a task must run the same in-process, in a
 * separate JVM reading the payload from a file, or behind any remoting channel. Therefore every
 * payload holds only JDK types, core value types and {@code SecretBytes}; never an SDK client, a
 * credentials provider or a stream. Every validation rule and user-facing message of the plugin's
 * steps lives here.
 *
 * <p>Depends on {@code keys}, {@code names}, {@code store} (local and S3), {@code sync} and
 * {@code provision}; nothing in core depends on this package.
 */
package io.encsync.core.task;
