package io.encsync.core.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.provision.Change.Kind;
import io.encsync.core.provision.Change.Target;
import io.encsync.core.provision.ObservedState.AccessKeyInfo;
import io.encsync.core.provision.ObservedState.Bucket;
import io.encsync.core.provision.ObservedState.PublicAccessBlock;
import io.encsync.core.provision.ObservedState.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The planner on plain values: every drift case without a server. */
class PlannerTest {
    private static final ProvisionRequest REQUEST = ProvisionRequest.builder().bucket("b-1").region("eu-west-1").build();
    private static final DesiredState DESIRED = DesiredState.of(REQUEST);
    private static final AccessKeyInfo KEY = new AccessKeyInfo("AKIA1", Instant.parse("2026-01-01T00:00:00Z"), "Active");

    /** What a finished apply leaves behind. */
    private static Bucket converged() {
        return new Bucket(true, "eu-west-1", DESIRED.bucketTags(), PublicAccessBlock.ALL_ON, "BucketOwnerEnforced",
                DesiredState.Encryption.SSE_S3, "Enabled", DESIRED.lifecycle(), List.of(), DESIRED.bucketPolicy().orElseThrow(), false);
    }

    private static User convergedUser(List<AccessKeyInfo> keys) {
        return new User(true, "arn:aws:iam::1:user/home/encsync-b-1", "/home/", DESIRED.userTags(),
                Map.of(DESIRED.userPolicyName(), DESIRED.userPolicy()), List.of(), keys);
    }

    @Test
    void nothingExistsSoEverythingIsCreatedInOrder() {
        ProvisionPlan plan = Planner.plan(DESIRED, new ObservedState(Bucket.absent(), User.absent()));
        assertThat(plan.changes()).extracting(Change::target).containsExactly(Target.BUCKET, Target.BUCKET_TAGS,
                Target.PUBLIC_ACCESS_BLOCK, Target.OWNERSHIP, Target.ENCRYPTION, Target.VERSIONING, Target.LIFECYCLE,
                Target.BUCKET_POLICY, Target.USER, Target.USER_POLICY, Target.ACCESS_KEY);
        assertThat(plan.changes()).allMatch(c -> c.kind() == Kind.CREATE);
        assertThat(plan.createsAccessKey()).isTrue();
        assertThat(plan.render()).contains("+ create bucket 'b-1' in eu-west-1").endsWith("Plan: 11 to create, 0 to update, 0 to delete.\n");
    }

