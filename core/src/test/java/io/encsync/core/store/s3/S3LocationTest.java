package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3LocationTest {

    @ParameterizedTest
    @CsvSource({
        "s3://bucket,              bucket, '',      s3://bucket",
        "s3://bucket/,             bucket, '',      s3://bucket",
        "s3://my.bucket-1/a,       my.bucket-1, a,  s3://my.bucket-1/a",
        "s3://bucket/a/b/,         bucket, a/b,     s3://bucket/a/b",
    })
    void parses(String remote, String bucket, String prefix, String printed) {
        S3Location location = S3Location.parse(remote);
        assertThat(location).isEqualTo(new S3Location(bucket, prefix));
        assertThat(location.toString()).isEqualTo(printed);
    }

    @Test
    void keysJoinWithoutDoubleSlashes() {
        assertThat(new S3Location("bucket", "").objectKey("x/y")).isEqualTo("x/y");
        assertThat(new S3Location("bucket", "p/q").objectKey("x/y")).isEqualTo("p/q/x/y");
        assertThat(new S3Location("bucket", "p/q").storeKey("p/q/x/y")).isEqualTo("x/y");
        assertThat(new S3Location("bucket", "p").describe("k")).isEqualTo("s3://bucket/p/k");
        assertThat(new S3Location("bucket", "").keyPrefix()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bucket", "s3:/bucket", "s3://", "https://bucket/x", "S3://bucket"})
    void refusesWhatIsNotAnS3Remote(String remote) {
        assertThatThrownBy(() -> S3Location.parse(remote))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessage("S3 remote must look like s3://bucket[/prefix], was '" + remote + "'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "s3://ab|it must have 3 to 63 characters, had 2",
        "s3://Bucket|only a-z, 0-9",
        "s3://my_bucket|only a-z, 0-9",
        "s3://-bucket|begin and end with a letter or digit",
        "s3://bucket-|begin and end with a letter or digit",
        "s3://my..bucket|no two adjacent dots",
        "s3://my.-bucket|no dot next to a hyphen",
        "s3://192.168.1.1|must not look like an IP address",
        "s3://xn--bucket|must not start with 'xn--'",
        "s3://bucket-s3alias|must not end with '-s3alias'",
    })
    void refusesInvalidBucketNames(String remote, String problem) {
        assertThatThrownBy(() -> S3Location.parse(remote))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessageStartingWith("bucket name '" + remote.substring(5) + "' is not valid: ")
                .hasMessageContaining(problem);
    }

    @Test
    void refusesLongBucketNames() {
        assertThatThrownBy(() -> S3Location.parse("s3://" + "a".repeat(64))).hasMessageContaining("had 64");
        assertThat(S3Location.parse("s3://" + "a".repeat(63)).bucket()).hasSize(63);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket//x", "s3://bucket/a//b", "s3://bucket/a/../b", "s3://bucket/./a", "s3://bucket/a//"})
    void refusesPrefixesWithEmptyOrDotSegments(String remote) {
        assertThatThrownBy(() -> S3Location.parse(remote))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessageContaining("prefix '");
    }
}
