package io.encsync.jenkins;

import static io.encsync.jenkins.Fixtures.s3Args;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The README recipe end to end on an agent: plan → apply (the key stored as a credential) → push
 * with the new key → pull → destroy (the credential removed). Builds here run as SYSTEM, so the
 * administrator's switch that allows storing keys as SYSTEM is on ({@link CredentialSecurityTest}
 * covers it off, and builds that run as a user).
 */
@WithJenkins
class ProvisionStepTest {

    @Test
    void recipeProvisionPushPullDestroy(JenkinsRule r) throws Exception {
        Fixtures.allowSystemToStoreKeys(true);
        Folder folder = Fixtures.agentAndFolder(r);
        try (LogRecorder controllerLog = Fixtures.controllerLog()) {
            String bucket = "recipe-" + java.util.UUID.randomUUID().toString().substring(0, 8);
            String endpoint = Fixtures.endpoint();
            WorkflowJob p = folder.createProject(WorkflowJob.class, "recipe");
            p.setDefinition(new CpsFlowDefinition("""
                    node('remote') {
                      def plan = provisionPrivateBucket(bucket: '%1$s', region: 'us-east-1', mode: 'plan',
                          awsCredentialsId: 'aws', endpoint: '%2$s', tlsOnly: false)
                      echo "plan changes=${plan.changes} changed=${plan.changed}"
                      def made = provisionPrivateBucket(bucket: '%1$s', region: 'us-east-1', awsCredentialsId: 'aws',
                          endpoint: '%2$s', tlsOnly: false, credentialsIdForNewKey: 'backup-user')
                      echo "apply changed=${made.changed} user=${made.userName}"
                      writeFile file: 'dist/app.txt', text: 'release 1'
                      def pushed = s3EncryptedPush(source: 'dist', bucket: '%1$s', region: 'us-east-1', endpoint: '%2$s',
                          pathStyle: true, awsCredentialsId: 'backup-user', passwordCredentialsId: 'pw')
                      def pulled = s3EncryptedPull(bucket: '%1$s', target: 'restored', region: 'us-east-1', endpoint: '%2$s',
                          pathStyle: true, awsCredentialsId: 'backup-user', passwordCredentialsId: 'pw',
                          minGeneration: pushed.generation)
                      echo "restored=${readFile 'restored/app.txt'}"
                    }
                    """.formatted(bucket, endpoint), true));

            WorkflowRun b = r.buildAndAssertSuccess(p);

            r.assertLogContains("plan changes=", b);
            r.assertLogContains("changed=false", b);
            r.assertLogContains("apply changed=true user=encsync-" + bucket, b);
            r.assertLogContains("as credential 'backup-user' in", b);
            r.assertLogContains("restored=release 1", b);
            AWSCredentialsImpl stored = (AWSCredentialsImpl) Fixtures.find(folder, "backup-user");
            assertThat(stored).as("the new key went to the job's folder store").isNotNull();
            assertThat(stored.getDescription()).endsWith("[encsync-provisioned s3://" + bucket + "]");
            r.assertLogContains("Stored the new access key " + stored.getAccessKey() + " as credential 'backup-user'", b);
            String newSecret = stored.getSecretKey().getPlainText();
            Fixtures.assertNoSecretAnywhere(r, controllerLog, newSecret);

            WorkflowJob teardown = folder.createProject(WorkflowJob.class, "teardown");
            teardown.setDefinition(new CpsFlowDefinition("""
                    node('remote') {
                      def gone = provisionPrivateBucket(bucket: '%1$s', region: 'us-east-1', mode: 'destroy', force: true,
                          awsCredentialsId: 'aws', endpoint: '%2$s', tlsOnly: false, credentialsIdForNewKey: 'backup-user')
                      echo "destroy changed=${gone.changed}"
                    }
                    """.formatted(bucket, endpoint), true));
            WorkflowRun d = r.buildAndAssertSuccess(teardown);
            r.assertLogContains("destroy changed=true", d);
            r.assertLogContains("Removed credential 'backup-user'", d);
            assertThat(Fixtures.find(folder, "backup-user")).isNull();
            assertThat(Fixtures.bucketExists(bucket)).isFalse();
            Fixtures.assertNoSecretAnywhere(r, controllerLog, newSecret);
        }
    }

