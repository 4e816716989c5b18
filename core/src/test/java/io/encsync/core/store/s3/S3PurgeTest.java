package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.testing.MotoServer;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The one way core deletes everything under a prefix, against a real moto server. */
class S3PurgeTest {
    private URI endpoint;
    private String bucket;
    private S3Client admin;
    private final AtomicInteger deleteRequests = new AtomicInteger();
    private S3Client counted;

    @BeforeEach
    void setUp() {
        endpoint = MotoServer.shared().endpoint();
        bucket = MotoServer.newBucket(endpoint);
        admin = MotoServer.admin(endpoint);
        counted = MotoServer.admin(endpoint, new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof DeleteObjectsRequest) {
                    deleteRequests.incrementAndGet();
                }
            }
        });
    }

    @AfterEach
    void tearDown() {
        counted.close();
        admin.close();
    }

    @Test
    void deletesEveryObjectUnderThePrefixInBatchesAndAbortsItsUploadsButNothingBeside() {
        for (String key : List.of("set/a", "set/b", "set/c/d", "set/e", "set/f", "set/dir/", "setx/kept", "other/kept")) {
            admin.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        String open = admin.createMultipartUpload(r -> r.bucket(bucket).key("set/partial")).uploadId();
        String elsewhere = admin.createMultipartUpload(r -> r.bucket(bucket).key("other/partial")).uploadId();

        long deleted = new S3Purge(counted, bucket, "set/", S3Errors::map, 2).purge(S3Purge.Scope.OBJECTS, "run again");

        assertThat(deleted).as("five objects and the folder marker").isEqualTo(6);
        assertThat(deleteRequests).as("batches of 2").hasValue(3);
        assertThat(keys()).containsExactly("other/kept", "setx/kept");
        assertThat(admin.listMultipartUploads(r -> r.bucket(bucket)).uploads())
                .extracting(u -> u.uploadId()).containsExactly(elsewhere).doesNotContain(open);
        assertThat(S3Purge.under(counted, bucket, "set/").purge(S3Purge.Scope.OBJECTS, "run again"))
                .as("a second purge finds nothing").isZero();
    }

    @Test
    void abortingUploadsSparesTheOnesInProgressAndCountsTheOthers() {
        String mine = admin.createMultipartUpload(r -> r.bucket(bucket).key("v/mine")).uploadId();
        String left = admin.createMultipartUpload(r -> r.bucket(bucket).key("v/left")).uploadId();

        assertThat(S3Purge.under(admin, bucket, "v/").abortUploads(mine::equals)).isEqualTo(1);

        assertThat(admin.listMultipartUploads(r -> r.bucket(bucket)).uploads())
                .extracting(u -> u.uploadId()).containsExactly(mine).doesNotContain(left);
    }

    @Test
    void theVersionsScopeDeletesOldVersionsAndDeleteMarkersForGood() {
        admin.putBucketVersioning(r -> r.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        admin.putObject(r -> r.bucket(bucket).key("k1"), RequestBody.fromString("one"));
        admin.putObject(r -> r.bucket(bucket).key("k1"), RequestBody.fromString("two"));
        admin.putObject(r -> r.bucket(bucket).key("k2"), RequestBody.fromString("three"));
        admin.deleteObject(r -> r.bucket(bucket).key("k2"));

        long deleted = new S3Purge(counted, bucket, "", S3Errors::map, 2).purge(S3Purge.Scope.VERSIONS, "run again");

        assertThat(deleted).as("three versions and one delete marker").isEqualTo(4);
        var versions = admin.listObjectVersions(r -> r.bucket(bucket));
        assertThat(versions.versions()).isEmpty();
        assertThat(versions.deleteMarkers()).isEmpty();
    }

    @Test
    void anObjectS3RefusesToDeleteEndsThePurgeAfterItsBatchNamingItAndTheRemedy() {
        for (String key : List.of("a", "b", "kept", "z", "zz")) {
            admin.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString(key));
        }
        // As S3 answers for an object under Object Lock retention (moto answers 500 there): the
        // batch succeeds except for that key, which DeleteObjects lists as an error.
        try (S3Client refusing = MotoServer.admin(endpoint, new RefuseToDelete("kept"))) {
            assertThatThrownBy(() -> new S3Purge(refusing, bucket, "", S3Errors::map, 2)
                    .purge(S3Purge.Scope.OBJECTS, "check the retention"))
                    .isInstanceOf(EncsyncException.class)
                    .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.REMOTE))
                    .hasMessage("1 object(s) under s3://" + bucket + "/ could not be deleted, first 'kept': "
                            + "AccessDenied — check the retention");
        }
        assertThat(keys()).as("the batches before it and the rest of its batch are gone").containsExactly("kept", "zz");
    }

    /** Drops {@code key} from every DeleteObjects request and reports it refused, as S3 does. */
    private record RefuseToDelete(String key) implements ExecutionInterceptor {
        private static final ExecutionAttribute<Boolean> REFUSED = new ExecutionAttribute<>("encsync-test-refused");

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof DeleteObjectsRequest d
                    && d.delete().objects().stream().anyMatch(o -> o.key().equals(key))) {
                attributes.putAttribute(REFUSED, true);
                return d.toBuilder().delete(d.delete().toBuilder().objects(d.delete().objects().stream()
                        .filter(o -> !o.key().equals(key)).toList()).build()).build();
            }
            return context.request();
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.response() instanceof DeleteObjectsResponse r && Boolean.TRUE.equals(attributes.getAttribute(REFUSED))) {
                return r.toBuilder().errors(S3Error.builder().key(key).code("AccessDenied").message("Access Denied")
                        .build()).build();
            }
            return context.response();
        }
    }

    private List<String> keys() {
        return admin.listObjectsV2(r -> r.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }
}
