package io.encsync.core.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.testing.MotoServer;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Acceptance 2: the provisioned key can do exactly what sync needs and nothing else, proven on a
 * private moto server with authorization switched on (threat model §5.2). Provisioning runs as an
 * "admin" user created first, because once enforcement is on, unknown keys are rejected.
 *
 * <p>Both buckets are provisioned with {@code tlsOnly(false)}: moto treats the TLS-only Deny's
 * condition as always true and would refuse every object request, even over its plain HTTP.
 * Listing is done without a prefix, because moto's signature check fails on percent-encoded
 * query strings (getmoto/moto#5948).
 */
class LeastPrivilegeTest {
    private static final String REGION = "eu-west-1";
    private static MotoServer moto;
    private static StaticCredentialsProvider admin;
    private static AccessKey wholeBucketKey;
    private static AccessKey prefixKey;
    private static final String BUCKET = "lp-sync-bucket";
    private static final String PREFIX_BUCKET = "lp-prefix-bucket";
    private static final String OTHER = "lp-other-bucket";

    @BeforeAll
    static void provisionThenEnforce() {
        moto = MotoServer.start();
        StaticCredentialsProvider bootstrap = StaticCredentialsProvider.create(AwsBasicCredentials.create("bootstrap", "bootstrap"));
        try (IamClient iam = iam(bootstrap)) {
            iam.createUser(r -> r.userName("admin"));
            iam.putUserPolicy(r -> r.userName("admin").policyName("all").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}"));
            var key = iam.createAccessKey(r -> r.userName("admin")).accessKey();
            admin = StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()));
        }
        try (ProvisionClients clients = ProvisionClients.create(REGION, moto.endpoint(), admin)) {
            Provisioner p = new Provisioner(clients);
            wholeBucketKey = p.apply(ProvisionRequest.builder().bucket(BUCKET).region(REGION).tlsOnly(false).build())
                    .newAccessKey().orElseThrow();
            prefixKey = p.apply(ProvisionRequest.builder().bucket(PREFIX_BUCKET).region(REGION).tlsOnly(false)
                    .prefix("jobs/nightly").build()).newAccessKey().orElseThrow();
            clients.s3().createBucket(r -> r.bucket(OTHER).createBucketConfiguration(c -> c.locationConstraint(REGION)));
            clients.s3().putObject(r -> r.bucket(OTHER).key("secret.txt"), RequestBody.fromString("not yours"));
        }
        moto.enforceAuthorization(true);
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.enforceAuthorization(false);
            moto.close();
        }
    }

    @Test
    void theKeyListsPutsGetsDeletesAndUploadsInPartsInItsBucket() {
        try (S3Client s3 = s3(wholeBucketKey)) {
            s3.putObject(r -> r.bucket(BUCKET).key("a.bin"), RequestBody.fromString("hello"));
            assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("a.bin")).asUtf8String()).isEqualTo("hello");
            assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET)).contents()).extracting(S3Object::key).contains("a.bin");
            assertThat(s3.getBucketLocation(r -> r.bucket(BUCKET)).locationConstraintAsString()).isEqualTo(REGION);
            s3.deleteObject(r -> r.bucket(BUCKET).key("a.bin"));

            String uploadId = s3.createMultipartUpload(r -> r.bucket(BUCKET).key("big.bin")).uploadId();
            UploadPartResponse part = s3.uploadPart(r -> r.bucket(BUCKET).key("big.bin").uploadId(uploadId).partNumber(1),
                    RequestBody.fromString("part one"));
            assertThat(s3.listParts(r -> r.bucket(BUCKET).key("big.bin").uploadId(uploadId)).parts()).hasSize(1);
            assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).hasSize(1);
            s3.completeMultipartUpload(r -> r.bucket(BUCKET).key("big.bin").uploadId(uploadId).multipartUpload(m -> m.parts(
                    CompletedPart.builder().partNumber(1).eTag(part.eTag()).checksumCRC32(part.checksumCRC32()).build())));
            assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("big.bin")).asUtf8String()).isEqualTo("part one");

            String abandoned = s3.createMultipartUpload(r -> r.bucket(BUCKET).key("killed.bin")).uploadId();
            s3.abortMultipartUpload(r -> r.bucket(BUCKET).key("killed.bin").uploadId(abandoned));
            assertThat(s3.listMultipartUploads(r -> r.bucket(BUCKET)).uploads()).isEmpty();
        }
    }

    @Test
    void theKeyIsDeniedEverythingElse() {
        try (S3Client s3 = s3(wholeBucketKey); IamClient iam = iam(credentials(wholeBucketKey))) {
            List<Executable> denied = List.of(
                    () -> s3.getObject(r -> r.bucket(OTHER).key("secret.txt")),
                    () -> s3.putObject(r -> r.bucket(OTHER).key("planted.txt"), RequestBody.fromString("x")),
                    () -> s3.deleteObject(r -> r.bucket(OTHER).key("secret.txt")),
                    () -> s3.listObjectsV2(r -> r.bucket(OTHER)),
                    () -> s3.createBucket(r -> r.bucket("lp-new-bucket").createBucketConfiguration(c -> c.locationConstraint(REGION))),
                    () -> s3.deleteBucket(r -> r.bucket(BUCKET)),
                    () -> s3.putBucketPolicy(r -> r.bucket(BUCKET).policy(PolicyDocuments.tlsOnlyBucketPolicy(BUCKET))),
                    () -> iam.listUsers(),
                    () -> iam.createUser(r -> r.userName("escalated")),
                    () -> iam.createAccessKey(r -> r.userName("admin")));
            for (Executable call : denied) {
                assertAccessDenied(call);
            }
        }
    }

    @Test
    void aPrefixKeyStaysUnderItsPrefix() {
        try (S3Client s3 = s3(prefixKey)) {
            s3.putObject(r -> r.bucket(PREFIX_BUCKET).key("jobs/nightly/a.bin"), RequestBody.fromString("in"));
            assertThat(s3.getObjectAsBytes(r -> r.bucket(PREFIX_BUCKET).key("jobs/nightly/a.bin")).asUtf8String()).isEqualTo("in");
            assertAccessDenied(() -> s3.putObject(r -> r.bucket(PREFIX_BUCKET).key("jobs/other/a.bin"), RequestBody.fromString("out")));
            // The trailing '/' of the prefix keeps a sibling with the same beginning out.
            assertAccessDenied(() -> s3.putObject(r -> r.bucket(PREFIX_BUCKET).key("jobs/nightly-evil/a.bin"), RequestBody.fromString("out")));
            assertAccessDenied(() -> s3.getObject(r -> r.bucket(BUCKET).key("big.bin")));
        }
    }

    @Test
    void provisioningWithTheSyncKeyFailsAsAnAccessError() {
        try (ProvisionClients clients = ProvisionClients.create(REGION, moto.endpoint(), credentials(wholeBucketKey))) {
            assertThatThrownBy(() -> new Provisioner(clients).plan(ProvisionRequest.builder().bucket("lp-elsewhere").region(REGION).build()))
                    .isInstanceOf(EncsyncException.class)
                    .satisfies(e -> {
                        assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.ACCESS);
                        assertThat(e.getMessage()).doesNotContain(wholeBucketKey.secretAccessKey().revealUtf8());
                    });
        }
    }

    /** A policy refusal, not a signature or credential failure (which would prove nothing). */
    private static void assertAccessDenied(Executable call) {
        assertThatThrownBy(call::execute).isInstanceOf(AwsServiceException.class).satisfies(e -> {
            AwsServiceException aws = (AwsServiceException) e;
            assertThat(aws.statusCode()).isEqualTo(403);
            // AwsCalls.code also reads moto's IAM errors, whose nesting the SDK's parser misses.
            assertThat(AwsCalls.code(aws)).as(aws.getMessage()).isEqualTo("AccessDenied");
        });
    }

    private static StaticCredentialsProvider credentials(AccessKey key) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey().revealUtf8()));
    }

    private static S3Client s3(AccessKey key) {
        return S3Client.builder().region(Region.of(REGION)).endpointOverride(moto.endpoint()).forcePathStyle(true)
                .credentialsProvider(credentials(key)).build();
    }

    private static IamClient iam(StaticCredentialsProvider credentials) {
        return IamClient.builder().region(Region.of(REGION)).endpointOverride(URI.create(moto.endpoint().toString()))
                .credentialsProvider(credentials).build();
    }
}
