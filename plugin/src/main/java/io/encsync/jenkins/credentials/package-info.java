/**
 * Credential ids resolved in a run's context (or the global store for global settings), the
 * credential drop-downs and checks, and the credential provisioning stores an issued key in.
 */
package io.encsync.jenkins.credentials;
