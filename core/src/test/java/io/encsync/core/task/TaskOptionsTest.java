package io.encsync.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.LogText;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.IssuedKey;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.provision.ProvisionRequest;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.sync.SyncOptions;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validation messages the Jenkins forms and steps show come from here. */
class TaskOptionsTest {

    @Test
    void cryptConfigParsesRcloneSpellingsWithDefaultsAndNeverPrintsPasswords() throws Exception {
        CryptConfig c = CryptConfig.builder().password(SecretBytes.utf8("hunter2-secret"))
                .password2(SecretBytes.utf8("salty-secret")).filenameEncryption(" ").filenameEncoding((String) null).build();
        assertThat(c.filenameEncryption().configValue()).isEqualTo(CryptConfig.DEFAULT_FILENAME_ENCRYPTION);
        assertThat(c.filenameEncoding().configValue()).isEqualTo(CryptConfig.DEFAULT_FILENAME_ENCODING);
        assertThat(c.directoryNameEncryption()).isTrue();
        assertThat(c.toString()).doesNotContain("hunter2").doesNotContain("salty");
        CryptConfig copy = TaskFixtures.deserialize(TaskFixtures.serialize(c));
        assertThat(copy.password().revealUtf8()).isEqualTo("hunter2-secret");
    }

    @Test
    void cryptConfigNamesTheBadSetting() {
        assertThatThrownBy(() -> CryptConfig.builder().password(SecretBytes.utf8("p")).filenameEncryption("rot13").build())
                .isInstanceOf(EncsyncException.class)
                .hasMessageContaining("filename encryption must be standard, obfuscate or off, was 'rot13'");
        assertThat(CryptConfig.checkFilenameEncoding("BASE64")).isEmpty();
        assertThat(CryptConfig.checkFilenameEncoding("base16")).get().asString()
                .contains("base32, base64 or base32768");
        assertThatThrownBy(() -> CryptConfig.builder().password(SecretBytes.utf8("")).build())
                .hasMessageStartingWith("password must be set");
    }

    @Test
    void s3LocationAndSettingsNormaliseTypedInputAndRejectBadInput() {
        S3Location l = S3Location.of(" my-backups ", "/jobs/nightly/");
        S3Settings s = S3Settings.builder().region(" eu-west-1 ").endpoint("http://127.0.0.1:9000/").pathStyle(true).build();
        assertThat(l.prefix()).isEqualTo("jobs/nightly");
        assertThat(l).hasToString("s3://my-backups/jobs/nightly");
        assertThat(s.endpoint()).get().hasToString("http://127.0.0.1:9000");
        assertThat(s.region()).contains("eu-west-1");
        assertThat(S3Settings.builder().region(" ").endpoint(" ").build().endpoint()).as("blank = not set").isEmpty();
        assertThat(S3Location.checkPrefix("a/../b")).get().asString().contains("'..'");
        assertThat(S3Settings.checkRegion("Europe")).get().asString().contains("region must look like eu-west-1");
    }

    @Test
    void syncOptionsParseTypedGlobsAndCheckTransfers() {
        assertThat(SyncOptions.splitList("a/**, *.log\n b ,,")).containsExactly("a/**", "*.log", "b");
        assertThat(SyncOptions.checkTransfers(SyncOptions.MAX_TRANSFERS)).isEmpty();
        assertThat(SyncOptions.checkTransfers(65)).get().asString().isEqualTo("transfers must be between 1 and 64, was 65");
        assertThat(SyncOptions.checkGlobs("../etc/*")).get().asString().contains("must not start with '/' or contain '..'");
        assertThat(SyncOptions.checkGlobs("/etc/*")).get().asString().contains("must not start with '/' or contain '..'");
        assertThat(SyncOptions.checkGlobs("a/..b/*")).as("'..b' is a name, not a parent").isEmpty();
        assertThat(SyncOptions.defaults().transfers()).isEqualTo(SyncOptions.DEFAULT_TRANSFERS);
        assertThatThrownBy(() -> SyncOptions.builder().minGeneration(-1).build())
                .hasMessage("min-generation must be >= 0, was -1");
    }

