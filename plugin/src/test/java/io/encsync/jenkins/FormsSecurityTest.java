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
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Web methods answer only users who may configure the job, and only to POST; the snippet
 * generator's round trip keeps every optional parameter.
 */
@WithJenkins
class FormsSecurityTest {

    @Test
    void credentialListsAndChecksNeedConfigurePermission(JenkinsRule r) throws Exception {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE, Item.EXTENDED_READ).everywhere().to("dev"));
        Folder folder = Fixtures.folder(r);
        FreeStyleProject job = folder.createProject(FreeStyleProject.class, "job");
        S3EncryptedPushStep.DescriptorImpl d = r.jenkins.getDescriptorByType(S3EncryptedPushStep.DescriptorImpl.class);

        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            ListBoxModel ids = d.doFillPasswordCredentialsIdItems(job, "current");
            assertThat(ids).extracting(o -> o.value).containsExactly("current");
            assertThat(d.doCheckBucket(job, "Bad_Bucket").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(d.doCheckPasswordCredentialsId(job, "nope").kind).isEqualTo(FormValidation.Kind.OK);
        }
        try (ACLContext ignored = ACL.as2(User.getById("dev", true).impersonate2())) {
            ListBoxModel ids = d.doFillPasswordCredentialsIdItems(job, "");
            assertThat(ids).extracting(o -> o.value).contains("pw", "pw2").doesNotContain("aws");
            assertThat(d.doFillAwsCredentialsIdItems(job, "")).extracting(o -> o.value).contains("aws");
            FormValidation bad = d.doCheckBucket(job, "Bad_Bucket");
            assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(bad.getMessage()).contains("bucket name &#039;Bad_Bucket&#039; is not valid");
            assertThat(d.doCheckPasswordCredentialsId(job, "nope").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(d.doCheckSource(job, "../x").kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(d.doCheckAwsCredentialsId(job, "aws").kind).isEqualTo(FormValidation.Kind.OK);
            assertThat(d.doCheckAwsCredentialsId(job, "pw").kind).as("a Secret text is no AWS key")
                    .isEqualTo(FormValidation.Kind.ERROR);
        }
        // No item: only administrators see anything.
        try (ACLContext ignored = ACL.as2(User.getById("dev", true).impersonate2())) {
            assertThat(d.doFillPasswordCredentialsIdItems(null, "")).extracting(o -> o.value).doesNotContain("pw", "pw2");
        }
    }

    @Test
    void webMethodsRefuseGet(JenkinsRule r) throws Exception {
        FreeStyleProject job = r.createFreeStyleProject("job");
        java.net.URI check = java.net.URI.create(r.getURL() + job.getUrl() + "descriptorByName/"
                + S3EncryptedPushBuilder.class.getName() + "/checkBucket?value=x");
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(check).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void snippetGeneratorRoundTripKeepsEveryParameter(JenkinsRule r) throws Exception {
        S3EncryptedPushStep push = new S3EncryptedPushStep("dist", "acme-backups", "pw");
        push.setPrefix("ci");
        push.setRegion("eu-west-1");
        push.setAwsCredentialsId("aws");
        push.setIncludes("**/*.jar");
        push.setDelete(true);
        push.setDryRun(true);
        push.setTransfers(8);
        push.setFilenameEncryption("off");
        new StepConfigTester(r).configRoundTrip(push);

        S3EncryptedPullStep pull = new S3EncryptedPullStep("acme-backups", "restored", "pw");
        pull.setMinGeneration(4);
        r.assertEqualDataBoundBeans(pull, new StepConfigTester(r).configRoundTrip(pull));

        ProvisionPrivateBucketStep prov = new ProvisionPrivateBucketStep("acme-backups", "eu-west-1");
        prov.setMode("destroy");
        prov.setForce(true);
        prov.setCredentialsIdForNewKey("backup-user");
        r.assertEqualDataBoundBeans(prov, new StepConfigTester(r).configRoundTrip(prov));

        EncryptDirStep enc = new EncryptDirStep("src", "vault", "pw");
        enc.setPassword2CredentialsId("pw2");
        r.assertEqualDataBoundBeans(enc, new StepConfigTester(r).configRoundTrip(enc));
        r.assertEqualDataBoundBeans(new DecryptDirStep("vault", "back", "pw"),
                new StepConfigTester(r).configRoundTrip(new DecryptDirStep("vault", "back", "pw")));
    }
}
