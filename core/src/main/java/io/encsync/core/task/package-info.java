/**
 * The agent seam: one front-end action as a serializable task that runs the same in-process, in
 * a separate JVM or behind a remoting channel (a Jenkins agent), and returns only JDK types.
 * Nothing here knows Jenkins; the plugin and the benchmark's {@code WarmRun} use this package, the
 * CLI calls the engines directly.
 *
 * <ul>
 *   <li><b>Tasks</b> ({@link io.encsync.core.task.AgentTask}: {@link io.encsync.core.task.PushTask},
 *       {@link io.encsync.core.task.PullTask}, {@link io.encsync.core.task.EncryptDirTask},
 *       {@link io.encsync.core.task.DecryptDirTask}, {@link io.encsync.core.task.ProvisionTask}):
 *       payloads that carry the engine's own value types, validated where they were built
 *       ({@link io.encsync.core.manifest.CryptConfig}, {@link io.encsync.core.sync.SyncOptions},
 *       {@link io.encsync.core.provision.ProvisionRequest}, and {@link io.encsync.core.aws.S3Access}
 *       with its {@link io.encsync.core.store.s3.S3Location} and
 *       {@link io.encsync.core.store.s3.S3Settings}), paths as strings and secrets in
 *       {@link io.encsync.core.keys.SecretBytes}; never an SDK client, a credentials provider or a
 *       stream (the settings' provider and SDK proxy are transient).</li>
 *   <li><b>The wire</b>: {@link io.encsync.core.task.TaskWire} runs a task and flattens its
 *       {@link io.encsync.core.task.TaskResult} (or its failure: category and one line) into JDK
 *       types for the controller's class filter, and reads them back, checking every entry.</li>
 *   <li><b>The engines</b>: {@code Engines} is the only class here that calls the sync and
 *       provisioning engines; {@link io.encsync.core.task.TaskLog},
 *       {@link io.encsync.core.task.CancellationSignal} and
 *       {@link io.encsync.core.task.WorkspacePath} are what a running task reports through, stops
 *       on and confines its folders with.</li>
 *   <li><b>Artifact storage</b>: {@link io.encsync.core.task.ArtifactAccess} opens the controller's
 *       half of {@link io.encsync.core.artifacts} from the same {@code S3Access} and
 *       {@code CryptConfig}. It runs on the Jenkins controller; the agent's half of artifact
 *       storage is in {@code artifacts} and is not a task.</li>
 * </ul>
 *
 * <p>Depends on {@code keys}, {@code cipher}, {@code store} (local and S3), {@code sync},
 * {@code provision}, {@code artifacts} and {@code aws}; nothing in core depends on this package.
 */
package io.encsync.core.task;
