package io.encsync.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session policy of a task's short-lived credentials, as the exact document STS receives. */
class SessionPolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SessionPolicy policy(String bucket, String prefix, SessionPolicy.Access access) {
        return SessionPolicy.of(new S3Access(S3Location.of(bucket, prefix), S3Settings.builder().region("eu-west-1").build(),
                AwsAuth.defaultChain(), null), access);
    }

    @Test
    void aPushMayListItsPrefixAndReadWriteAndDeleteOnlyKeysUnderIt() {
        assertThat(policy("team-bucket", "ci/nightly", SessionPolicy.Access.PUSH).json()).isEqualTo("""
                {"Version":"2012-10-17","Statement":[\
                {"Sid":"EncsyncList","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::team-bucket",\
                "Condition":{"StringLike":{"s3:prefix":"ci/nightly/*"}}},\
                {"Sid":"EncsyncStaleUploads","Effect":"Allow","Action":"s3:ListBucketMultipartUploads",\
                "Resource":"arn:aws:s3:::team-bucket"},\
                {"Sid":"EncsyncObjects","Effect":"Allow",\
                "Action":["s3:GetObject","s3:PutObject","s3:DeleteObject","s3:AbortMultipartUpload"],\
                "Resource":"arn:aws:s3:::team-bucket/ci/nightly/*"}]}""");
    }

    @Test
    void aPullAndAnyDryRunMayOnlyListAndRead() {
        String read = """
                {"Version":"2012-10-17","Statement":[\
                {"Sid":"EncsyncList","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::team-bucket",\
                "Condition":{"StringLike":{"s3:prefix":"ci/*"}}},\
                {"Sid":"EncsyncObjects","Effect":"Allow","Action":"s3:GetObject",\
                "Resource":"arn:aws:s3:::team-bucket/ci/*"}]}""";
        assertThat(policy("team-bucket", "ci", SessionPolicy.Access.READ).json()).isEqualTo(read);
        assertThat(SessionPolicy.Access.of(false, false)).isEqualTo(SessionPolicy.Access.READ);
        assertThat(SessionPolicy.Access.of(false, true)).isEqualTo(SessionPolicy.Access.READ);
        assertThat(SessionPolicy.Access.of(true, true)).as("a dry-run push writes nothing").isEqualTo(SessionPolicy.Access.READ);
        assertThat(SessionPolicy.Access.of(true, false)).isEqualTo(SessionPolicy.Access.PUSH);
    }

    @Test
    void anEmptyPrefixIsTheWholeBucketAndTheScopeSaysSo() {
        SessionPolicy whole = policy("team-bucket", "", SessionPolicy.Access.PUSH);
        assertThat(whole.json()).contains("\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::team-bucket\"},")
                .doesNotContain("Condition").contains("\"Resource\":\"arn:aws:s3:::team-bucket/*\"");
        assertThat(whole.scope()).isEqualTo("the whole bucket s3://team-bucket (read and write)");
        assertThat(policy("team-bucket", "/ci/nightly/", SessionPolicy.Access.READ).scope())
                .isEqualTo("s3://team-bucket/ci/nightly/ (read only)");
    }

    @Test
    void aPrefixDoesNotCoverItsLongerSiblings() throws Exception {
        // "team-a*" would also grant team-ab/...: the pattern ends at the folder's slash.
        JsonNode doc = JSON.readTree(policy("b-1", "team-a", SessionPolicy.Access.PUSH).json());
        assertThat(resources(doc)).containsExactly("arn:aws:s3:::b-1", "arn:aws:s3:::b-1", "arn:aws:s3:::b-1/team-a/*");
        assertThat(doc.at("/Statement/0/Condition/StringLike/s3:prefix").asText()).isEqualTo("team-a/*");
    }

    @Test
    void wildcardsAndDollarsInAPrefixAreLiteralsNotWildcards() throws Exception {
        // In an S3 key '*', '?' and '$' are plain characters; in an IAM ARN or StringLike '*' and '?'
        // match anything and '${' starts a variable. Written as is, prefix "a*" would grant "ab/...",
        // and "${aws:username}" would be the caller's name. IAM's fixed variables ${*} ${?} ${$} stand
        // for the characters themselves.
        JsonNode doc = JSON.readTree(policy("b-1", "a*/b?/${aws:username}", SessionPolicy.Access.READ).json());
        String keys = "a${*}/b${?}/${$}{aws:username}/";
        assertThat(resources(doc)).containsExactly("arn:aws:s3:::b-1", "arn:aws:s3:::b-1/" + keys + "*");
        assertThat(doc.at("/Statement/0/Condition/StringLike/s3:prefix").asText()).isEqualTo(keys + "*");
        assertThat(SessionPolicy.literal("plain/name-1.txt")).isEqualTo("plain/name-1.txt");
        assertThat(SessionPolicy.literal("**")).isEqualTo("${*}${*}");
    }

    @Test
    void quotesAndBackslashesInAPrefixStayInsideTheirJsonString() throws Exception {
        JsonNode doc = JSON.readTree(policy("b-1", "x\"},{\"Effect\":\"Allow\\", SessionPolicy.Access.READ).json());
        assertThat(doc.get("Statement")).hasSize(2);
        assertThat(resources(doc)).containsExactly("arn:aws:s3:::b-1", "arn:aws:s3:::b-1/x\"},{\"Effect\":\"Allow\\/*");
    }

    @Test
    void theArnPartitionFollowsTheRegion() {
        assertThat(SessionPolicy.of(new S3Access(S3Location.of("b-1", ""), S3Settings.builder().region("cn-north-1").build(),
                AwsAuth.defaultChain(), null), SessionPolicy.Access.READ)
                .json()).contains("arn:aws-cn:s3:::b-1").doesNotContain("arn:aws:");
        assertThat(SessionPolicy.partition("us-gov-west-1")).isEqualTo("aws-us-gov");
        assertThat(SessionPolicy.partition("")).isEqualTo("aws");
    }

    @Test
    void aVeryLongPrefixDoesNotFitInlineAndSaysSo() {
        assertThat(policy("b-1", "ci/nightly", SessionPolicy.Access.PUSH).fitsInline()).isTrue();
        SessionPolicy huge = policy("b-1", "x".repeat(1100), SessionPolicy.Access.PUSH);
        assertThat(huge.json().length()).isGreaterThan(SessionPolicy.MAX_LENGTH);
        assertThat(huge.fitsInline()).isFalse();
    }

    private static List<String> resources(JsonNode doc) {
        List<String> out = new ArrayList<>();
        doc.get("Statement").forEach(s -> out.add(s.get("Resource").asText()));
        return out;
    }
}
