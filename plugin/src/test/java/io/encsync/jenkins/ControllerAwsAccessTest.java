package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.tasks.ArtifactArchiver;
import hudson.tasks.Shell;
import io.encsync.core.testing.FaultProxy;
import io.encsync.core.testing.MotoServer;
import io.encsync.jenkins.freestyle.EncryptedBackupPublisher;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.steps.S3EncryptedPushStep;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Issue #18, defect 5 and the backup action's endpoint: what the controller's own JVM may reach
 * on a job's behalf. The backup action pushes archived artifacts from inside the controller, so a
 * job author chooses a bucket and an endpoint the controller then contacts, with a credential the
 * job may use. Requests are counted at a loopback proxy in front of moto.
 */
@WithJenkins
class ControllerAwsAccessTest {

    /** A freestyle job on the agent that archives out/app.jar and backs it up with {@code awsCredentialsId}. */
    private static FreeStyleProject backupJob(Folder folder, String bucket, String endpoint, String awsCredentialsId)
            throws Exception {
        FreeStyleProject p = folder.createProject(FreeStyleProject.class, "fs");
        p.setAssignedLabel(Label.get(Fixtures.AGENT));
        p.getBuildersList().add(new Shell("mkdir -p out && echo artifact > out/app.jar"));
        p.getPublishersList().add(new ArtifactArchiver("out/*.jar"));
        S3EncryptedPushStep push = new S3EncryptedPushStep(null, new S3Location(bucket), new CryptRemote("pw"));
        push.getS3().setRegion("us-east-1");
        push.getS3().setEndpoint(endpoint);
        push.getS3().setPathStyle(true);
        push.getS3().setAwsCredentialsId(awsCredentialsId);
        p.getPublishersList().add(new EncryptedBackupPublisher(push));
        return p;
    }

    /** The controller's own AWS identity: moto's keys as the SDK's system properties in this (the controller's) JVM. */
    private static AutoCloseable controllerIdentity() {
        System.setProperty("aws.accessKeyId", Fixtures.KEY_ID);
        System.setProperty("aws.secretAccessKey", Fixtures.SECRET_KEY);
        return () -> {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        };
    }

    private static void addGlobalCredentialWithoutKeys() throws Exception {
        SystemCredentialsProvider.getInstance().getCredentials().add(new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                "no-keys", "", "", "the controller's identity?"));
        SystemCredentialsProvider.getInstance().save();
    }

    @Test
    void aGlobalCredentialWithoutKeysDoesNotLendTheControllersIdentityToAJob(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        addGlobalCredentialWithoutKeys();
        String bucket = Fixtures.newBucket();
        try (FaultProxy moto = FaultProxy.start(MotoServer.shared().endpoint()); AutoCloseable id = controllerIdentity()) {
            Fixtures.allowOnController(moto.endpoint().toString());
            FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE,
                    backupJob(folder, bucket, moto.endpoint().toString(), "no-keys"));
            r.assertLogContains("AWS credential 'no-keys' has no access key", b);
            r.assertLogContains("the controller's own AWS identity", b);
            assertThat(moto.requests()).as("requests that reached moto").isEmpty();
            assertThat(Fixtures.keys(bucket)).isEmpty();
        }
    }

    @Test
    void anAdministratorMayLetCredentialsWithoutKeysUseTheControllersIdentity(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        addGlobalCredentialWithoutKeys();
        EncsyncConfiguration.get().setAllowControllerAwsIdentity(true);
        String bucket = Fixtures.newBucket();
        try (FaultProxy moto = FaultProxy.start(MotoServer.shared().endpoint()); AutoCloseable id = controllerIdentity()) {
            Fixtures.allowOnController(moto.endpoint().toString());
            FreeStyleBuild b = r.buildAndAssertSuccess(backupJob(folder, bucket, moto.endpoint().toString(), "no-keys"));
            r.assertLogContains("1 transferred", b);
            assertThat(moto.requests()).isNotEmpty();
        }
    }

    @Test
    void theBackupActionContactsOnlyEndpointsAnAdministratorAllows(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        try (FaultProxy moto = FaultProxy.start(MotoServer.shared().endpoint())) {
            String endpoint = moto.endpoint().toString();
            FreeStyleProject p = backupJob(folder, bucket, endpoint, "aws");
            FreeStyleBuild refused = r.buildAndAssertStatus(Result.FAILURE, p);
            r.assertLogContains("endpoint " + endpoint + " is not one the controller may contact", refused);
            assertThat(moto.requests()).as("requests the controller sent to the job's endpoint").isEmpty();

            Fixtures.allowOnController("https://minio.example.com:9000\n" + endpoint + "/");
            r.assertLogContains("1 transferred", r.buildAndAssertSuccess(p));
            assertThat(moto.requests()).isNotEmpty();
        }
    }

    @Test
    void theAdministratorsSettingsKeepTheirValuesThroughTheFormAndRefuseBadOnes(JenkinsRule r) throws Exception {
        EncsyncConfiguration config = EncsyncConfiguration.get();
        assertThat(config.isAllowControllerAwsIdentity()).as("default").isFalse();
        assertThat(config.getRoleSessionSeconds()).as("default").isEqualTo(3600);
        assertThat(config.getControllerEndpoints()).as("default: AWS only").isEmpty();
        config.setAllowControllerAwsIdentity(true);
        config.setRoleSessionSeconds(7200);
        config.setControllerEndpoints("https://minio.example.com:9000\nhttp://127.0.0.1:9000");
        r.configRoundtrip();
        config = EncsyncConfiguration.get();
        assertThat(config.isAllowControllerAwsIdentity()).isTrue();
        assertThat(config.getRoleSessionSeconds()).isEqualTo(7200);
        assertThat(config.controllerEndpoints().entries()).containsExactly("https://minio.example.com:9000",
                "http://127.0.0.1:9000");

        EncsyncConfiguration c = config;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.setRoleSessionSeconds(60))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("role session duration must be 900-43200 seconds (15 minutes to 12 hours), was 60");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.setControllerEndpoints("ftp://files.example.com"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("allowed endpoint on line 1:");
        assertThat(c.getRoleSessionSeconds()).as("unchanged by a refused value").isEqualTo(7200);
        assertThat(c.doCheckRoleSessionSeconds("60").kind).isEqualTo(hudson.util.FormValidation.Kind.ERROR);
        assertThat(c.doCheckRoleSessionSeconds("an hour").getMessage()).contains("whole number of seconds");
        assertThat(c.doCheckRoleSessionSeconds("43200").kind).isEqualTo(hudson.util.FormValidation.Kind.OK);
        assertThat(c.doCheckControllerEndpoints("http://ok.example.com\nhttp://a b").getMessage())
                .contains("allowed endpoint on line 2");
    }
}
