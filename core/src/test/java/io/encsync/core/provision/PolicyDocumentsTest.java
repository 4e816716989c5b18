package io.encsync.core.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PolicyDocumentsTest {

    @Test
    void userPolicyGrantsExactlyTheSyncActions() {
        assertThat(PolicyDocuments.actions(PolicyDocuments.userPolicy("b", ""))).containsExactly(
                "s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetBucketLocation", "s3:GetObject",
                "s3:ListBucket", "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts", "s3:PutObject");
        String doc = PolicyDocuments.userPolicy("b", "");
        assertThat(doc).contains("\"arn:aws:s3:::b/*\"").doesNotContain("PutObjectAcl").doesNotContain("\"Deny\"");
    }

    @Test
    void aPrefixScopesObjectsAndListing() {
        String doc = PolicyDocuments.userPolicy("b", "jobs/x/");
        assertThat(doc).contains("\"arn:aws:s3:::b/jobs/x/*\"").contains("\"s3:prefix\"").contains("\"jobs/x/*\"");
        assertThat(PolicyDocuments.actions(doc)).hasSize(8);
    }

    @Test
    void sseKmsAddsExactlyTheTwoKmsActionsOnThatKey() {
        String arn = "arn:aws:kms:eu-west-1:123456789012:key/k-1";
        String doc = PolicyDocuments.userPolicy("b", "", arn);
        assertThat(PolicyDocuments.actions(doc)).hasSize(10).contains("kms:GenerateDataKey", "kms:Decrypt");
        assertThat(doc).contains("\"" + arn + "\"");
    }

    @Test
    void comparisonIgnoresFormattingOrderSidsSingleValuesAndUrlEncoding() {
        String ours = PolicyDocuments.tlsOnlyBucketPolicy("b");
        String reformatted = "{\"Statement\":{\"Condition\":{\"Bool\":{\"aws:SecureTransport\":[\"false\"]}},"
                + "\"Resource\":[\"arn:aws:s3:::b/*\",\"arn:aws:s3:::b\"],\"Action\":\"s3:*\",\"Principal\":\"*\","
                + "\"Effect\":\"Deny\",\"Sid\":\"Other\"},\"Version\":\"2012-10-17\"}";
        assertThat(PolicyDocuments.sameMeaning(ours, reformatted)).isTrue();
        String encoded = URLEncoder.encode(PolicyDocuments.userPolicy("b", ""), StandardCharsets.UTF_8);
        assertThat(PolicyDocuments.sameMeaning(PolicyDocuments.userPolicy("b", ""), encoded)).isTrue();
    }

    @Test
    void aChangedActionResourceOrEffectIsADifference() {
        String ours = PolicyDocuments.userPolicy("b", "");
        assertThat(PolicyDocuments.sameMeaning(ours, ours.replace("s3:GetObject", "s3:*"))).isFalse();
        assertThat(PolicyDocuments.sameMeaning(ours, ours.replace("arn:aws:s3:::b/*", "*"))).isFalse();
        assertThat(PolicyDocuments.sameMeaning(ours, PolicyDocuments.userPolicy("c", ""))).isFalse();
        assertThat(PolicyDocuments.describeDifference(ours, ours.replace("\"s3:GetObject\"", "\"s3:GetObject\",\"iam:*\"")))
                .isEqualTo("grants extra iam:*");
        assertThat(PolicyDocuments.describeDifference(ours, ours.replace("arn:aws:s3:::b/*", "*")))
                .isEqualTo("statements differ (resources, effects or conditions)");
    }
}
