/**
 * Reaching AWS from any JVM, as plain data that can travel to an agent and back: who we are
 * ({@link io.encsync.core.aws.AwsAuth}: the default chain, static keys, a role to assume, or a
 * role session the controller assumed), turned into an SDK credentials provider in the JVM that
 * uses it ({@link io.encsync.core.aws.AgentCredentials}, renewing a role session); assuming a
 * role where the base keys are, so that only the session travels
 * ({@link io.encsync.core.aws.RoleSession}); the HTTP proxy
 * ({@link io.encsync.core.aws.ProxySettings}: one class for the SDK's clients, for tasks (Java
 * serialization) and for an agent's presigned artifact transfers (a map of JDK types, read
 * without the SDK)); one bucket's access ({@link io.encsync.core.aws.S3Access}: an
 * {@link io.encsync.core.store.s3.S3Location}, its {@link io.encsync.core.store.s3.S3Settings},
 * the auth and the proxy); the endpoints a controller may contact on a job's behalf
 * ({@link io.encsync.core.aws.ControllerEndpoints}); and the key provisioning issues
 * ({@link io.encsync.core.aws.IssuedKey}).
 *
 * <p>Secrets are {@link io.encsync.core.keys.SecretBytes}; no {@code toString} here prints one.
 * Messages are neutral: a front end words its own hints (the Jenkins plugin's live in its
 * {@code Messages.properties}).
 *
 * <p>Depends on {@code keys} and {@code store.s3} (settings, clients, error mapping, the endpoint
 * rule). Sits beside {@code store} and below {@code artifacts} (which takes the proxy) and
 * {@code task}; nothing here imports either.
 */
package io.encsync.core.aws;
