package io.encsync.jenkins;

/** The fields of the provisioning step and build step, read by {@link Provisioning}. */
interface ProvisionInputs {
    String getBucket();

    String getRegion();

    String getAwsCredentialsId();

    String getUserName();

    String getUserPath();

    boolean isVersioning();

    boolean isTlsOnly();

    String getMode();

    boolean isForce();

    String getCredentialsIdForNewKey();

    String getEndpoint();
}
