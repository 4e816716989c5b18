package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import com.cloudbees.hudson.plugins.folder.Folder;
import hudson.ExtensionComponent;
import hudson.model.Descriptor;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Result;
import hudson.model.StringParameterDefinition;
import hudson.model.StringParameterValue;
import hudson.tasks.ArtifactArchiver;
import hudson.tasks.Builder;
import hudson.tasks.Publisher;
import hudson.tasks.Shell;
import io.encsync.jenkins.freestyle.DecryptDirBuilder;
import io.encsync.jenkins.freestyle.EncryptDirBuilder;
import io.encsync.jenkins.freestyle.EncryptedBackupPublisher;
import io.encsync.jenkins.freestyle.ProvisionPrivateBucketBuilder;
import io.encsync.jenkins.freestyle.S3EncryptedPullBuilder;
import io.encsync.jenkins.freestyle.S3EncryptedPushBuilder;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.steps.AbstractCryptStep;
import io.encsync.jenkins.steps.AbstractS3Step;
import io.encsync.jenkins.steps.DecryptDirStep;
import io.encsync.jenkins.steps.EncryptDirStep;
import io.encsync.jenkins.steps.ProvisionPrivateBucketStep;
import io.encsync.jenkins.steps.S3EncryptedPullStep;
import io.encsync.jenkins.steps.S3EncryptedPushStep;
import java.io.StringReader;
import java.util.List;
import java.util.ResourceBundle;
import javax.xml.transform.stream.StreamSource;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.structs.SymbolLookup;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Freestyle build steps and the post-build action: each is its Pipeline step held as a nested
 * object, so these tests check the form round trips, real builds on an agent, build variables,
 * old configurations, and the backup's place after "Archive the artifacts".
 */
@WithJenkins
class FreestyleTest {

    /** A freestyle job in {@code folder} that runs {@code shell} on the agent. */
    private static FreeStyleProject onAgent(Folder folder, String name, String shell) throws Exception {
        FreeStyleProject p = folder.createProject(FreeStyleProject.class, name);
        p.setAssignedLabel(Label.get(Fixtures.AGENT));
        p.getBuildersList().add(new Shell(shell));
        return p;
    }

    /** Every field of push and pull set to something other than its default. */
    private static <S extends AbstractS3Step> S everyS3FieldChanged(S s) {
        s.getS3().setPrefix("ci/app");
        s.getS3().setRegion("eu-west-1");
        s.getS3().setEndpoint("https://minio.example.com:9000");
        s.getS3().setPathStyle(true);
        s.getS3().setAwsCredentialsId("aws");
        s.setIncludes("**/*.jar");
        s.setExcludes("**/*.tmp");
        s.setDelete(true);
        s.setDryRun(true);
        s.setTransfers(8);
        return everyCryptFieldChanged(s);
    }

    private static <S extends AbstractCryptStep> S everyCryptFieldChanged(S s) {
        s.getCrypt().setPassword2CredentialsId("pw2");
        s.getCrypt().setFilenameEncryption("obfuscate");
        s.getCrypt().setFilenameEncoding("base64");
        s.getCrypt().setDirectoryNameEncryption(false);
        return s;
    }

    @Test
    void thePushBuildStepKeepsEveryFieldThroughItsForm(JenkinsRule r) throws Exception {
        S3EncryptedPushBuilder push = new S3EncryptedPushBuilder(
                everyS3FieldChanged(new S3EncryptedPushStep("dist", new S3Location("acme-backups"), new CryptRemote("pw"))));
        r.assertEqualDataBoundBeans(push, r.configRoundtrip(push));
    }

    @Test
    void thePullBuildStepKeepsEveryFieldThroughItsForm(JenkinsRule r) throws Exception {
        S3EncryptedPullStep step = everyS3FieldChanged(new S3EncryptedPullStep(new S3Location("acme-backups"), "restored", new CryptRemote("pw")));
        step.setMinGeneration(3);
        S3EncryptedPullBuilder pull = new S3EncryptedPullBuilder(step);
        r.assertEqualDataBoundBeans(pull, r.configRoundtrip(pull));
    }

