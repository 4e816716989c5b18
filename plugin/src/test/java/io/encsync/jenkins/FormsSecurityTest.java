package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.steps.DecryptDirStep;
import io.encsync.jenkins.steps.EncryptDirStep;
import io.encsync.jenkins.steps.ProvisionPrivateBucketStep;
import io.encsync.jenkins.steps.S3EncryptedPullStep;
import io.encsync.jenkins.steps.S3EncryptedPushStep;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebRequest;
import org.htmlunit.html.HtmlForm;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Web methods answer only users who may configure the job, and only to POST; the Snippet
 * Generator's round trip keeps every parameter of every step; the global configuration keeps its
 * switches and is for administrators.
 */
@WithJenkins
class FormsSecurityTest {

    private static void reader(JenkinsRule r) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE, Item.EXTENDED_READ).everywhere().to("dev")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
    }

    @Test
    void credentialListsAndChecksNeedConfigurePermission(JenkinsRule r) throws Exception {
        reader(r);
        Folder folder = Fixtures.folder(r);
        FreeStyleProject job = folder.createProject(FreeStyleProject.class, "job");
        S3EncryptedPushStep.DescriptorImpl d = r.jenkins.getDescriptorByType(S3EncryptedPushStep.DescriptorImpl.class);
        S3Location.DescriptorImpl s3 = r.jenkins.getDescriptorByType(S3Location.DescriptorImpl.class);
        CryptRemote.DescriptorImpl crypt = r.jenkins.getDescriptorByType(CryptRemote.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            ListBoxModel ids = crypt.doFillPasswordCredentialsIdItems(job, "current");
            assertThat(ids).extracting(o -> o.value).containsExactly("current");
            assertThat(s3.doCheckBucket(job, "Bad_Bucket").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(crypt.doCheckPasswordCredentialsId(job, "nope").kind).isEqualTo(FormValidation.Kind.OK);
        }
        try (ACLContext ignored = ACL.as2(User.getById("dev", true).impersonate2())) {
            ListBoxModel ids = crypt.doFillPasswordCredentialsIdItems(job, "");
            assertThat(ids).extracting(o -> o.value).contains("pw", "pw2").doesNotContain("aws");
            assertThat(s3.doFillAwsCredentialsIdItems(job, "")).extracting(o -> o.value).contains("aws");
            FormValidation bad = s3.doCheckBucket(job, "Bad_Bucket");
            assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(bad.getMessage()).contains("bucket name &#039;Bad_Bucket&#039; is not valid");
            assertThat(crypt.doCheckPasswordCredentialsId(job, "nope").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(d.doCheckSource(job, "../x").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(d.doCheckSource(job, "").kind).as("empty: the backup's archived artifacts")
                    .isEqualTo(FormValidation.Kind.WARNING);
            assertThat(s3.doCheckAwsCredentialsId(job, "aws").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(s3.doCheckAwsCredentialsId(job, "pw").kind).as("a Secret text is no AWS key")
                    .isEqualTo(FormValidation.Kind.ERROR);
        }
        // No item: only administrators see anything.
        try (ACLContext ignored = ACL.as2(User.getById("dev", true).impersonate2())) {
            assertThat(crypt.doFillPasswordCredentialsIdItems(null, "")).extracting(o -> o.value).doesNotContain("pw", "pw2");
        }
    }

    /**
     * Defect 6: a GET to a {@code @POST} web method is not routed to it at all, so Stapler answers
     * 404 (not 405); the same request as POST with a crumb is answered.
     */
    @Test
    void formMethodsRefuseGet(JenkinsRule r) throws Exception {
        reader(r);
        FreeStyleProject job = r.createFreeStyleProject("job");
        URL check = new URL(r.getURL(), job.getUrl() + "descriptorByName/" + S3Location.class.getName()
                + "/checkBucket?value=Bad_Bucket");
        JenkinsRule.WebClient dev = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("dev");

        Page get = dev.getPage(new WebRequest(check, HttpMethod.GET));
        assertThat(get.getWebResponse().getStatusCode()).isEqualTo(404);
        assertThat(get.getWebResponse().getContentAsString()).doesNotContain("is not valid");

        Page post = dev.getPage(dev.addCrumb(new WebRequest(check, HttpMethod.POST)));
        assertThat(post.getWebResponse().getStatusCode()).isEqualTo(200);
        assertThat(post.getWebResponse().getContentAsString()).contains("is not valid");
    }

    @Test
    void formMethodsTellUsersWithoutConfigureNothing(JenkinsRule r) throws Exception {
        reader(r);
        Folder folder = Fixtures.folder(r);
        FreeStyleProject job = folder.createProject(FreeStyleProject.class, "job");
        String base = job.getUrl() + "descriptorByName/" + S3Location.class.getName();
        URL check = new URL(r.getURL(), base + "/checkBucket?value=Bad_Bucket");
        URL fill = new URL(r.getURL(), base + "/fillAwsCredentialsIdItems?awsCredentialsId=current");
        JenkinsRule.WebClient reader = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("reader");
        JenkinsRule.WebClient dev = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("dev");

        assertThat(post(reader, check)).doesNotContain("is not valid");
        assertThat(post(dev, check)).as("the same check for a user who may configure").contains("is not valid");
        assertThat(post(reader, fill)).contains("current").doesNotContain(Fixtures.KEY_ID);
        assertThat(post(dev, fill)).as("the same list for a user who may configure").contains(Fixtures.KEY_ID);
    }

    private static String post(JenkinsRule.WebClient wc, URL url) throws Exception {
        Page page = wc.getPage(wc.addCrumb(new WebRequest(url, HttpMethod.POST)));
        assertThat(page.getWebResponse().getStatusCode()).as("POST %s", url).isEqualTo(200);
        return page.getWebResponse().getContentAsString();
    }

    @Test
    void theSnippetGeneratorKeepsEveryPushParameter(JenkinsRule r) throws Exception {
        S3EncryptedPushStep push = new S3EncryptedPushStep("dist", new S3Location("acme-backups"), new CryptRemote("pw"));
        push.getS3().setPrefix("ci");
        push.getS3().setRegion("eu-west-1");
        push.getS3().setEndpoint("https://minio.example.com:9000");
        push.getS3().setPathStyle(true);
        push.getS3().setAwsCredentialsId("aws");
        push.setIncludes("**/*.jar");
        push.setExcludes("**/*.tmp");
        push.setDelete(true);
        push.setDryRun(true);
        push.setTransfers(8);
        push.getCrypt().setPassword2CredentialsId("pw2");
        push.getCrypt().setFilenameEncryption("off");
        push.getCrypt().setFilenameEncoding("base32768");
        push.getCrypt().setDirectoryNameEncryption(false);
        r.assertEqualDataBoundBeans(push, new StepConfigTester(r).configRoundTrip(push));
    }

    @Test
    void theSnippetGeneratorKeepsEveryPullParameter(JenkinsRule r) throws Exception {
        S3EncryptedPullStep pull = new S3EncryptedPullStep(new S3Location("acme-backups"), "restored", new CryptRemote("pw"));
        pull.setMinGeneration(4);
        pull.getS3().setPrefix("ci");
        pull.setDelete(true);
        pull.setTransfers(2);
        pull.getCrypt().setFilenameEncoding("base64");
        r.assertEqualDataBoundBeans(pull, new StepConfigTester(r).configRoundTrip(pull));
    }

    @Test
    void theSnippetGeneratorKeepsEveryProvisioningParameter(JenkinsRule r) throws Exception {
        ProvisionPrivateBucketStep prov = new ProvisionPrivateBucketStep(Fixtures.location("acme-backups", "eu-west-1"));
        prov.setMode("destroy");
        prov.setForce(true);
        prov.setCredentialsIdForNewKey("backup-user");
        prov.getS3().setAwsCredentialsId("aws-admin");
        prov.setUserName("ci-backup");
        prov.setUserPath("/ci/");
        prov.setVersioning(false);
        prov.setTlsOnly(false);
        prov.getS3().setEndpoint("https://minio.example.com:9000");
        r.assertEqualDataBoundBeans(prov, new StepConfigTester(r).configRoundTrip(prov));
    }

    @Test
    void theSnippetGeneratorKeepsEveryFolderStepParameter(JenkinsRule r) throws Exception {
        EncryptDirStep enc = new EncryptDirStep("src", "vault", new CryptRemote("pw"));
        enc.getCrypt().setPassword2CredentialsId("pw2");
        enc.getCrypt().setFilenameEncryption("obfuscate");
        enc.getCrypt().setDirectoryNameEncryption(false);
        r.assertEqualDataBoundBeans(enc, new StepConfigTester(r).configRoundTrip(enc));
        DecryptDirStep dec = new DecryptDirStep("vault", "back", new CryptRemote("pw"));
        dec.getCrypt().setFilenameEncoding("base64");
        r.assertEqualDataBoundBeans(dec, new StepConfigTester(r).configRoundTrip(dec));
    }

    @Test
    void theGlobalConfigurationKeepsBothSwitchesThroughItsForm(JenkinsRule r) throws Exception {
        EncsyncConfiguration config = EncsyncConfiguration.get();
        assertThat(config.isAllowSystemToStoreKeys()).as("default").isFalse();
        assertThat(config.isSendProxyPasswordToAgents()).as("default").isFalse();
        config.setAllowSystemToStoreKeys(true);
        config.setSendProxyPasswordToAgents(true);
        r.configRoundtrip();
        assertThat(EncsyncConfiguration.get().isAllowSystemToStoreKeys()).isTrue();
        assertThat(EncsyncConfiguration.get().isSendProxyPasswordToAgents()).isTrue();
        config.setAllowSystemToStoreKeys(false);
        r.configRoundtrip();
        assertThat(EncsyncConfiguration.get().isAllowSystemToStoreKeys()).isFalse();
        assertThat(EncsyncConfiguration.get().isSendProxyPasswordToAgents()).isTrue();
    }

    @Test
    void onlyAnAdministratorMayChangeTheGlobalConfiguration(JenkinsRule r) throws Exception {
        reader(r);
        JenkinsRule.WebClient dev = r.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("dev");
        assertThat(dev.getPage(new WebRequest(new URL(r.getURL(), "configure"))).getWebResponse().getStatusCode())
                .isEqualTo(403);
        WebRequest submit = new WebRequest(dev.createCrumbedUrl("configSubmit"), HttpMethod.POST);
        submit.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");
        submit.setRequestBody("json=" + java.net.URLEncoder.encode(
                "{\"io-encsync-jenkins-EncsyncConfiguration\":{\"allowSystemToStoreKeys\":true}}",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(dev.getPage(submit).getWebResponse().getStatusCode()).isEqualTo(403);
        assertThat(EncsyncConfiguration.get().isAllowSystemToStoreKeys()).isFalse();

        // An administrator ticks the box on the real page.
        JenkinsRule.WebClient admin = r.createWebClient().login("admin");
        HtmlForm form = admin.goTo("configure").getFormByName("config");
        form.getInputByName("_.allowSystemToStoreKeys").setChecked(true);
        r.submit(form);
        assertThat(EncsyncConfiguration.get().isAllowSystemToStoreKeys()).isTrue();
    }
}
