package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.casc.ConfiguratorException;
import io.jenkins.plugins.casc.yaml.YamlSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jenkins.model.ArtifactManagerConfiguration;
import jenkins.model.ArtifactManagerFactory;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.yaml.snakeyaml.Yaml;

/**
 * The global configuration ({@code unclassified: encryptedS3Sync}) and the artifact storage
 * ({@code unclassified: artifactManager: artifactManagerFactories: - encryptedS3}) through
 * Configuration as Code: applied from YAML, exported, and applied again from the export.
 *
 * <p>The YAML shape lives in {@code ConfigurationAsCodeTest/every-setting.yaml} and every value of
 * it is checked in one place, {@link #expectEverySetting}; {@link #resetToDefaults},
 * {@link #expectDefaults} and {@link #expectStorageDefaults} are its counterparts. A change of the
 * settings' shape changes the methods under "the settings' shape", the YAML resources, the README's
 * example and the four values {@link #theReadmesExampleApplies} reads back, nothing else here.
 */
@WithJenkins
class ConfigurationAsCodeTest {

    @Test
    void everySettingIsAppliedExportedAndAppliedAgainFromTheExport(JenkinsRule r) throws Exception {
        Fixtures.addCredentials(r.jenkins);
        apply(resource("every-setting.yaml"));
        expectEverySetting();

        String export = export();
        Map<String, Object> ours = ourSections(export);
        assertThat(ours).as("our sections in the export:\n%s", export).containsOnlyKeys("encryptedS3Sync",
                "artifactManager");

        resetToDefaults();
        expectDefaults();
        apply(export);
        expectEverySetting();
        assertThat(ourSections(export())).as("a second export, after the first one was applied").isEqualTo(ours);
    }

    @Test
    void theExportNamesCredentialsByIdAndHoldsNoSecret(JenkinsRule r) throws Exception {
        Fixtures.addCredentials(r.jenkins);
        apply(resource("every-setting.yaml"));

        String export = export();
        String ours = new Yaml().dump(ourSections(export));
        assertThat(ours).contains("awsCredentialsId: aws", "passwordCredentialsId: pw", "password2CredentialsId: pw2");
        assertThat(export).doesNotContain(Fixtures.PASSWORD, Fixtures.PASSWORD2, Fixtures.KEY_ID, Fixtures.SECRET_KEY)
                .as("no Secret in its encrypted form either").doesNotContainPattern("\\{AQAAAB[A-Za-z0-9+/=]+\\}");
    }

    @Test
    void aMinimalStorageKeepsEveryDefault(JenkinsRule r) throws Exception {
        apply(resource("defaults.yaml"));

        EncryptedArtifactManagerFactory f = theStorage();
        assertThat(f.getS3().getBucket()).isEqualTo("jcasc-artifacts");
        assertThat(f.getCrypt().getPasswordCredentialsId()).isEqualTo("pw");
        expectStorageDefaults(f);
    }

    @Test
    void aMisspeltKeyIsRefusedByNameAndNothingIsApplied(JenkinsRule r) throws Exception {
        assertThatThrownBy(() -> apply(resource("wrong-key.yaml"))).isInstanceOf(ConfiguratorException.class)
                .hasMessageContaining("bukket")
                .as("it lists the keys it knows").hasMessageContaining("bucket")
                .hasMessageContaining("awsCredentialsId");
        assertThat(ArtifactManagerConfiguration.get().getArtifactManagerFactories()).isEmpty();
        assertThat(EncsyncConfiguration.get().isAllowSystemToStoreKeys()).as("the valid key beside it").isFalse();
    }

    @Test
    void aValueOutOfRangeIsRefusedWithThePluginsMessageAndNothingIsApplied(JenkinsRule r) throws Exception {
        assertThatThrownBy(() -> apply(resource("wrong-value.yaml"))).isInstanceOf(ConfiguratorException.class)
                .satisfies(e -> assertThat(causes(e)).contains("role session duration must be 900-43200 seconds"));
        assertThat(EncsyncConfiguration.get().getRoleSessionSeconds()).isEqualTo(3600);
        assertThat(EncsyncConfiguration.get().isAllowSystemToStoreKeys()).as("the valid key beside it").isFalse();
    }

    @Test
    void theReadmesExampleApplies(JenkinsRule r) throws Exception {
        String readme = Files.readString(pluginReadme());
        int at = readme.indexOf("**Configuration as Code.**");
        assertThat(at).as("the README's Configuration as Code paragraph").isNotNegative();
        int start = readme.indexOf("```yaml\n", at) + "```yaml\n".length();
        String yaml = readme.substring(start, readme.indexOf("```", start));

        apply(yaml);

        assertThat(EncsyncConfiguration.get().getRoleSessionSeconds()).isEqualTo(7200);
        assertThat(theStorage().getS3().getBucket()).isEqualTo("acme-artifacts");
        assertThat(theStorage().getCrypt().getFilenameEncryption()).isEqualTo("obfuscate");
        assertThat(theStorage().getUrlLifetimeMinutes()).isEqualTo(15);
    }

    // ---- the settings' shape: these methods and the YAML resources change with it ----