    @Test
    void theFolderBuildStepsKeepEveryFieldThroughTheirForms(JenkinsRule r) throws Exception {
        EncryptDirBuilder enc = new EncryptDirBuilder(everyCryptFieldChanged(new EncryptDirStep("src", "vault", new CryptRemote("pw"))));
        r.assertEqualDataBoundBeans(enc, r.configRoundtrip(enc));
        DecryptDirBuilder dec = new DecryptDirBuilder(everyCryptFieldChanged(new DecryptDirStep("vault", "back", new CryptRemote("pw"))));
        r.assertEqualDataBoundBeans(dec, r.configRoundtrip(dec));
    }

    @Test
    void theProvisioningBuildStepKeepsEveryFieldThroughItsForm(JenkinsRule r) throws Exception {
        ProvisionPrivateBucketStep step = new ProvisionPrivateBucketStep(Fixtures.location("acme-backups", "eu-west-1"));
        step.getS3().setAwsCredentialsId("aws-admin");
        step.setUserName("ci-backup");
        step.setUserPath("/ci/");
        step.setVersioning(false);
        step.setTlsOnly(false);
        step.setMode("destroy");
        step.setForce(true);
        step.setCredentialsIdForNewKey("backup-user");
        step.getS3().setEndpoint("https://minio.example.com:9000");
        ProvisionPrivateBucketBuilder prov = new ProvisionPrivateBucketBuilder(step);
        r.assertEqualDataBoundBeans(prov, r.configRoundtrip(prov));
    }

    @Test
    void theBackupActionKeepsEveryFieldThroughItsForm(JenkinsRule r) throws Exception {
        EncryptedBackupPublisher pub = new EncryptedBackupPublisher(
                everyS3FieldChanged(new S3EncryptedPushStep("target", new S3Location("acme-backups"), new CryptRemote("pw"))));
        pub.getPush().getS3().setPrefix("builds/${BUILD_NUMBER}");
        pub.setOnFailure(true);
        r.assertEqualDataBoundBeans(pub, r.configRoundtrip(pub));
    }

    @Test
    void buildStepsRunOnTheAgent(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        try (LogRecorder controllerLog = Fixtures.controllerLog()) {
            FreeStyleProject p = onAgent(folder, "fs", "mkdir -p out && echo artifact > out/app.jar && echo note > out/n.txt");
            p.getBuildersList().add(new EncryptDirBuilder(new EncryptDirStep("out", "vault", new CryptRemote("pw"))));
            p.getBuildersList().add(new DecryptDirBuilder(new DecryptDirStep("vault", "back", new CryptRemote("pw"))));
            S3EncryptedPushStep push = Fixtures.onMoto(new S3EncryptedPushStep("out", new S3Location(bucket), new CryptRemote("pw")));
            push.getS3().setPrefix("step");
            p.getBuildersList().add(new S3EncryptedPushBuilder(push));

            FreeStyleBuild b = r.buildAndAssertSuccess(p);

            assertThat(b.getBuiltOnStr()).isNotEmpty();
            assertThat(b.getWorkspace().child("back/app.jar").readToString()).isEqualTo("artifact\n");
            assertThat(Fixtures.keys(bucket)).anyMatch(k -> k.startsWith("step/"));

            // A restore job: pull what the build step pushed; plan a bucket with the provisioning step.
            FreeStyleProject restore = folder.createProject(FreeStyleProject.class, "restore");
            restore.setAssignedLabel(Label.get(Fixtures.AGENT));
            S3EncryptedPullStep pull = Fixtures.onMoto(new S3EncryptedPullStep(new S3Location(bucket), "restored", new CryptRemote("pw")));
            pull.getS3().setPrefix("step");
            pull.setMinGeneration(1);
            restore.getBuildersList().add(new S3EncryptedPullBuilder(pull));
            ProvisionPrivateBucketStep plan = new ProvisionPrivateBucketStep(Fixtures.location("planned-" + bucket, "us-east-1"));
            plan.setMode("plan");
            plan.getS3().setAwsCredentialsId("aws");
            plan.getS3().setEndpoint(Fixtures.endpoint());
            plan.setTlsOnly(false);
            restore.getBuildersList().add(new ProvisionPrivateBucketBuilder(plan));
            FreeStyleBuild rb = r.buildAndAssertSuccess(restore);
            assertThat(rb.getWorkspace().child("restored/app.jar").readToString()).isEqualTo("artifact\n");
            r.assertLogContains("Pulled from s3://" + bucket + "/step", rb);
            r.assertLogContains("Planning private bucket s3://planned-" + bucket, rb);
            assertThat(Fixtures.bucketExists("planned-" + bucket)).isFalse();
            Fixtures.assertNoSecretAnywhere(r, controllerLog);
        }
    }