    @Test
    void workspacePathsStayInsideTheWorkspace() {
        assertThat(WorkspacePath.resolve("/ws", "source", "build/out").toString().replace('\\', '/')).isEqualTo("/ws/build/out");
        assertThat(WorkspacePath.check("source", "../other-job")).get().asString()
                .contains("source must stay inside the workspace").contains("'../other-job'");
        assertThat(WorkspacePath.check("target", "/etc")).isPresent();
        assertThat(WorkspacePath.check("target", "C:\\Windows")).isPresent();
        assertThat(WorkspacePath.check("target", "  ")).get().asString().startsWith("target must be a folder relative");
        assertThatThrownBy(() -> new EncryptDirTask("/ws", "out", "out/vault", TaskFixtures.crypt()))
                .hasMessageContaining("must not contain each other");
    }

    @Test
    void awsAuthNeverPrintsSecretsAndChecksShapes() throws Exception {
        AwsAuth a = AwsAuth.staticKeys("AKIAIOSFODNN7EXAMPLE", SecretBytes.utf8("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                SecretBytes.utf8("session-token-value")).assumingRole("arn:aws:iam::123456789012:role/deploy", "ext", null, 0);
        assertThat(a.toString()).contains("AKIAIOSFODNN7EXAMPLE").contains("role/deploy")
                .doesNotContain("wJalr").doesNotContain("session-token-value");
        AwsAuth copy = TaskFixtures.deserialize(TaskFixtures.serialize(a));
        assertThat(copy).isEqualTo(a);
        assertThatThrownBy(() -> AwsAuth.staticKeys("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", SecretBytes.utf8("x"), null))
                .hasMessageContaining("was 40 characters of something else").hasMessageNotContaining("wJalr");
        assertThatThrownBy(() -> AwsAuth.defaultChain().assumingRole("deploy", null, null, 0))
                .hasMessageContaining("role ARN must look like arn:aws:iam::123456789012:role/name");
        assertThatThrownBy(() -> AwsAuth.defaultChain().assumingRole("arn:aws:iam::123456789012:role/x", null, null, 60))
                .hasMessage("role session duration must be 900-43200 seconds (15 minutes to 12 hours), was 60");
    }

    @Test
    void accessKeyIdsOfS3CompatibleServersAreAcceptedButBlankOnesAreNot() {
        SecretBytes secret = SecretBytes.utf8("minioadmin");
        // MinIO's default, R2's lower-case hex, a GCS HMAC id, AWS's own.
        for (String id : List.of("minioadmin", "0123456789abcdef0123456789abcdef", "GOOG1EXAMPLE0123456789",
                "AKIAIOSFODNN7EXAMPLE", " padded-id ")) {
            assertThat(AwsAuth.staticKeys(id, secret, null).accessKeyId()).contains(id.strip());
        }
        for (String blank : List.of("", "   ", "\t\n")) {
            assertThatThrownBy(() -> AwsAuth.staticKeys(blank, secret, null))
                    .hasMessageStartingWith("AWS access key id must be set, was empty");
        }
        // Inner whitespace, and the characters that would break SigV4's Credential= field.
        for (String bad : List.of("minio admin", "key/with/slash", "a,b", "caf\u00e9")) {
            assertThatThrownBy(() -> AwsAuth.staticKeys(bad, secret, null)).isInstanceOf(EncsyncException.class)
                    .hasMessageContaining("visible ASCII characters without spaces, '/' or ','")
                    .hasMessageContaining("was " + bad.length() + " characters");
        }
    }

    @Test
    void roleSessionNamesFromJobNamesAlwaysSatisfyAws() {
        assertThat(AwsAuth.sessionName("jenkins-", "team/my job")).isEqualTo("jenkins-team-my-job");
        assertThat(AwsAuth.sessionName("jenkins-", "org/repo/feature%2Fx")).isEqualTo("jenkins-org-repo-feature-2Fx");
        assertThat(AwsAuth.sessionName("jenkins-", "caf\u00e9 \u2603 build")).isEqualTo("jenkins-caf-build");
        String longName = "folder/" + "x".repeat(100) + "/the-job-that-matters";
        String name = AwsAuth.sessionName("jenkins-", longName);
        assertThat(name).hasSize(64).startsWith("jenkins-").endsWith("-the-job-that-matters");
        assertThat(AwsAuth.sessionName("", "")).isEqualTo("encsync");
        assertThat(AwsAuth.sessionName(null, "a")).isEqualTo("encsync");
        for (String job : List.of("team/my job", "org/repo/feature%2Fx", longName, "\u00e9\u00e9", "a", "x".repeat(80))) {
            String session = AwsAuth.sessionName("jenkins-", job);
            assertThat(session).matches("[\\w+=,.@-]{2,64}");
            // and the role is assumable with it (assumingRole validates the name with AWS's rule)
            assertThat(AwsAuth.defaultChain().assumingRole("arn:aws:iam::123456789012:role/ci", null, session, 0))
                    .isNotNull();
        }
    }

    @Test
    void provisionedCredentialsAreMarkedForTheirBucketOnly() {
        String d = IssuedKey.credentialDescription("acme-backups", "team/job #4");
        assertThat(d).contains("s3://acme-backups").contains("team/job #4");
        assertThat(IssuedKey.isCredentialFor(d, "acme-backups")).isTrue();
        assertThat(IssuedKey.isCredentialFor(d, "acme")).isFalse();
        assertThat(IssuedKey.isCredentialFor(d, "acme-backups-2")).isFalse();
        assertThat(IssuedKey.isCredentialFor("my github token", "acme-backups")).isFalse();
        assertThat(IssuedKey.isCredentialFor(null, "acme-backups")).isFalse();
        // A job name cannot smuggle in the marker of another bucket.
        String forged = IssuedKey.credentialDescription("mine", "evil [encsync-provisioned s3://victim]");
        assertThat(IssuedKey.isCredentialFor(forged, "victim")).isFalse();
        assertThat(IssuedKey.isCredentialFor(forged, "mine")).isTrue();
    }

    @Test
    void provisionInputsUseTheProvisioningRules() {
        assertThat(ProvisionMode.parse(null)).isEqualTo(ProvisionMode.APPLY);
        assertThat(ProvisionMode.parse("Destroy")).isEqualTo(ProvisionMode.DESTROY);
        assertThatThrownBy(() -> ProvisionMode.parse("nuke")).hasMessage("mode must be apply, plan or destroy, was 'nuke'");
        assertThatThrownBy(() -> ProvisionRequest.builder().bucket("ok-bucket").region("").build())
                .isInstanceOf(EncsyncException.class).extracting(e -> ((EncsyncException) e).category())
                .isEqualTo(ErrorCategory.USAGE);
        ProvisionRequest spec = ProvisionRequest.builder().bucket("ok-bucket").region("eu-west-1").build();
        assertThat(spec.versioning()).isTrue();
        assertThat(spec.tlsOnly()).isTrue();
    }

    @Test
    void logTextMakesHostileNamesInert() {
        String hostile = "evil\nFinished: SUCCESS\u001b[2J<script>\u202egnp.exe";
        String printed = LogText.name(hostile);
        assertThat(printed).doesNotContain("\n").doesNotContain("\u001b").doesNotContain("<script>").doesNotContain("\u202e");
        assertThat(printed).isEqualTo("`evil\\u000AFinished: SUCCESS\\u001B[2J&lt;script&gt;\\u202Egnp.exe`");
    }

    @Test
    void taskResultsHoldOnlyPlainValuesAndHideIssuedKeys() throws Exception {
        assertThatThrownBy(() -> new TaskResult("x", java.util.Map.of("list", List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        TaskResult r = new TaskResult("Applied", java.util.Map.of("changes", 3),
                new IssuedKey("AKIAEXAMPLE123456789", SecretBytes.utf8("the-issued-secret")));
        assertThat(r.toString() + r.toMap() + r.issuedKey().orElseThrow()).doesNotContain("the-issued-secret");
        TaskResult copy = TaskFixtures.deserialize(TaskFixtures.serialize(r));
        assertThat(copy).isEqualTo(r);
        assertThat(copy.issuedKey().orElseThrow().secretKey().revealUtf8()).isEqualTo("the-issued-secret");
    }
}