    /** Every value of {@code every-setting.yaml}. */
    private static void expectEverySetting() {
        EncsyncConfiguration c = EncsyncConfiguration.get();
        assertThat(c.isAllowSystemToStoreKeys()).isTrue();
        assertThat(c.isSendProxyPasswordToAgents()).isTrue();
        assertThat(c.isAllowControllerAwsIdentity()).isTrue();
        assertThat(c.getRoleSessionSeconds()).isEqualTo(7200);
        assertThat(c.getControllerEndpoints()).isEqualTo("https://minio.example.com:9000\nhttp://127.0.0.1:9090");

        EncryptedArtifactManagerFactory f = theStorage();
        assertThat(f.getS3().getBucket()).isEqualTo("jcasc-artifacts");
        assertThat(f.getS3().getPrefix()).isEqualTo("ci/main/");
        assertThat(f.getS3().getRegion()).isEqualTo("eu-central-1");
        assertThat(f.getS3().getEndpoint()).isEqualTo("https://minio.example.com:9000");
        assertThat(f.getS3().isPathStyle()).isTrue();
        assertThat(f.getS3().getAwsCredentialsId()).isEqualTo("aws");
        assertThat(f.getCrypt().getPasswordCredentialsId()).isEqualTo("pw");
        assertThat(f.getCrypt().getPassword2CredentialsId()).isEqualTo("pw2");
        assertThat(f.getCrypt().getFilenameEncryption()).isEqualTo("obfuscate");
        assertThat(f.getCrypt().getFilenameEncoding()).isEqualTo("base64");
        assertThat(f.getCrypt().isDirectoryNameEncryption()).isFalse();
        assertThat(f.isDeleteArtifacts()).isFalse();
        assertThat(f.getMaxDownloadSizeMiB()).isEqualTo(4096);
        assertThat(f.getUrlLifetimeMinutes()).isEqualTo(15);
    }

    /** What a Jenkins without any of it holds: the defaults, and no artifact storage of ours. */
    private static void resetToDefaults() {
        EncsyncConfiguration c = EncsyncConfiguration.get();
        c.setAllowSystemToStoreKeys(false);
        c.setSendProxyPasswordToAgents(false);
        c.setAllowControllerAwsIdentity(false);
        c.setRoleSessionSeconds(0);
        c.setControllerEndpoints(null);
        ArtifactManagerConfiguration.get().getArtifactManagerFactories().clear();
    }

    private static void expectDefaults() {
        EncsyncConfiguration c = EncsyncConfiguration.get();
        assertThat(c.isAllowSystemToStoreKeys()).isFalse();
        assertThat(c.isSendProxyPasswordToAgents()).isFalse();
        assertThat(c.isAllowControllerAwsIdentity()).isFalse();
        assertThat(c.getRoleSessionSeconds()).isEqualTo(3600);
        assertThat(c.getControllerEndpoints()).isEmpty();
        assertThat(ArtifactManagerConfiguration.get().getArtifactManagerFactories()).isEmpty();
    }

    private static void expectStorageDefaults(EncryptedArtifactManagerFactory f) {
        assertThat(f.getS3().getPrefix()).isNull();
        assertThat(f.getS3().getRegion()).isNull();
        assertThat(f.getS3().getEndpoint()).isNull();
        assertThat(f.getS3().isPathStyle()).isFalse();
        assertThat(f.getS3().getAwsCredentialsId()).isNull();
        assertThat(f.getCrypt().getPassword2CredentialsId()).isNull();
        assertThat(f.getCrypt().getFilenameEncryption()).isEqualTo("standard");
        assertThat(f.getCrypt().getFilenameEncoding()).isEqualTo("base32");
        assertThat(f.getCrypt().isDirectoryNameEncryption()).isTrue();
        assertThat(f.isDeleteArtifacts()).isTrue();
        assertThat(f.getMaxDownloadSizeMiB()).isEqualTo(1024);
        assertThat(f.getUrlLifetimeMinutes()).isEqualTo(60);
    }

    private static EncryptedArtifactManagerFactory theStorage() {
        List<ArtifactManagerFactory> all = ArtifactManagerConfiguration.get().getArtifactManagerFactories();
        assertThat(all).hasSize(1).first().isInstanceOf(EncryptedArtifactManagerFactory.class);
        return (EncryptedArtifactManagerFactory) all.get(0);
    }

    // ---- JCasC ----

    private static String resource(String name) throws Exception {
        try (InputStream in = ConfigurationAsCodeTest.class.getResourceAsStream("ConfigurationAsCodeTest/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** plugin/README.md: Maven runs tests in plugin/, runtime-tests/test.sh names the project in PROJECT. */
    private static Path pluginReadme() {
        Path here = Path.of("README.md");
        if (Files.isRegularFile(here) && Files.isDirectory(Path.of("src", "test", "java", "io", "encsync", "jenkins"))) {
            return here;
        }
        String project = System.getenv("PROJECT");
        assertThat(project).as("PROJECT (the project's folder), to find plugin/README.md").isNotBlank();
        return Path.of(project, "plugin", "README.md");
    }

    private static void apply(String yaml) throws ConfiguratorException {
        ConfigurationAsCode.get().configureWith(YamlSource.of(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))));
    }

    /** The whole Jenkins as JCasC exports it (Manage Jenkins » Configuration as Code » Download). */
    private static String export() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigurationAsCode.get().export(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The export's {@code unclassified} sections of ours. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> ourSections(String export) {
        Map<String, Object> root = new Yaml().load(export);
        Map<String, Object> unclassified = (Map<String, Object>) root.get("unclassified");
        assertThat(unclassified).as("the export's unclassified section:\n%s", export).isNotNull();
        Map<String, Object> ours = new java.util.LinkedHashMap<>();
        for (String key : List.of("encryptedS3Sync", "artifactManager")) {
            if (unclassified.containsKey(key)) {
                ours.put(key, unclassified.get(key));
            }
        }
        return ours;
    }

    private static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(t).append('\n');
        }
        return s.toString();
    }
}