    @Test
    void theBackupActionPushesWhatArchiveTheArtifactsKept(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        Fixtures.allowOnController(Fixtures.endpoint()); // archived artifacts are pushed from the controller
        String bucket = Fixtures.newBucket();
        FreeStyleProject p = onAgent(folder, "fs", "mkdir -p out && echo artifact > out/app.jar && echo note > out/n.txt");

        p.getPublishersList().add(new ArtifactArchiver("out/*.jar"));
        S3EncryptedPushStep push = Fixtures.onMoto(new S3EncryptedPushStep(null, new S3Location(bucket), new CryptRemote("pw")));
        push.getS3().setPrefix("archive/${BUILD_NUMBER}");
        p.getPublishersList().add(new EncryptedBackupPublisher(push));

        FreeStyleBuild b = r.buildAndAssertSuccess(p);

        r.assertLogContains("Pushed to s3://" + bucket + "/archive/" + b.getNumber(), b);
        r.assertLogContains("1 transferred", b);
        assertThat(Fixtures.keys(bucket)).anyMatch(k -> k.startsWith("archive/" + b.getNumber() + "/"));
    }

    @Test
    void theBackupActionPushesAWorkspaceFolderOnTheAgent(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        FreeStyleProject p = onAgent(folder, "fs", "mkdir -p out && echo a > out/a.txt && echo b > out/b.log");

        S3EncryptedPushStep push = Fixtures.onMoto(new S3EncryptedPushStep("out", new S3Location(bucket), new CryptRemote("pw")));
        push.setIncludes("*.txt");
        p.getPublishersList().add(new EncryptedBackupPublisher(push));
        FreeStyleBuild b = r.buildAndAssertSuccess(p);
        r.assertLogContains("1 transferred", b);
    }

    /** Defect 5: archived artifacts are pushed from the controller, so an empty credential is refused. */
    @Test
    void theBackupOfArchivedArtifactsNeedsAnAwsCredential(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        FreeStyleProject p = onAgent(folder, "fs", "mkdir -p out && echo artifact > out/app.jar");

        p.getPublishersList().add(new ArtifactArchiver("out/*.jar"));
        S3EncryptedPushStep push = new S3EncryptedPushStep(null, new S3Location(bucket), new CryptRemote("pw"));
        push.getS3().setRegion("us-east-1");
        push.getS3().setEndpoint(Fixtures.endpoint());
        push.getS3().setPathStyle(true);
        p.getPublishersList().add(new EncryptedBackupPublisher(push));

        FreeStyleBuild b = r.buildAndAssertStatus(Result.FAILURE, p);

        r.assertLogContains("awsCredentialsId must be set: this action runs inside the Jenkins controller", b);
        assertThat(Fixtures.keys(bucket)).isEmpty();
    }

    @Test
    void theBackupActionSkipsFailedBuildsUnlessAskedTo(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.folder(r);
        String bucket = Fixtures.newBucket();
        FreeStyleProject p = folder.createProject(FreeStyleProject.class, "fs");
        p.getBuildersList().add(new Shell("exit 1"));
        EncryptedBackupPublisher backup = new EncryptedBackupPublisher(Fixtures.onMoto(new S3EncryptedPushStep(null, new S3Location(bucket), new CryptRemote("pw"))));
        p.getPublishersList().add(backup);
        r.assertLogContains("Encrypted backup to S3 skipped: the build is FAILURE", r.buildAndAssertStatus(Result.FAILURE, p));
        assertThat(Fixtures.keys(bucket)).isEmpty();
    }

