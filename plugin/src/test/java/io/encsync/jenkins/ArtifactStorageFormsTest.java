package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import java.net.URL;
import java.util.List;
import jenkins.model.ArtifactManagerConfiguration;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The storage's global form: every setting survives the real configuration page, its checks and
 * credential lists answer administrators only, and only to POST.
 */
@WithJenkins
class ArtifactStorageFormsTest {

    @Test
    void theConfigurationPageKeepsEverySetting(JenkinsRule r) throws Exception {
        Fixtures.addCredentials(r.jenkins);
        EncryptedArtifactManagerFactory f = new EncryptedArtifactManagerFactory(new S3Location("acme-artifacts"), new CryptRemote("pw"));
        f.getS3().setPrefix("ci/jenkins");
        f.getS3().setRegion("eu-west-1");
        f.getS3().setEndpoint("https://minio.example.com:9000");
        f.getS3().setPathStyle(true);
        f.getS3().setAwsCredentialsId("aws");
        f.getCrypt().setPassword2CredentialsId("pw2");
        f.getCrypt().setFilenameEncryption("obfuscate");
        f.getCrypt().setFilenameEncoding("base64");
        f.getCrypt().setDirectoryNameEncryption(false);
        f.setDeleteArtifacts(false);
        f.setMaxDownloadSizeMiB(64);
        f.setUrlLifetimeMinutes(15);
        ArtifactManagerConfiguration.get().getArtifactManagerFactories().replaceBy(List.of(f));

        r.configRoundtrip();

        List<EncryptedArtifactManagerFactory> after = ArtifactManagerConfiguration.get().getArtifactManagerFactories()
                .getAll(EncryptedArtifactManagerFactory.class);
        assertThat(after).hasSize(1);
        r.assertEqualDataBoundBeans(f, after.get(0));
        assertThat(after.get(0).getDescriptor().getDisplayName()).isEqualTo("Encrypted S3 artifact storage");
    }

