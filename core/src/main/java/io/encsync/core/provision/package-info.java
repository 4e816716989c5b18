/**
 * Stateless, idempotent provisioning of one private bucket and one least-privilege IAM user with
 * an access key, in the spirit of {@code terraform plan/apply/destroy} but without a state file.
 *
 * <p>The flow is always: validate the {@link io.encsync.core.provision.ProvisionRequest} (before
 * any request is sent), compute the {@link io.encsync.core.provision.DesiredState} (a pure
 * function of the request), read what exists ({@code StateReader} → {@code ObservedState}),
 * compare ({@link io.encsync.core.provision.Planner} → {@link io.encsync.core.provision.ProvisionPlan}),
 * then act ({@code Applier} or {@code Destroyer}). Ownership is proven by the
 * {@code managed-by=encsync} tag: resources without it are neither adopted nor destroyed unless
 * the caller says so. The new secret key only ever leaves through
 * {@link io.encsync.core.provision.ProvisionResult#newAccessKey()}.
 *
 * <p>Depends on {@code io.encsync.core} (errors), {@code io.encsync.core.keys} (secret holder),
 * {@code io.encsync.core.store.s3.S3Rules} (the one bucket-name and endpoint rule), the AWS SDK
 * and Jackson. Must not depend on the stores themselves, the sync engine, the CLI or Jenkins.
 * {@link io.encsync.core.provision.ProvisionRequest} is serializable so an agent task can carry it.
 */
package io.encsync.core.provision;