    /**
     * Issue #10's acceptance order in one Pipeline on the agent: encryptDir then decryptDir; a push,
     * a pull into a fresh folder (compared byte for byte on the agent), a second push that moves
     * nothing; then provisioning apply, a push with the key it issued, and destroy. Each step's map
     * is printed whole, so the documented keys and their values are asserted exactly.
     */
    @Test
    void everyStepRunsInTheRecipeOrderInOnePipelineOnTheAgent(JenkinsRule r) throws Exception {
        Fixtures.allowSystemToStoreKeys(true);
        Folder folder = Fixtures.agentAndFolder(r);
        String data = Fixtures.newBucket();
        String bucket = Fixtures.newBucketName("recipe");
        String endpoint = Fixtures.endpoint();
        try (LogRecorder controllerLog = Fixtures.controllerLog()) {
            WorkflowJob p = Fixtures.pipeline(folder, "ordered", """
                    node('remote') {
                      sh 'mkdir -p src/docs && head -c 300000 /dev/urandom > src/blob.bin && printf beta > src/docs/b.md'
                      echo "encryptDir=${encryptDir(source: 'src', target: 'vault', passwordCredentialsId: 'pw')}"
                      echo "decryptDir=${decryptDir(source: 'vault', target: 'back', passwordCredentialsId: 'pw')}"
                      sh 'diff -r src back && echo DIR-ROUND-TRIP-IDENTICAL'
                      echo "push=${s3EncryptedPush(source: 'src', prefix: 'ci', %1$s)}"
                      echo "pull=${s3EncryptedPull(target: 'fresh', prefix: 'ci', %1$s)}"
                      sh 'diff -r src fresh && echo PULL-IDENTICAL'
                      echo "again=${s3EncryptedPush(source: 'src', prefix: 'ci', %1$s)}"
                      def made = provisionPrivateBucket(bucket: '%2$s', region: 'us-east-1', awsCredentialsId: 'aws',
                          endpoint: '%3$s', tlsOnly: false, credentialsIdForNewKey: 'backup-user')
                      echo "apply=${made.findAll { it.key != 'accessKeyId' }} keyIssued=${made.accessKeyId ==~ /AKIA[A-Z0-9]{16}/}"
                      def issuedPush = s3EncryptedPush(source: 'src', bucket: '%2$s', region: 'us-east-1', endpoint: '%3$s',
                          pathStyle: true, awsCredentialsId: 'backup-user', passwordCredentialsId: 'pw')
                      echo "issuedPush=${issuedPush}"
                      def gone = provisionPrivateBucket(bucket: '%2$s', region: 'us-east-1', mode: 'destroy', force: true,
                          awsCredentialsId: 'aws', endpoint: '%3$s', tlsOnly: false, credentialsIdForNewKey: 'backup-user')
                      echo "destroy=${gone}"
                    }
                    """.formatted(s3Args(data), bucket, endpoint));

            WorkflowRun b = r.buildAndAssertSuccess(p);

            String two = "transferred:2, unchanged:0, deleted:0, bytes:300004, ";
            r.assertLogContains("encryptDir=[" + two + "generation:1, dryRun:false]", b);
            r.assertLogContains("decryptDir=[" + two + "generation:1, dryRun:false]", b);
            r.assertLogContains("DIR-ROUND-TRIP-IDENTICAL", b);
            r.assertLogContains("push=[" + two + "generation:1, dryRun:false]", b);
            r.assertLogContains("pull=[" + two + "generation:1, dryRun:false]", b);
            r.assertLogContains("PULL-IDENTICAL", b);
            r.assertLogContains("again=[transferred:0, unchanged:2, deleted:0, bytes:0, generation:1, dryRun:false]", b);
            r.assertLogContains("apply=[mode:apply, bucket:" + bucket + ", userName:encsync-" + bucket, b);
            r.assertLogContains("changed:true] keyIssued=true", b);
            r.assertLogContains("issuedPush=[" + two + "generation:1, dryRun:false]", b);
            r.assertLogContains("destroy=[mode:destroy, bucket:" + bucket + ", userName:encsync-" + bucket, b);
            r.assertLogNotContains("where=built-in", b);
            assertThat(Fixtures.find(folder, "backup-user")).as("destroy removed the credential it stored").isNull();
            assertThat(Fixtures.bucketExists(bucket)).isFalse();
            assertThat(Fixtures.keys(data)).contains("ci/.encsync-manifest").hasSize(3);
            Fixtures.assertNoSecretAnywhere(r, controllerLog);
        }
    }

    @Test
    void applyWithoutADestinationForTheKeyIsRefusedBeforeAnyChange(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        WorkflowJob p = folder.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("""
                node('remote') {
                  provisionPrivateBucket(bucket: 'never-made-bucket', region: 'us-east-1', awsCredentialsId: 'aws',
                      endpoint: '%s', tlsOnly: false)
                }
                """.formatted(Fixtures.endpoint()), true));
        WorkflowRun b = r.buildAndAssertStatus(hudson.model.Result.FAILURE, p);
        r.assertLogContains("credentialsIdForNewKey must be set when mode is apply", b);
        assertThat(Fixtures.bucketExists("never-made-bucket")).isFalse();
    }
}
