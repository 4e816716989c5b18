package io.encsync.core.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.provision.Change.Kind;
import io.encsync.core.provision.Change.Target;
import io.encsync.core.testing.MotoServer;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.LifecycleRule;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;

/** Acceptance 1 and destroy, against the shared moto server (authorization off). */
class ProvisionerTest {
    private static final String REGION = "eu-west-1";
    private static ProvisionClients clients;
    private static S3Client s3;
    private static IamClient iam;

    @BeforeAll
    static void connect() {
        MotoServer moto = MotoServer.shared();
        clients = ProvisionClients.create(REGION, moto.endpoint(),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("admin-test-key", "admin-test-secret")));
        s3 = clients.s3();
        iam = clients.iam();
    }

    @AfterAll
    static void close() {
        clients.close();
    }

    private static ProvisionRequest.Builder request() {
        String bucket = "prov-" + UUID.randomUUID().toString().substring(0, 8);
        return ProvisionRequest.builder().bucket(bucket).region(REGION);
    }

    @Test
    void applyCreatesEverythingAsSpecifiedAndASecondApplyChangesNothing() {
        ProvisionRequest req = request().build();
        Provisioner p = new Provisioner(clients);
        ProvisionResult first = p.apply(req);
        String b = req.bucket();

        assertThat(first.newAccessKey()).isPresent();
        AccessKey key = first.newAccessKey().get();
        assertThat(key.toString()).doesNotContain(key.secretAccessKey().revealUtf8());

        PublicAccessBlockConfiguration bpa = s3.getPublicAccessBlock(r -> r.bucket(b)).publicAccessBlockConfiguration();
        assertThat(bpa.blockPublicAcls()).isTrue();
        assertThat(bpa.ignorePublicAcls()).isTrue();
        assertThat(bpa.blockPublicPolicy()).isTrue();
        assertThat(bpa.restrictPublicBuckets()).isTrue();
        assertThat(s3.getBucketOwnershipControls(r -> r.bucket(b)).ownershipControls().rules().get(0).objectOwnership())
                .isEqualTo(ObjectOwnership.BUCKET_OWNER_ENFORCED);
        assertThat(s3.getBucketEncryption(r -> r.bucket(b)).serverSideEncryptionConfiguration().rules().get(0)
                .applyServerSideEncryptionByDefault().sseAlgorithmAsString()).isEqualTo("AES256");
        assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        LifecycleRule rule = s3.getBucketLifecycleConfiguration(r -> r.bucket(b)).rules().get(0);
        assertThat(rule.noncurrentVersionExpiration().noncurrentDays()).isEqualTo(ProvisionRequest.DEFAULT_NONCURRENT_DAYS);
        assertThat(rule.abortIncompleteMultipartUpload().daysAfterInitiation()).isEqualTo(7);
        String bucketPolicy = s3.getBucketPolicy(r -> r.bucket(b)).policy();
        assertThat(bucketPolicy).contains("aws:SecureTransport").contains("Deny");
        assertThat(PolicyDocuments.sameMeaning(bucketPolicy, PolicyDocuments.tlsOnlyBucketPolicy(b))).isTrue();
        assertThat(s3.getBucketLocation(r -> r.bucket(b)).locationConstraintAsString()).isEqualTo(REGION);
        Map<String, String> bucketTags = s3.getBucketTagging(r -> r.bucket(b)).tagSet().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        assertThat(bucketTags).containsEntry("managed-by", "encsync");

        String user = "encsync-" + b;
        assertThat(iam.getUser(r -> r.userName(user)).user().path()).isEqualTo("/home/");
        assertThat(iam.listUserTags(r -> r.userName(user)).tags()).anyMatch(t -> t.key().equals("managed-by") && t.value().equals("encsync"));
        assertThat(iam.listUserPolicies(r -> r.userName(user)).policyNames()).containsExactly("encsync-" + b);
        String doc = iam.getUserPolicy(r -> r.userName(user).policyName("encsync-" + b)).policyDocument();
        assertThat(PolicyDocuments.actions(doc)).containsExactlyInAnyOrder("s3:ListBucket", "s3:GetBucketLocation",
                "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
                "s3:ListMultipartUploadParts", "s3:ListBucketMultipartUploads");
        assertThat(iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata()).hasSize(1);

        ProvisionResult second = p.apply(req);
        assertThat(second.changed()).as(second.plan().render()).isFalse();
        assertThat(second.newAccessKey()).isEmpty();
        assertThat(iam.listAccessKeys(r -> r.userName(user)).accessKeyMetadata()).hasSize(1);
    }

    @Test
    void planListsExactlyTheDriftAndApplyRepairsIt() {
        ProvisionRequest req = request().build();
        Provisioner p = new Provisioner(clients);
        p.apply(req);
        String b = req.bucket();
        String user = req.userName();
        s3.putPublicAccessBlock(r -> r.bucket(b).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)
                .ignorePublicAcls(true).blockPublicPolicy(false).restrictPublicBuckets(true)));
        String edited = PolicyDocuments.userPolicy(b, "").replace("\"s3:GetObject\"", "\"s3:GetObject\", \"s3:PutBucketPolicy\"");
        iam.putUserPolicy(r -> r.userName(user).policyName("encsync-" + b).policyDocument(edited));

        ProvisionPlan drift = p.plan(req);
        assertThat(drift.changes()).extracting(Change::kind, Change::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.UPDATE, Target.PUBLIC_ACCESS_BLOCK),
                org.assertj.core.groups.Tuple.tuple(Kind.UPDATE, Target.USER_POLICY));
        assertThat(drift.changes().get(0).detail()).isEqualTo("BlockPublicPolicy is off");
        assertThat(drift.changes().get(1).detail()).contains("grants extra s3:PutBucketPolicy");

        ProvisionResult repaired = p.apply(drift);
        assertThat(repaired.newAccessKey()).isEmpty();
        assertThat(s3.getPublicAccessBlock(r -> r.bucket(b)).publicAccessBlockConfiguration().blockPublicPolicy()).isTrue();
        assertThat(p.plan(req).hasChanges()).isFalse();
    }

    @Test
    void nonDefaultOptionsAreAppliedAndAlsoConverge() {
        String kms = "arn:aws:kms:eu-west-1:123456789012:key/0f3c1a2b-1111-2222-3333-444455556666";
        ProvisionRequest req = request().versioning(false).tlsOnly(false).kmsKeyId(kms).prefix("jobs/nightly")
                .userName("nightly-sync").userPath("/ci/sync/").build();
        Provisioner p = new Provisioner(clients);
        p.apply(req);
        String b = req.bucket();

        var sse = s3.getBucketEncryption(r -> r.bucket(b)).serverSideEncryptionConfiguration().rules().get(0)
                .applyServerSideEncryptionByDefault();
        assertThat(sse.sseAlgorithmAsString()).isEqualTo("aws:kms");
        assertThat(sse.kmsMasterKeyID()).isEqualTo(kms);
        assertThat(s3.getBucketVersioning(r -> r.bucket(b)).status()).isNull();
        assertThatThrownBy(() -> s3.getBucketPolicy(r -> r.bucket(b))).hasMessageContaining("bucket policy does not exist");
        assertThat(iam.getUser(r -> r.userName("nightly-sync")).user().path()).isEqualTo("/ci/sync/");
        String doc = iam.getUserPolicy(r -> r.userName("nightly-sync").policyName("encsync-" + b)).policyDocument();
        assertThat(PolicyDocuments.sameMeaning(doc, PolicyDocuments.userPolicy(b, "jobs/nightly/", kms))).isTrue();

        ProvisionPlan again = p.plan(req);
        assertThat(again.hasChanges()).as(again.render()).isFalse();
    }

    @Test
    void rotateKeyReplacesTheKeyAndKeepsOne() {
        ProvisionRequest req = request().build();
        Provisioner p = new Provisioner(clients);
        String oldId = p.apply(req).newAccessKey().orElseThrow().accessKeyId();
        ProvisionRequest rotate = ProvisionRequest.builder().bucket(req.bucket()).region(REGION).rotateKey(true).build();

        AccessKey fresh = p.apply(rotate).newAccessKey().orElseThrow();

        assertThat(fresh.accessKeyId()).isNotEqualTo(oldId);
        assertThat(iam.listAccessKeys(r -> r.userName(req.userName())).accessKeyMetadata())
                .extracting(k -> k.accessKeyId()).containsExactly(fresh.accessKeyId());
    }

    @Test
    void refusesToAdoptAnUntaggedBucketOrUserUnlessAsked() {
        ProvisionRequest req = request().build();
        s3.createBucket(r -> r.bucket(req.bucket()).createBucketConfiguration(c -> c.locationConstraint(REGION)));
        Provisioner p = new Provisioner(clients);

        assertThatThrownBy(() -> p.plan(req)).isInstanceOf(EncsyncException.class)
                .hasMessageContaining("bucket '" + req.bucket() + "' already exists but was not created by encsync")
                .hasMessageContaining("--adopt")
                .extracting(e -> ((EncsyncException) e).category()).isEqualTo(ErrorCategory.USAGE);
        assertThat(iam.listUsers().users()).noneMatch(u -> u.userName().equals(req.userName()));
        assertThatThrownBy(() -> p.destroy(req)).isInstanceOf(EncsyncException.class).hasMessageContaining("--adopt");

        ProvisionRequest adopt = ProvisionRequest.builder().bucket(req.bucket()).region(REGION).adopt(true).build();
        p.apply(adopt);
        assertThat(p.plan(req).hasChanges()).as("after adoption the bucket carries our tag").isFalse();
    }

    @Test
    void destroyNeedsForceForABucketWithVersionsThenRemovesEverythingAndRepeatsAsANoOp() {
        ProvisionRequest req = request().build();
        Provisioner p = new Provisioner(clients);
        p.apply(ProvisionRequest.builder().bucket(req.bucket()).region(REGION).tlsOnly(false).build());
        String b = req.bucket();
        s3.putObject(r -> r.bucket(b).key("a"), RequestBody.fromString("one"));
        s3.putObject(r -> r.bucket(b).key("a"), RequestBody.fromString("two"));
        s3.deleteObject(r -> r.bucket(b).key("a"));

        assertThatThrownBy(() -> p.destroy(req)).isInstanceOf(EncsyncException.class)
                .hasMessageContaining("still holds objects or old versions").hasMessageContaining("--force");
        assertThat(iam.getUser(r -> r.userName(req.userName())).user()).as("nothing deleted").isNotNull();

        ProvisionRequest force = ProvisionRequest.builder().bucket(b).region(REGION).force(true).build();
        ProvisionResult destroyed = p.destroy(force);
        assertThat(destroyed.changes()).extracting(Change::target).containsExactly(Target.ACCESS_KEY, Target.USER_POLICY,
                Target.USER, Target.BUCKET_CONTENTS, Target.BUCKET);
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket(b))).isInstanceOf(NoSuchBucketException.class);
        assertThatThrownBy(() -> iam.getUser(r -> r.userName(req.userName()))).isInstanceOf(NoSuchEntityException.class);

        ProvisionResult again = p.destroy(force);
        assertThat(again.changed()).isFalse();
        assertThat(again.plan().summary()).startsWith("Nothing to destroy");
    }
}
