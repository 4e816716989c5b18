package io.encsync.core.rclone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.keys.Obscure;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RcloneConfigTest {
    private static final SecretBytes PASSWORD = SecretBytes.utf8("correct horse battery staple");
    private static final SecretBytes SALT = SecretBytes.utf8("pepper");
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /** Replaces each obscured value by what it reveals, so the text can be compared exactly. */
    private static String revealed(String text) {
        Matcher m = Pattern.compile("(?m)^(password2?) = (\\S+)$").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group(1) + " = <" + Obscure.reveal(m.group(2)).revealUtf8() + ">");
        }
        m.appendTail(out);
        return out.toString();
    }

    @Test
    void awsWithTheDefaultCredentialChain() {
        String text = RcloneConfig.builder()
                .s3(S3Location.parse("s3://backups/ci/artifacts"), S3Settings.builder().region("eu-west-1").build())
                .password(PASSWORD).password2(SALT)
                .build().render();

        assertThat(revealed(text)).isEqualTo("""
                # Written by encsync. Restore without encsync:  rclone --config <this file> copy encsync: <folder>
                # The passwords below are obscured, not encrypted: keep this file private.

                [encsync-s3]
                type = s3
                provider = AWS
                env_auth = true
                region = eu-west-1
                force_path_style = false
                acl =\s
                bucket_acl =\s
                no_check_bucket = true

                [encsync]
                type = crypt
                remote = encsync-s3:backups/ci/artifacts
                filename_encryption = standard
                directory_name_encryption = true
                filename_encoding = base32
                password = <correct horse battery staple>
                password2 = <pepper>
                """);
    }

    @Test
    void customEndpointWithExplicitKeysAndPathStyle() {
        RcloneConfig config = RcloneConfig.builder()
                .cryptRemoteName("vault").storageRemoteName("minio")
                .s3(S3Location.parse("s3://bucket"), S3Settings.builder().endpoint(URI.create("http://127.0.0.1:9000")).pathStyle(true).build())
                .s3Keys("AKIAEXAMPLE", SecretBytes.utf8(SECRET_KEY))
                .filenameEncryption(FilenameEncryption.OBFUSCATE).directoryNameEncryption(false)
                .filenameEncoding(FilenameEncoding.BASE64)
                .password(PASSWORD)
                .build();
        String text = config.render();

        assertThat(text).contains("""
                [minio]
                type = s3
                provider = Other
                env_auth = false
                access_key_id = AKIAEXAMPLE
                secret_access_key = %s
                region = us-east-1
                endpoint = http://127.0.0.1:9000
                force_path_style = true
                """.formatted(SECRET_KEY));
        assertThat(text).contains("remote = minio:bucket\nfilename_encryption = obfuscate\ndirectory_name_encryption = false\n"
                + "filename_encoding = base64\n");
        assertThat(text).doesNotContain("password2");
        assertThat(text).doesNotContain(PASSWORD.revealUtf8());
        assertThat(config.toString()).doesNotContain(SECRET_KEY).doesNotContain("AKIAEXAMPLE").contains("vault -> minio:bucket");
    }

    @Test
    void aProfileIsPassedOnWithEnvAuth() {
        String text = RcloneConfig.builder()
                .s3(S3Location.parse("s3://b1b"), S3Settings.builder().profile("ci").region("us-west-2").build())
                .password(PASSWORD).build().render();
        assertThat(text).contains("env_auth = true\nprofile = ci\nregion = us-west-2\n");
    }

    @Test
    void localFolderVariant(@TempDir Path dir) {
        String text = RcloneConfig.builder().localFolder(dir).password(PASSWORD).build().render();
        assertThat(text).contains("[encsync-local]\ntype = local\n\n[encsync]\ntype = crypt\nremote = encsync-local:" + dir + "\n");
    }

    @Test
    void writesAnOwnerOnlyFileAndNeverOverwrites(@TempDir Path dir) throws Exception {
        RcloneConfig config = RcloneConfig.builder().localFolder(dir).password(PASSWORD).build();
        Path file = dir.resolve("rclone.conf");
        config.writeTo(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("# Written by encsync.");
        assertThatThrownBy(() -> config.writeTo(file)).isInstanceOf(EncsyncException.class).hasMessageContaining("already exists");
    }

    @Test
    void buildChecksEverything(@TempDir Path dir) {
        S3Location bucket = S3Location.parse("s3://bucket");
        S3Settings settings = S3Settings.defaults();
        assertUsage(RcloneConfig.builder().s3(bucket, settings), "password must be given for the crypt remote, was empty");
        assertUsage(RcloneConfig.builder().password(PASSWORD),
                "rclone config needs exactly one storage: s3(...) or localFolder(...), was none");
        assertUsage(RcloneConfig.builder().password(PASSWORD).s3(bucket, settings).localFolder(dir),
                "rclone config needs exactly one storage: s3(...) or localFolder(...), was both");
        assertUsage(RcloneConfig.builder().password(PASSWORD).s3(bucket, settings).cryptRemoteName("my remote"),
                "crypt remote name must be 1-64 ASCII letters, digits, '_', '.' or '-' (not first), was 'my remote'");
        assertUsage(RcloneConfig.builder().password(PASSWORD).s3(bucket, settings).cryptRemoteName("-x"),
                "crypt remote name must be 1-64 ASCII letters, digits, '_', '.' or '-' (not first), was '-x'");
        assertUsage(RcloneConfig.builder().password(PASSWORD).s3(bucket, settings).cryptRemoteName("a").storageRemoteName("a"),
                "storage remote name must differ from the crypt remote name, was 'a' for both");
        assertUsage(RcloneConfig.builder().password(PASSWORD).localFolder(Path.of("relative")),
                "local folder must be an absolute path without line breaks or surrounding spaces, was 'relative'");
        assertUsage(RcloneConfig.builder().password(PASSWORD).localFolder(dir).s3Keys("AKIA", SecretBytes.utf8("s")),
                "S3 keys were given for a local-folder rclone config — drop them or use s3(...)");
    }

    private static void assertUsage(RcloneConfig.Builder builder, String message) {
        assertThatThrownBy(builder::build)
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessage(message);
    }

    @Test
    void withoutSecretsLeavesOutPasswordsAndKeysButKeepsEverythingElse() {
        RcloneConfig config = RcloneConfig.builder()
                .s3(S3Location.parse("s3://backups/ci"), S3Settings.builder().region("eu-west-1").build())
                .s3Keys("AKIAEXAMPLE", SecretBytes.utf8("secret-key-value"))
                .password(PASSWORD).password2(SALT)
                .build();

        String shown = config.renderWithoutSecrets();
        String full = config.render();

        assertThat(shown).doesNotContain("secret-key-value").doesNotMatch("(?s).*^password2? = .*")
                .contains("AKIAEXAMPLE").contains("remote = ").contains("# password = ").contains("--show-secrets");
        assertThat(full).contains("secret_access_key = secret-key-value").containsPattern("(?m)^password = \\S+$");
    }
}
