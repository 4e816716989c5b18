/**
 * The encrypted S3 artifact storage: the factory (Artifact Management for Builds), the manager
 * each build keeps with its {@link io.encsync.jenkins.artifacts.ArtifactPlace}, the virtual files
 * the build page reads, the agent calls of presigned transfers and the controller's shared S3
 * clients.
 */
package io.encsync.jenkins.artifacts;
