package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.rclone.RcloneConfig;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.testing.Rclone;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * What a Pipeline pushed from an agent is an ordinary rclone crypt remote: stock rclone (no
 * Jenkins, no encsync) restores it with the same password and password2.
 */
@WithJenkins
class RcloneRestoreTest {

    @Test
    void stockRcloneRestoresWhatThePipelinePushed(JenkinsRule r, @TempDir Path tmp) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'dist/app.txt', text: 'release 1'
                  writeFile file: 'dist/docs/read me.md', text: '# notes'
                  sh 'yes x | head -c 200000 > dist/big.bin'
                  def pushed = s3EncryptedPush(source: 'dist', prefix: 'app/nightly', filenameEncoding: 'base64', %s)
                  echo "pushed ${pushed.transferred}"
                }
                """.formatted(Fixtures.s3Args(bucket)));
        r.assertLogContains("pushed 3", r.buildAndAssertSuccess(p));

        Path conf = tmp.resolve("rclone.conf");
        S3Settings settings = Fixtures.settings();
        RcloneConfig.builder().s3(new S3Location(bucket, "app/nightly"), settings)
                .s3Keys(Fixtures.KEY_ID, SecretBytes.utf8(Fixtures.SECRET_KEY))
                .password(SecretBytes.utf8(Fixtures.PASSWORD)).password2(SecretBytes.utf8(Fixtures.PASSWORD2))
                .filenameEncoding(FilenameEncoding.BASE64)
                .build().writeTo(conf);
        String remote = RcloneConfig.builder().s3(new S3Location(bucket, "app/nightly"), settings)
                .s3Keys(Fixtures.KEY_ID, SecretBytes.utf8(Fixtures.SECRET_KEY))
                .password(SecretBytes.utf8(Fixtures.PASSWORD)).build().cryptRemoteName();
        Path restored = tmp.resolve("restored");

        Rclone.run(conf, "copy", remote + ":", restored.toString()).assertOk();

        assertThat(Files.readString(restored.resolve("app.txt"), StandardCharsets.UTF_8)).isEqualTo("release 1");
        assertThat(Files.readString(restored.resolve("docs/read me.md"), StandardCharsets.UTF_8)).isEqualTo("# notes");
        assertThat(Files.size(restored.resolve("big.bin"))).isEqualTo(200_000);
        try (var files = Files.walk(restored)) {
            assertThat(files.filter(Files::isRegularFile).count()).as("the manifest is not a file for rclone").isEqualTo(3);
        }
    }
}
