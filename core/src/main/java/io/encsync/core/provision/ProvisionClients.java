package io.encsync.core.provision;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache.ProxyConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The three AWS clients provisioning needs, built for one region and optionally one endpoint
 * that serves S3, IAM and STS together (an emulator or S3-compatible server; path-style then).
 * Kept inside this package until the S3 store's shared client factory exists.
 */
public final class ProvisionClients implements AutoCloseable {
    private final S3Client s3;
    private final IamClient iam;
    private final StsClient sts;

    private ProvisionClients(S3Client s3, IamClient iam, StsClient sts) {
        this.s3 = s3;
        this.iam = iam;
        this.sts = sts;
    }

    /** Clients with the admin credentials of the default AWS chain (environment, profile, instance role). */
    public static ProvisionClients forRequest(ProvisionRequest request) {
        return create(request.region(), request.endpoint().orElse(null), DefaultCredentialsProvider.builder().build());
    }

    /** Clients for {@code region}; {@code endpoint} may be null (AWS). */
    public static ProvisionClients create(String region, URI endpoint, AwsCredentialsProvider credentials) {
        return create(region, endpoint, credentials, null);
    }

    /**
     * As {@link #create(String, URI, AwsCredentialsProvider)}, through {@code proxy} (null: none), for a
     * front end that captured a proxy elsewhere (a Jenkins controller's, applied on an agent).
     */
    public static ProvisionClients create(String region, URI endpoint, AwsCredentialsProvider credentials,
            ProxyConfiguration proxy) {
        Objects.requireNonNull(credentials, "credentials");
        Region r = Region.of(NameRules.region(region));
        URI e = NameRules.endpoint(endpoint);
        // No HTTP client is named: the SDK picks the one on the classpath (apache-client, from core's pom).
        var s3 = S3Client.builder().region(r).credentialsProvider(credentials);
        // IAM is a global service: on AWS it is signed for aws-global, on a single endpoint for the region given.
        var iam = IamClient.builder().region(e == null ? Region.AWS_GLOBAL : r).credentialsProvider(credentials);
        var sts = StsClient.builder().region(r).credentialsProvider(credentials);
        if (proxy != null) {
            s3.httpClientBuilder(ApacheHttpClient.builder().proxyConfiguration(proxy));
            iam.httpClientBuilder(ApacheHttpClient.builder().proxyConfiguration(proxy));
            sts.httpClientBuilder(ApacheHttpClient.builder().proxyConfiguration(proxy));
        }
        if (e != null) {
            s3.endpointOverride(e).forcePathStyle(true);
            iam.endpointOverride(e);
            sts.endpointOverride(e);
        }
        return new ProvisionClients(s3.build(), iam.build(), sts.build());
    }

    public S3Client s3() {
        return s3;
    }

    public IamClient iam() {
        return iam;
    }

    public StsClient sts() {
        return sts;
    }

    @Override
    public void close() {
        s3.close();
        iam.close();
        sts.close();
    }
}
