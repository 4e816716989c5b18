package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one bucket rule and the one endpoint rule: every front end (CLI, plugin forms and steps,
 * artifact storage, provisioning) gets these answers and these messages.
 */
class S3RulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "my-backups", "a.b.c", "123", "x23456789012345678901234567890123456789012345678901234567890123", "bucket.with-dash.9"})
    void validBucketNamesPass(String name) {
        assertThat(S3Rules.bucket(name)).isEqualTo(name);
        assertThat(S3Rules.bucketProblem(name)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ab| it must have 3 to 63 characters, had 2",
        "My_Bucket| only a-z, 0-9, '.' and '-'",
        "-abc| it must begin and end with a letter or digit",
        "abc.| it must begin and end with a letter or digit",
        "a..b| no two adjacent dots",
        "a.-b| no dot next to a hyphen",
        "a-.b| no dot next to a hyphen",
        "192.168.1.1| it must not look like an IP address",
        "xn--abc| it must not start with 'xn--' (reserved by AWS)",
        "sthree-x| it must not start with 'sthree-'",
        "data-s3alias| it must not end with '-s3alias'",
        "data--x-s3| it must not end with '--x-s3'",
    })
    void everyBucketRuleIsCheckedWithOneMessageShape(String name, String rule) {
        assertThatThrownBy(() -> S3Rules.bucket(name)).isInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessageStartingWith("bucket name '" + name + "' is not valid: ")
                .hasMessageContaining(rule)
                .hasMessageContaining("S3 bucket names are 3-63 lower-case letters, digits, dots and hyphens; choose e.g. '");
    }

    @Test
    void theBucketMessageSuggestsAValidName() {
        assertThat(S3Rules.bucketProblem("My_Bucket")).get().asString().endsWith("choose e.g. 'my-bucket'");
        assertThat(S3Rules.bucketProblem("x")).get().asString().endsWith("choose e.g. 'my-encsync-bucket'");
        assertThat(S3Rules.suggestBucket("Team..A.-B")).isEqualTo("team.a-b");
    }

    @Test
    void aMissingBucketSaysItMustBeSet() {
        assertThat(S3Rules.bucketProblem(null)).contains("bucket must be set (an S3 bucket name such as my-backups), was empty");
        assertThat(S3Rules.bucketProblem("  ")).contains("bucket must be set (an S3 bucket name such as my-backups), was empty");
    }

    @Test
    void theSameBucketRuleGuardsLocationsAndParsedRemotes() {
        String message = S3Rules.bucketProblem("My_Bucket").orElseThrow();
        assertThatThrownBy(() -> S3Location.of("My_Bucket", "")).hasMessage(message);
        assertThatThrownBy(() -> S3Location.parse("s3://My_Bucket/x")).hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({
        "https://s3.example.com, https://s3.example.com",
        "https://s3.example.com/, https://s3.example.com",
        "HTTP://127.0.0.1:9000, http://127.0.0.1:9000",
        "'  https://minio.local:9000  ', https://minio.local:9000",
        "http://[::1]:9000, http://[::1]:9000",
    })
    void anEndpointIsNormalisedToSchemeHostAndPort(String typed, String normalised) {
        assertThat(S3Rules.endpoint(typed)).isEqualTo(URI.create(normalised));
        assertThat(S3Rules.endpoint(URI.create(typed.strip()))).isEqualTo(URI.create(normalised));
    }

    @Test
    void noEndpointMeansAws() {
        assertThat(S3Rules.endpoint((String) null)).isNull();
        assertThat(S3Rules.endpoint("   ")).isNull();
        assertThat(S3Rules.endpoint((URI) null)).isNull();
        assertThat(S3Rules.endpointProblem("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://host", "s3.example.com", "https://", "https:///path", "https://host/bucket",
        "https://host?x=1", "https://host#frag", "https://host/%2e%2e", "not a url", "file:///etc/passwd",
        "javascript:alert(1)"})
    void anythingButSchemeHostAndPortIsRefusedWithOneMessage(String typed) {
        assertThat(S3Rules.endpointProblem(typed)).get().asString()
                .startsWith("endpoint must be an http(s) URL of only scheme, host and optional port, was '")
                .endsWith("' — write it like https://s3.example.com:9000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:hunter2@s3.example.com", "https://hunter2@s3.example.com",
        "http://AKIA:hunter2@127.0.0.1:9000/", "https://u:hunter2 x@host"})
    void anEndpointWithAPasswordIsRefusedWithoutRepeatingIt(String typed) {
        assertThat(S3Rules.endpointProblem(typed)).get().asString().contains("user name or password")
                .doesNotContain("hunter2");
    }

    @Test
    void anEndpointMessageEscapesControlCharacters() {
        assertThat(S3Rules.endpointProblem("https://host/\nFinished: SUCCESS")).get().asString().doesNotContain("\n");
    }

    @Test
    void settingsAndProvisioningUseTheSameEndpointRule() {
        assertThat(S3Settings.builder().endpoint(URI.create("https://s3.example.com/")).build().endpoint())
                .contains(URI.create("https://s3.example.com"));
        assertThatThrownBy(() -> S3Settings.builder().endpoint(URI.create("https://host/bucket")).build())
                .hasMessage(S3Rules.endpointProblem("https://host/bucket").orElseThrow());
    }
}
