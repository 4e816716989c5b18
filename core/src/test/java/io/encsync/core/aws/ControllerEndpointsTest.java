package io.encsync.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which endpoints the controller may contact on a job's behalf: AWS, and what an administrator lists. */
class ControllerEndpointsTest {
    private static boolean allows(ControllerEndpoints e, String endpoint) {
        return e.allows(Optional.of(URI.create(endpoint)));
    }

    @Test
    void emptyMeansAwsOnly() {
        ControllerEndpoints e = ControllerEndpoints.parse("  \n# nothing\n");
        assertThat(e.allows(Optional.empty())).as("no endpoint: the SDK's AWS endpoints").isTrue();
        assertThat(allows(e, "https://s3.eu-west-1.amazonaws.com")).isTrue();
        assertThat(allows(e, "https://bucket.s3.amazonaws.com.cn")).isTrue();
        assertThat(allows(e, "http://s3.amazonaws.com")).as("AWS over plain HTTP").isFalse();
        assertThat(allows(e, "https://amazonaws.com.evil.example")).isFalse();
        assertThat(allows(e, "http://169.254.169.254")).isFalse();
        assertThat(allows(e, "http://127.0.0.1:9000")).isFalse();
        assertThat(e.toString()).isEqualTo("AWS only");
    }

    @Test
    void listedEndpointsCompareByOriginWithoutCaseOrDefaultPort() {
        ControllerEndpoints e = ControllerEndpoints.parse("https://MinIO.example.com:443/\nhttp://127.0.0.1:9000\n");
        assertThat(e.entries()).containsExactly("https://minio.example.com", "http://127.0.0.1:9000");
        assertThat(allows(e, "https://minio.example.com")).isTrue();
        assertThat(allows(e, "https://minio.EXAMPLE.com:443")).isTrue();
        assertThat(allows(e, "http://minio.example.com")).as("another scheme").isFalse();
        assertThat(allows(e, "http://127.0.0.1:9000")).isTrue();
        assertThat(allows(e, "http://127.0.0.1:9001")).as("another port").isFalse();
    }

    @Test
    void aBadEntryIsRefusedNamingItsLine() {
        assertThatThrownBy(() -> ControllerEndpoints.parse("https://ok.example.com\nftp://files.example.com"))
                .isInstanceOf(EncsyncException.class).hasMessageStartingWith("allowed endpoint on line 2: endpoint must be");
        assertThatThrownBy(() -> ControllerEndpoints.parse("https://user:pw@minio.example.com"))
                .isInstanceOf(EncsyncException.class).hasMessageContaining("line 1").hasMessageNotContaining("pw@");
    }
}