    @Test
    void theDownloadLimitAndUrlLifetimeRefuseValuesOutOfRangeFromFormsScriptsAndSavedXml(JenkinsRule r) {
        EncryptedArtifactManagerFactory f = new EncryptedArtifactManagerFactory(new S3Location("acme-artifacts"), new CryptRemote("pw"));
        assertThatThrownBy(() -> f.setMaxDownloadSizeMiB(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDownloadSizeMiB").hasMessageContaining("was -1");
        assertThatThrownBy(() -> f.setMaxDownloadSizeMiB(1L << 44)).as("would overflow a byte count")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDownloadSizeMiB");
        assertThatThrownBy(() -> f.setUrlLifetimeMinutes(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("urlLifetimeMinutes").hasMessageContaining("was 0");
        assertThatThrownBy(() -> f.setUrlLifetimeMinutes(7 * 24 * 60 + 1)).isInstanceOf(IllegalArgumentException.class);
        f.setMaxDownloadSizeMiB(1L << 20);
        f.setUrlLifetimeMinutes(7 * 24 * 60);

        // Saved XML bypasses the setters: out-of-range values fall back to the defaults.
        String xml = Jenkins.XSTREAM2.toXML(f).replace("<maxDownloadSizeMiB>1048576<", "<maxDownloadSizeMiB>-5<")
                .replace("<urlLifetimeMinutes>10080<", "<urlLifetimeMinutes>-3<");
        EncryptedArtifactManagerFactory loaded = (EncryptedArtifactManagerFactory) Jenkins.XSTREAM2.fromXML(xml);
        assertThat(loaded.getMaxDownloadSizeMiB()).isEqualTo(EncryptedArtifactManagerFactory.DEFAULT_MAX_DOWNLOAD_MIB);
        assertThat(loaded.getUrlLifetimeMinutes()).isEqualTo(60);
        // A configuration saved before the URL lifetime existed gets the old fixed hour.
        String old = Jenkins.XSTREAM2.toXML(f).replaceAll("\\s*<urlLifetimeMinutes>[^<]*</urlLifetimeMinutes>", "");
        assertThat(((EncryptedArtifactManagerFactory) Jenkins.XSTREAM2.fromXML(old)).getUrlLifetimeMinutes())
                .isEqualTo(60);

        EncryptedArtifactManagerFactory.DescriptorImpl d =
                r.jenkins.getDescriptorByType(EncryptedArtifactManagerFactory.DescriptorImpl.class);
        assertThat(d.doCheckMaxDownloadSizeMiB("17592186044416").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckMaxDownloadSizeMiB("1048576").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckUrlLifetimeMinutes("0").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckUrlLifetimeMinutes("soon").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckUrlLifetimeMinutes("120").kind).isEqualTo(FormValidation.Kind.OK);
    }

    @Test
    void checksAndCredentialListsAnswerAdministratorsOnlyAndOnlyToPost(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("dev")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        Fixtures.addCredentials(r.jenkins);
        EncryptedArtifactManagerFactory.DescriptorImpl d =
                r.jenkins.getDescriptorByType(EncryptedArtifactManagerFactory.DescriptorImpl.class);
        // The storage's S3 location and crypt remote answer with their own (shared) descriptors; no item: global.
        S3Location.DescriptorImpl s3 = r.jenkins.getDescriptorByType(S3Location.DescriptorImpl.class);
        CryptRemote.DescriptorImpl crypt = r.jenkins.getDescriptorByType(CryptRemote.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("dev", true).impersonate2())) {
            assertThat(s3.doCheckBucket(null, "Bad_Bucket").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(crypt.doCheckPasswordCredentialsId(null, "nope").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(crypt.doFillPasswordCredentialsIdItems(null, "current")).extracting(o -> o.value).containsExactly("current");
            assertThat(s3.doFillAwsCredentialsIdItems(null, "")).extracting(o -> o.value).doesNotContain("aws");
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(s3.doCheckBucket(null, "Bad_Bucket").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(s3.doCheckPrefix(null, "a//b").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(s3.doCheckEndpoint(null, "https://user:pw@minio.example.com").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(d.doCheckMaxDownloadSizeMiB("-1").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(d.doCheckMaxDownloadSizeMiB("100").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(crypt.doCheckPasswordCredentialsId(null, "").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(crypt.doCheckPasswordCredentialsId(null, "nope").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(crypt.doCheckPasswordCredentialsId(null, "pw").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(crypt.doCheckPassword2CredentialsId(null, "").kind).as("optional").isEqualTo(FormValidation.Kind.OK);
            assertThat(s3.doCheckAwsCredentialsId(null, "pw").kind).as("a Secret text is no AWS key")
                    .isEqualTo(FormValidation.Kind.ERROR);
            assertThat(s3.doCheckAwsCredentialsId(null, "aws").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(crypt.doFillPasswordCredentialsIdItems(null, "")).extracting(o -> o.value).contains("pw", "pw2")
                    .doesNotContain("aws");
            assertThat(s3.doFillAwsCredentialsIdItems(null, "")).extracting(o -> o.value).contains("aws").doesNotContain("pw");
        }

        URL check = new URL(r.getURL(), "descriptorByName/" + S3Location.class.getName()
                + "/checkBucket?value=Bad_Bucket");
        JenkinsRule.WebClient admin = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        Page get = admin.getPage(new WebRequest(check, HttpMethod.GET));
        assertThat(get.getWebResponse().getStatusCode()).isEqualTo(404);
        Page post = admin.getPage(admin.addCrumb(new WebRequest(check, HttpMethod.POST)));
        assertThat(post.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(post.getWebResponse().getContentAsString()).contains("is not valid");
        JenkinsRule.WebClient dev = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("dev");
        Page devPost = dev.getPage(dev.addCrumb(new WebRequest(check, HttpMethod.POST)));
        assertThat(devPost.getWebResponse().getContentAsString()).doesNotContain("is not valid");
    }
}