    @Test
    void convergedStateHasNoChanges() {
        ProvisionPlan plan = Planner.plan(DESIRED, new ObservedState(converged(), convergedUser(List.of(KEY))));
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.summary()).startsWith("No changes");
    }

    @Test
    void everyKindOfBucketDriftIsReportedWithItsDetail() {
        Bucket drifted = new Bucket(true, "eu-west-1", Map.of("managed-by", "encsync"),
                new PublicAccessBlock(false, true, true, false), "ObjectWriter", new DesiredState.Encryption("aws:kms", "k"),
                "Suspended", new DesiredState.LifecycleSpec(DesiredState.LIFECYCLE_RULE_ID, 90, 7, true), List.of(),
                "{\"Version\":\"2012-10-17\",\"Statement\":[]}", false);
        ProvisionPlan plan = Planner.plan(DESIRED, new ObservedState(drifted, convergedUser(List.of(KEY))));
        assertThat(plan.changes()).allMatch(c -> c.kind() == Kind.UPDATE);
        assertThat(plan.changes()).extracting(Change::detail).containsExactly(
                "tags are managed-by=encsync",
                "BlockPublicAcls, RestrictPublicBuckets are off",
                "is ObjectWriter",
                "is SSE-KMS with key k",
                "is Suspended",
                "is: noncurrent versions expire after 90 days, unfinished uploads aborted after 7 days",
                "the bucket policy was changed");
    }

    @Test
    void foreignPoliciesAreRemovedAndKeysAreRotatedOnlyWhenAsked() {
        User extra = new User(true, "arn", "/other/", Map.of("managed-by", "encsync", "team", "x"),
                Map.of(DESIRED.userPolicyName(), DESIRED.userPolicy(), "admin-ish", "{}", "encsync-other-bucket", "{}"),
                List.of("arn:aws:iam::aws:policy/AdministratorAccess"), List.of(KEY));
        ProvisionPlan plan = Planner.plan(DESIRED, new ObservedState(converged(), extra));
        assertThat(plan.changes()).extracting(Change::target, Change::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Target.USER_PATH, ""),
                org.assertj.core.groups.Tuple.tuple(Target.USER_TAGS, ""),
                org.assertj.core.groups.Tuple.tuple(Target.FOREIGN_USER_POLICY, "admin-ish"),
                org.assertj.core.groups.Tuple.tuple(Target.ATTACHED_POLICY, "arn:aws:iam::aws:policy/AdministratorAccess"));
        assertThat(plan.createsAccessKey()).isFalse();
    }

    @Test
    void rotationAtTheTwoKeyLimitDeletesTheOldestFirst() {
        AccessKeyInfo newer = new AccessKeyInfo("AKIA2", Instant.parse("2026-02-01T00:00:00Z"), "Active");
        ProvisionRequest rotate = ProvisionRequest.builder().bucket("b-1").region("eu-west-1").rotateKey(true).build();
        ProvisionPlan plan = Planner.plan(DesiredState.of(rotate), new ObservedState(converged(), convergedUser(List.of(KEY, newer))));
        assertThat(plan.changes()).extracting(Change::kind, Change::subject).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.DELETE, "AKIA1"),
                org.assertj.core.groups.Tuple.tuple(Kind.CREATE, ""),
                org.assertj.core.groups.Tuple.tuple(Kind.DELETE, "AKIA2"));
    }

    @Test
    void versioningOffSuspendsAnEnabledBucketAndDropsOurTlsPolicyButNoOtherPolicy() {
        ProvisionRequest off = ProvisionRequest.builder().bucket("b-1").region("eu-west-1").versioning(false).tlsOnly(false).build();
        DesiredState d = DesiredState.of(off);
        ProvisionPlan plan = Planner.plan(d, new ObservedState(converged(), convergedUser(List.of(KEY))));
        assertThat(plan.changes()).extracting(Change::target, Change::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Target.VERSIONING, Kind.UPDATE),
                org.assertj.core.groups.Tuple.tuple(Target.LIFECYCLE, Kind.UPDATE),
                org.assertj.core.groups.Tuple.tuple(Target.BUCKET_POLICY, Kind.DELETE));
        Bucket foreignPolicy = new Bucket(true, "eu-west-1", d.bucketTags(), PublicAccessBlock.ALL_ON, "BucketOwnerEnforced",
                DesiredState.Encryption.SSE_S3, "Suspended", d.lifecycle(), List.of(), "{\"Statement\":[]}", false);
        assertThat(Planner.plan(d, new ObservedState(foreignPolicy, convergedUser(List.of(KEY)))).changes()).isEmpty();
    }

    @Test
    void refusesForeignResourcesAndWrongRegion() {
        Bucket untagged = new Bucket(true, "eu-west-1", Map.of(), null, null, null, null, null, List.of(), null, false);
        assertThatThrownBy(() -> Planner.plan(DESIRED, new ObservedState(untagged, User.absent())))
                .hasMessageContaining("not created by encsync").hasMessageContaining("--adopt");
        User foreign = new User(true, "arn", "/", Map.of(), Map.of(), List.of(), List.of());
        assertThatThrownBy(() -> Planner.planDestroy(DESIRED, new ObservedState(Bucket.absent(), foreign)))
                .hasMessageContaining("IAM user 'encsync-b-1' already exists but was not created by encsync");
        Bucket elsewhere = new Bucket(true, "us-east-2", DESIRED.bucketTags(), null, null, null, null, null, List.of(), null, false);
        assertThatThrownBy(() -> Planner.plan(DESIRED, new ObservedState(elsewhere, User.absent())))
                .hasMessageContaining("is in region us-east-2, not eu-west-1").hasMessageContaining("--region us-east-2");
    }

    @Test
    void destroyOrderIsKeysPoliciesUserContentsBucket() {
        Bucket full = new Bucket(true, "eu-west-1", DESIRED.bucketTags(), null, null, null, null, null, List.of(), null, true);
        assertThatThrownBy(() -> Planner.planDestroy(DESIRED, new ObservedState(full, convergedUser(List.of(KEY)))))
                .hasMessageContaining("nothing was deleted").hasMessageContaining("--force");
        ProvisionRequest force = ProvisionRequest.builder().bucket("b-1").region("eu-west-1").force(true).build();
        ProvisionPlan plan = Planner.planDestroy(DesiredState.of(force), new ObservedState(full, convergedUser(List.of(KEY))));
        assertThat(plan.changes()).extracting(Change::target).containsExactly(Target.ACCESS_KEY, Target.USER_POLICY,
                Target.USER, Target.BUCKET_CONTENTS, Target.BUCKET);
        assertThat(plan.changes()).allMatch(c -> c.kind() == Kind.DELETE);
    }
}
