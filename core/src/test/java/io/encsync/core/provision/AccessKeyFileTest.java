package io.encsync.core.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.keys.SecretBytes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AccessKeyFileTest {
    private static final AccessKey KEY = new AccessKey("AKIAEXAMPLE", SecretBytes.utf8("s3cr3t/Secret+Key"));

    @Test
    void rcloneSectionHasNoAclAndTheEndpoint(@TempDir Path dir) throws Exception {
        ProvisionRequest r = ProvisionRequest.builder().bucket("b-1").region("eu-west-1")
                .endpoint(URI.create("http://127.0.0.1:9000")).build();
        Path file = dir.resolve("rclone.conf");
        Files.writeString(file, "old content");

        AccessKeyFile.write(file, AccessKeyFile.Format.RCLONE, "b-1", KEY, r);

        assertThat(Files.readString(file)).isEqualTo("[b-1]\ntype = s3\nprovider = Other\naccess_key_id = AKIAEXAMPLE\n"
                + "secret_access_key = s3cr3t/Secret+Key\nregion = eu-west-1\nendpoint = http://127.0.0.1:9000\nacl =\nno_check_bucket = true\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void envFormatExportsTheKey(@TempDir Path dir) throws Exception {
        ProvisionRequest r = ProvisionRequest.builder().bucket("b-1").region("eu-west-1").build();
        Path file = dir.resolve("key.env");
        AccessKeyFile.write(file, AccessKeyFile.Format.ENV, "b-1", KEY, r);
        assertThat(Files.readString(file)).isEqualTo("export AWS_ACCESS_KEY_ID=AKIAEXAMPLE\n"
                + "export AWS_SECRET_ACCESS_KEY='s3cr3t/Secret+Key'\nexport AWS_REGION=eu-west-1\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theKeyNeverPrintsItsSecret() {
        assertThat(KEY.toString()).contains("AKIAEXAMPLE").doesNotContain("s3cr3t");
    }
}
