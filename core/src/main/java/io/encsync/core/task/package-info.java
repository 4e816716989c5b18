/**
 * The Jenkins plugin's entry into core: the tasks its steps and builders run, the plain-data
 * settings they are built from, and the opening of encrypted artifact storage on the controller.
 * Nothing here knows Jenkins; the plugin and the benchmark's {@code WarmRun} use this package, the
 * CLI does not.
 *
 * <ul>
 *   <li><b>Tasks</b> ({@link io.encsync.core.task.AgentTask}: {@link io.encsync.core.task.PushTask},
 *       {@link io.encsync.core.task.PullTask}, {@link io.encsync.core.task.EncryptDirTask},
 *       {@link io.encsync.core.task.DecryptDirTask}, {@link io.encsync.core.task.ProvisionTask}):
 *       serializable payloads that carry everything one front-end action needs (paths as strings,
 *       validated options, secrets in {@link io.encsync.core.keys.SecretBytes}). The controller
 *       builds a task and ships it to the agent that holds the workspace, where it runs and returns
 *       a {@link io.encsync.core.task.TaskResult}; a task must run the same in-process, in a
 *       separate JVM reading the payload from a file, or behind any remoting channel. Therefore
 *       every payload holds only JDK types, core value types and {@code SecretBytes}; never an SDK
 *       client, a credentials provider or a stream. {@link io.encsync.core.task.TaskWire} flattens
 *       the reply (or the failure) into JDK types for the controller's class filter;
 *       {@code Engines} is the only class that calls the sync and provisioning engines.
 *       {@link io.encsync.core.task.TaskLog}, {@link io.encsync.core.LogText},
 *       {@link io.encsync.core.task.CancellationSignal} and
 *       {@link io.encsync.core.task.WorkspacePath} are what a running task reports through, escapes
 *       names with, stops on and confines its folders with.</li>
 *   <li><b>Settings</b>: {@link io.encsync.core.task.S3Options} (bucket, prefix, region, endpoint),
 *       {@link io.encsync.core.task.SyncOptions}, {@link io.encsync.core.task.CryptConfig},
 *       {@link io.encsync.core.task.ProvisionSpec} and {@link io.encsync.core.task.ProvisionMode};
 *       how to reach AWS: {@link io.encsync.core.aws.S3Access}, {@link io.encsync.core.aws.AwsAuth}
 *       (turned into an SDK credentials provider, with a role session renewed, by
 *       {@code AgentCredentials} in the JVM that uses it) and
 *       {@link io.encsync.core.aws.ProxySettings}; and what provisioning hands back,
 *       {@link io.encsync.core.aws.IssuedKey}. Their builders hold the validation rules and
 *       messages of the plugin's step parameters; the plugin's form checks call them too.</li>
 *   <li><b>Artifact storage</b>: {@link io.encsync.core.task.ArtifactAccess} opens the controller's
 *       half of {@link io.encsync.core.artifacts} from the same {@code S3Access} and
 *       {@code CryptConfig}. It runs on the Jenkins controller, not on an agent; the agent's half
 *       of artifact storage is in {@code artifacts} and is not a task.</li>
 * </ul>
 *
 * <p>Depends on {@code keys}, {@code names}, {@code store} (local and S3), {@code sync},
 * {@code provision} and {@code artifacts}; nothing in core depends on this package.
 */
package io.encsync.core.task;

import io.encsync.core.LogText;
import io.encsync.core.aws.AgentCredentials;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.IssuedKey;
import io.encsync.core.aws.ProxySettings;
import io.encsync.core.aws.S3Access;
import io.encsync.core.sync.CryptConfig;
import io.encsync.core.sync.SyncOptions;
