package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class S3SettingsTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void defaults() {
        S3Settings s = S3Settings.defaults();
        assertThat(s.maxAttempts()).isEqualTo(10);
        assertThat(s.totalRetryBudget()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.partSize()).isEqualTo(16 * S3Settings.MIB);
        assertThat(s.multipartThreshold()).isEqualTo(64 * S3Settings.MIB);
        assertThat(s.uploadConcurrency()).isEqualTo(4);
        assertThat(s.region()).isEmpty();
        assertThat(s.endpoint()).isEmpty();
        assertThat(s.pathStyle()).isFalse();
    }

    @Test
    void aCustomEndpointWithoutRegionSignsForUsEast1() {
        S3Settings s = S3Settings.builder().endpoint(URI.create("https://minio.example:9000")).build();
        assertThat(S3Clients.region(s)).isEqualTo(Region.US_EAST_1);
        assertThat(S3Clients.region(s.toBuilder().region("eu-central-1").build())).isEqualTo(Region.EU_CENTRAL_1);
    }

    @Test
    void toStringAndSerializedFormCarryNoCredentials() throws Exception {
        S3Settings s = S3Settings.builder().region("eu-west-1")
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", SECRET)))
                .build();
        assertThat(s.toString()).doesNotContain(SECRET).doesNotContain("AKIAEXAMPLE").contains("credentials=explicit");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        assertThat(new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
        S3Settings back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (S3Settings) in.readObject();
        }
        assertThat(back.credentialsProvider()).isEmpty();
        assertThat(back.region()).contains("eu-west-1");
        assertThat(back.partSize()).isEqualTo(s.partSize());
    }

    @Test
    void buildReportsBadValuesAsUsageErrors() {
        assertUsage(S3Settings.builder().region("EU West"), "region must look like eu-west-1, was 'EU West'");
        assertUsage(S3Settings.builder().endpoint(URI.create("ftp://x")), "endpoint must be an http(s) URL of only scheme, host and optional port, was 'ftp://x'"
                + " — write it like https://s3.example.com:9000");
        assertUsage(S3Settings.builder().maxAttempts(0), "maxAttempts must be between 1 and 100, was 0");
        assertUsage(S3Settings.builder().partSize(S3Settings.MIB), "partSize must be between 5 MiB and 2 GiB (S3 minimum, Java array limit), was 1048576");
        assertUsage(S3Settings.builder().uploadConcurrency(0), "uploadConcurrency must be between 1 and 64, was 0");
        assertUsage(S3Settings.builder().totalRetryBudget(Duration.ZERO), "totalRetryBudget must be positive, was PT0S");
        assertUsage(S3Settings.builder().multipartThreshold(-1), "multipartThreshold must be between 0 and 5 GiB (the largest single PUT), was -1");
        assertUsage(S3Settings.builder().profile(" dev"), "profile must be a non-blank name without surrounding spaces, was ' dev'");
    }

    private static void assertUsage(S3Settings.Builder builder, String message) {
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessage(message);
    }
}
