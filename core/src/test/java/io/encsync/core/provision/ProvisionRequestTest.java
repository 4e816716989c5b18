package io.encsync.core.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProvisionRequestTest {

    private static ProvisionRequest.Builder valid() {
        return ProvisionRequest.builder().bucket("my-bucket").region("eu-west-1");
    }

    @Test
    void defaultsFollowTheIssue() {
        ProvisionRequest r = valid().build();
        assertThat(r.userName()).isEqualTo("encsync-my-bucket");
        assertThat(r.userPath()).isEqualTo("/home/");
        assertThat(r.prefix()).isEmpty();
        assertThat(r.versioning()).isTrue();
        assertThat(r.tlsOnly()).isTrue();
        assertThat(r.kmsKeyId()).isEmpty();
        assertThat(r.endpoint()).isEmpty();
        assertThat(r.adopt() || r.rotateKey() || r.force()).isFalse();
    }

    @Test
    void badBucketNameSaysTheRuleAndSuggestsAName() {
        assertThatThrownBy(() -> valid().bucket("My_Bucket").build())
                .isInstanceOf(EncsyncException.class)
                .hasMessage("bucket name 'My_Bucket' is not valid: only a-z, 0-9, '.' and '-' — S3 bucket names are"
                        + " 3-63 lower-case letters, digits, dots and hyphens; choose e.g. 'my-bucket'")
                .extracting(e -> ((EncsyncException) e).category()).isEqualTo(ErrorCategory.USAGE);
    }

    @ParameterizedTest
    @CsvSource({
        "ab, 3 to 63 characters",
        "-abc, begin and end with a letter or digit",
        "abc., begin and end with a letter or digit",
        "a..b, no two adjacent dots",
        "192.168.1.1, IP address",
        "xn--abc, must not start with 'xn--'",
        "data-s3alias, must not end with '-s3alias'",
    })
    void everyBucketRuleIsChecked(String name, String rule) {
        assertThatThrownBy(() -> valid().bucket(name).build()).hasMessageContaining(rule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync user", "a/b", "ünïcode", "x!"})
    void badUserNamesAreRejected(String name) {
        assertThatThrownBy(() -> valid().userName(name).build()).isInstanceOf(EncsyncException.class)
                .hasMessageContaining("user name '" + name + "' is invalid").hasMessageContaining("--user");
    }

    @Test
    void aDefaultUserNameThatWouldBeTooLongAsksForOne() {
        String bucket = "b".repeat(60);
        assertThatThrownBy(() -> valid().bucket(bucket).build())
                .hasMessageContaining("default user name 'encsync-" + bucket + "'").hasMessageContaining("--user");
    }

    @ParameterizedTest
    @ValueSource(strings = {"home", "/home", "home/", "/ho me/"})
    void badPathsAreRejected(String path) {
        assertThatThrownBy(() -> valid().userPath(path).build()).isInstanceOf(EncsyncException.class)
                .hasMessageContaining("user path '" + path + "' is invalid").hasMessageContaining("starts and ends with '/'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/home/", "/ci/jobs/"})
    void goodPathsPass(String path) {
        assertThat(valid().userPath(path).build().userPath()).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EU-WEST-1", "europe", "eu_west_1", ""})
    void badRegionsAreRejected(String region) {
        assertThatThrownBy(() -> valid().region(region).build()).hasMessageContaining("region '" + region + "' is invalid");
    }

    @Test
    void prefixGetsItsTrailingSlashAndRejectsWildcardsAndTraversal() {
        assertThat(valid().prefix("jobs/nightly").build().prefix()).isEqualTo("jobs/nightly/");
        for (String bad : new String[] {"/jobs", "jobs//x", "jobs/*", "../x", "a/../b", "a b"}) {
            assertThatThrownBy(() -> valid().prefix(bad).build()).as(bad).hasMessageContaining("prefix '" + bad + "' is invalid");
        }
    }

    @Test
    void otherFieldsAreChecked() {
        assertThatThrownBy(() -> valid().noncurrentDays(0).build()).hasMessageContaining("noncurrent days must be between 1 and 36500, was 0");
        assertThatThrownBy(() -> valid().kmsKeyId("key with space").build()).hasMessageContaining("KMS key");
        assertThatThrownBy(() -> valid().endpoint(URI.create("ftp://host")).build()).hasMessageStartingWith("endpoint must be an http(s) URL of only scheme, host and optional port, was 'ftp://host'");
        assertThatThrownBy(() -> valid().kmsKeyId("alias/backup").build()).hasMessageContaining("pass the key's ARN");
        String arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        assertThat(valid().kmsKeyId(arn).build().kmsKeyId()).contains(arn);
    }
}
