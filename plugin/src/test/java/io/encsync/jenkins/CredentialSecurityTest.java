package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.User;
import hudson.security.Permission;
import hudson.util.Secret;
import io.encsync.core.aws.IssuedKey;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Provisioning writes credentials only where the build's own user may, never as SYSTEM unless an
 * administrator allows it, and only ever replaces or removes what provisioning created for the
 * same bucket. Every refusal comes before anything is created in AWS (defects 2 and 3).
 */
@WithJenkins
class CredentialSecurityTest {
    private static final String KEY_ID = "backup-user";

    private static WorkflowJob provision(Folder folder, String name, String bucket, String mode, String keyId)
            throws Exception {
        return Fixtures.pipeline(folder, name, """
                node('remote') {
                  def res = provisionPrivateBucket(bucket: '%s', region: 'us-east-1', mode: '%s', force: true,
                      awsCredentialsId: 'aws', endpoint: '%s', tlsOnly: false, credentialsIdForNewKey: '%s')
                  echo "provisioned mode=${res.mode} changed=${res.changed}"
                }
                """.formatted(bucket, mode, Fixtures.endpoint(), keyId));
    }

    /** Builds of {@code jobs} run as "dev", who holds the usual build permissions plus {@code credentialPermissions}. */
    private static void runAsDev(JenkinsRule r, List<WorkflowJob> jobs, Permission... credentialPermissions) {
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        List<Permission> granted = new ArrayList<>(List.of(Jenkins.READ, Item.READ, Item.DISCOVER, Item.BUILD,
                Computer.BUILD, CredentialsProvider.USE_ITEM, CredentialsProvider.VIEW));
        granted.addAll(List.of(credentialPermissions));
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(granted.toArray(new Permission[0])).everywhere().to("dev"));
        MockQueueItemAuthenticator auth = new MockQueueItemAuthenticator();
        for (WorkflowJob job : jobs) {
            auth.authenticate(job.getFullName(), User.getById("dev", true).impersonate2());
        }
        QueueItemAuthenticatorConfiguration.get().getAuthenticators().add(auth);
    }

    private static void assertNothingCreated(String bucket, Folder folder) {
        assertThat(Fixtures.bucketExists(bucket)).as("bucket created although the key could not be stored").isFalse();
        assertThat(Fixtures.find(folder, KEY_ID)).isNull();
    }

    @Test
    void asSystemNothingIsStoredAndNothingIsCreatedByDefault(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucketName("sys");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, provision(folder, "p", bucket, "apply", KEY_ID));
        r.assertLogContains("this build runs as SYSTEM", b);
        r.assertLogContains("Authorize Project", b);
        r.assertLogNotContains("Provisioning private bucket", b);
        assertNothingCreated(bucket, folder);
    }

    @Test
    void asSystemAnAdministratorMayAllowIt(JenkinsRule r) throws Exception {
        Fixtures.allowSystemToStoreKeys(true);
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucketName("sys-ok");
        r.assertLogContains("provisioned mode=apply changed=true",
                r.buildAndAssertSuccess(provision(folder, "p", bucket, "apply", KEY_ID)));
        AWSCredentialsImpl stored = (AWSCredentialsImpl) Fixtures.find(folder, KEY_ID);
        assertThat(IssuedKey.isCredentialFor(stored.getDescription(), bucket)).isTrue();
        r.assertLogContains("provisioned mode=destroy changed=true",
                r.buildAndAssertSuccess(provision(folder, "teardown", bucket, "destroy", KEY_ID)));
        assertThat(Fixtures.find(folder, KEY_ID)).isNull();
    }

    @Test
    void aUserWithoutCreatePermissionCannotStoreAndNothingIsCreated(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucketName("nocreate");
        WorkflowJob p = provision(folder, "p", bucket, "apply", KEY_ID);
        runAsDev(r, List.of(p), CredentialsProvider.UPDATE, CredentialsProvider.DELETE);
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("the build runs as dev, who lacks Credentials/Create", b);
        assertNothingCreated(bucket, folder);
    }

    @Test
    void aUserWithoutUpdatePermissionCannotReplaceAndNothingIsCreated(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucketName("noupdate");
        AWSCredentialsImpl earlier = new AWSCredentialsImpl(CredentialsScope.GLOBAL, KEY_ID, "AKIAEARLIERKEY000001",
                "earlier-secret", IssuedKey.credentialDescription(bucket, "an earlier build"));
        Fixtures.storeOf(folder).addCredentials(Domain.global(), earlier);
        WorkflowJob p = provision(folder, "p", bucket, "apply", KEY_ID);
        runAsDev(r, List.of(p), CredentialsProvider.CREATE, CredentialsProvider.DELETE);
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("the build runs as dev, who lacks Credentials/Update", b);
        assertThat(Fixtures.bucketExists(bucket)).isFalse();
        assertThat(((AWSCredentialsImpl) Fixtures.find(folder, KEY_ID)).getAccessKey()).isEqualTo("AKIAEARLIERKEY000001");
    }

    @Test
    void aUserWithoutDeletePermissionCannotRemoveAndNothingIsDestroyed(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucketName("nodelete");
        WorkflowJob apply = provision(folder, "apply", bucket, "apply", KEY_ID);
        WorkflowJob destroy = provision(folder, "destroy", bucket, "destroy", KEY_ID);
        runAsDev(r, List.of(apply, destroy), CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
        r.assertLogContains("provisioned mode=apply changed=true", r.buildAndAssertSuccess(apply));
        assertThat(Fixtures.find(folder, KEY_ID)).isNotNull();

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, destroy);
        r.assertLogContains("the build runs as dev, who lacks Credentials/Delete", b);
        r.assertLogNotContains("Destroying bucket", b);
        assertThat(Fixtures.bucketExists(bucket)).as("refused before destroying").isTrue();
        assertThat(Fixtures.find(folder, KEY_ID)).isNotNull();
    }

    @Test
    void aUserWithThePermissionsStoresAndRemovesTheKey(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucketName("user");
        WorkflowJob apply = provision(folder, "apply", bucket, "apply", KEY_ID);
        WorkflowJob destroy = provision(folder, "destroy", bucket, "destroy", KEY_ID);
        runAsDev(r, List.of(apply, destroy), CredentialsProvider.CREATE, CredentialsProvider.UPDATE,
                CredentialsProvider.DELETE);
        WorkflowRun made = r.buildAndAssertSuccess(apply);
        r.assertLogContains("as credential 'backup-user' in", made);
        AWSCredentialsImpl stored = (AWSCredentialsImpl) Fixtures.find(folder, KEY_ID);
        assertThat(stored.getDescription()).endsWith("[encsync-provisioned s3://" + bucket + "]");
        r.assertLogContains("Removed credential 'backup-user'", r.buildAndAssertSuccess(destroy));
        assertThat(Fixtures.find(folder, KEY_ID)).isNull();
        assertThat(Fixtures.bucketExists(bucket)).isFalse();
    }

    @Test
    void aCredentialProvisioningDidNotCreateIsNeverReplacedOrRemoved(JenkinsRule r) throws Exception {
        Fixtures.allowSystemToStoreKeys(true);
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucketName("foreign");
        Fixtures.storeOf(folder).addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "github-token", "someone's token", Secret.fromString("ghp_not-ours")));

        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, provision(folder, "p", bucket, "apply", "github-token"));
        r.assertLogContains("credential 'github-token' in", b);
        r.assertLogContains("was not created by provisioning s3://" + bucket, b);
        assertThat(Fixtures.bucketExists(bucket)).isFalse();

        WorkflowRun d = r.buildAndAssertStatus(Result.FAILURE, provision(folder, "d", bucket, "destroy", "github-token"));
        r.assertLogContains("was not created by provisioning", d);
        Credentials still = Fixtures.find(folder, "github-token");
        assertThat(still).isInstanceOf(StringCredentials.class);
        assertThat(((StringCredentials) still).getSecret().getPlainText()).isEqualTo("ghp_not-ours");
    }

    @Test
    void aProvisionedCredentialOfAnotherBucketIsLeftAlone(JenkinsRule r) throws Exception {
        Fixtures.allowSystemToStoreKeys(true);
        Folder folder = Fixtures.agentAndFolder(r);
        String other = Fixtures.newBucketName("other");
        String bucket = Fixtures.newBucketName("mine");
        Fixtures.storeOf(folder).addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL, KEY_ID,
                "AKIAOTHERBUCKET00001", "other-secret", IssuedKey.credentialDescription(other, "another job")));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, provision(folder, "p", bucket, "apply", KEY_ID));
        r.assertLogContains("was not created by provisioning s3://" + bucket, b);
        assertThat(Fixtures.bucketExists(bucket)).isFalse();
        assertThat(((AWSCredentialsImpl) Fixtures.find(folder, KEY_ID)).getAccessKey()).isEqualTo("AKIAOTHERBUCKET00001");
    }

    @Test
    void anInvalidCredentialIdIsRefusedBeforeAnythingIsCreated(JenkinsRule r) throws Exception {
        Fixtures.allowSystemToStoreKeys(true);
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucketName("badid");
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, provision(folder, "p", bucket, "apply", "bad id!"));
        r.assertLogContains("credentialsIdForNewKey 'bad id!' is not a valid credential id", b);
        assertThat(Fixtures.bucketExists(bucket)).isFalse();
    }
}