    /** Defect 7: freestyle text fields expand build variables and parameters. */
    @Test
    void freestyleTextFieldsExpandBuildVariables(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        FreeStyleProject p = onAgent(folder, "fs", "mkdir -p out-$BUILD_NUMBER && echo a > out-$BUILD_NUMBER/a.txt");
        p.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("BUCKET", ""),
                new StringParameterDefinition("DIR", "")));
        S3EncryptedPushStep push = Fixtures.onMoto(new S3EncryptedPushStep("${DIR}-${BUILD_NUMBER}", new S3Location("${BUCKET}"), new CryptRemote("pw")));
        push.getS3().setPrefix("jobs/${JOB_BASE_NAME}/${BUILD_NUMBER}");
        p.getBuildersList().add(new S3EncryptedPushBuilder(push));
        p.getBuildersList().add(new EncryptDirBuilder(new EncryptDirStep("${DIR}-${BUILD_NUMBER}", "vault-${BUILD_NUMBER}", new CryptRemote("pw"))));

        FreeStyleBuild b = r.assertBuildStatusSuccess(p.scheduleBuild2(0, new ParametersAction(
                new StringParameterValue("BUCKET", bucket), new StringParameterValue("DIR", "out"))));

        assertThat(Fixtures.keys(bucket)).anyMatch(k -> k.startsWith("jobs/fs/" + b.getNumber() + "/"));
        assertThat(b.getWorkspace().child("vault-" + b.getNumber()).exists()).isTrue();
        // The configuration keeps the variables, not what they expanded to.
        assertThat(((S3EncryptedPushBuilder) p.getBuildersList().get(1)).getStep().getS3().getBucket()).isEqualTo("${BUCKET}");
    }

    /**
     * Defect 7: a configuration saved before fields with non-Java defaults existed (no
     * {@code transfers}, {@code tlsOnly}, {@code versioning}, {@code directoryNameEncryption},
     * {@code filenameEncryption}, {@code filenameEncoding}, {@code mode}) loads with the documented
     * defaults, not with 0, false and null.
     */
    @Test
    void anOldConfigXmlLoadsWithTheDocumentedDefaults(JenkinsRule r) throws Exception {
        FreeStyleProject p = r.createFreeStyleProject("old");
        S3EncryptedPushStep push = new S3EncryptedPushStep("dist", new S3Location("acme-backups"), new CryptRemote("pw"));
        push.setTransfers(9);
        push.getCrypt().setDirectoryNameEncryption(false);
        push.getCrypt().setFilenameEncryption("off");
        push.getCrypt().setFilenameEncoding("base64");
        p.getBuildersList().add(new S3EncryptedPushBuilder(push));
        ProvisionPrivateBucketStep prov = new ProvisionPrivateBucketStep(Fixtures.location("acme-backups", "eu-west-1"));
        prov.setTlsOnly(false);
        prov.setVersioning(false);
        prov.setMode("plan");
        p.getBuildersList().add(new ProvisionPrivateBucketBuilder(prov));
        p.getPublishersList().add(new EncryptedBackupPublisher(new S3EncryptedPushStep(null, new S3Location("acme-backups"), new CryptRemote("pw"))));
        p.save();
        String xml = p.getConfigFile().asString();
        String old = xml;
        for (String field : List.of("transfers", "directoryNameEncryption", "filenameEncryption", "filenameEncoding",
                "tlsOnly", "versioning", "mode")) {
            assertThat(old).as("the saved configuration has %s", field).contains("<" + field + ">");
            old = old.replaceAll("\\s*<" + field + ">[^<]*</" + field + ">", "");
        }

        p.updateByXml(new StreamSource(new StringReader(old)));

        FreeStyleProject loaded = (FreeStyleProject) r.jenkins.getItemByFullName("old");
        S3EncryptedPushStep pushed = loaded.getBuildersList().get(S3EncryptedPushBuilder.class).getStep();
        assertThat(pushed.getTransfers()).isEqualTo(4);
        assertThat(pushed.getCrypt().isDirectoryNameEncryption()).isTrue();
        assertThat(pushed.getCrypt().getFilenameEncryption()).isEqualTo("standard");
        assertThat(pushed.getCrypt().getFilenameEncoding()).isEqualTo("base32");
        assertThat(pushed.getS3().getBucket()).isEqualTo("acme-backups");
        ProvisionPrivateBucketStep provisioned = loaded.getBuildersList().get(ProvisionPrivateBucketBuilder.class).getStep();
        assertThat(provisioned.isTlsOnly()).isTrue();
        assertThat(provisioned.isVersioning()).isTrue();
        assertThat(provisioned.getMode()).isEqualTo("apply");
        EncryptedBackupPublisher backup = loaded.getPublishersList().get(EncryptedBackupPublisher.class);
        assertThat(backup.getPush().getTransfers()).isEqualTo(4);
        assertThat(backup.isOnFailure()).isFalse();
    }

    /** Defect 7: a builder has no Pipeline name of its own (the step is the Pipeline face of each action). */
    @Test
    void buildStepsHaveNoPipelineSymbolOfTheirOwn(JenkinsRule r) {
        for (Descriptor<Builder> d : Builder.all()) {
            if (d.clazz.getName().startsWith("io.encsync.")) {
                assertThat(SymbolLookup.getSymbolValue(d)).as("symbols of %s", d.clazz.getSimpleName()).isEmpty();
            }
        }
        assertThat(SymbolLookup.get().findDescriptor(Builder.class, "s3EncryptedPushBuilder")).isNull();
    }

    /** Defect 7: the backup sorts after "Archive the artifacts" by ordinal, not by its display name. */
    @Test
    void theBackupActionIsOrderedAfterArchiveTheArtifacts(JenkinsRule r) {
        double archiver = ordinal(ArtifactArchiver.DescriptorImpl.class);
        double backup = ordinal(EncryptedBackupPublisher.DescriptorImpl.class);
        assertThat(backup).as("the backup's ordinal").isLessThan(archiver);
        List<Descriptor<Publisher>> order = Publisher.all();
        assertThat(order.indexOf(r.jenkins.getDescriptorByType(EncryptedBackupPublisher.DescriptorImpl.class)))
                .isGreaterThan(order.indexOf(r.jenkins.getDescriptorByType(ArtifactArchiver.DescriptorImpl.class)));
    }

    private static double ordinal(Class<?> descriptorType) {
        for (ExtensionComponent<Descriptor> c : Jenkins.get().getExtensionList(Descriptor.class).getComponents()) {
            if (descriptorType.isInstance(c.getInstance())) {
                return c.ordinal();
            }
        }
        throw new AssertionError("no extension " + descriptorType.getName());
    }

    /** Defect 7: display names (and the plugin's own messages) come from Messages.properties. */
    @Test
    void displayNamesComeFromMessagesProperties(JenkinsRule r) {
        ResourceBundle bundle = ResourceBundle.getBundle("io.encsync.jenkins.support.Messages");
        assertThat(r.jenkins.getDescriptorByType(S3EncryptedPushStep.DescriptorImpl.class).getDisplayName())
                .isEqualTo(bundle.getString("S3EncryptedPushStep.DisplayName"));
        assertThat(r.jenkins.getDescriptorByType(S3EncryptedPushBuilder.DescriptorImpl.class).getDisplayName())
                .isEqualTo(bundle.getString("S3EncryptedPushStep.DisplayName"));
        assertThat(r.jenkins.getDescriptorByType(EncryptedBackupPublisher.DescriptorImpl.class).getDisplayName())
                .isEqualTo(bundle.getString("EncryptedBackupPublisher.DisplayName"));
        assertThat(r.jenkins.getDescriptorByType(ProvisionPrivateBucketBuilder.DescriptorImpl.class).getDisplayName())
                .isEqualTo(bundle.getString("ProvisionPrivateBucketStep.DisplayName"));
        assertThat(bundle.keySet()).contains("IssuedKeyStore.RunsAsSystem", "CredentialLookup.DefaultChainOnController");
    }
}
