package io.encsync.jenkins;

import static io.encsync.jenkins.Fixtures.s3Args;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Result;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Real pipelines on a real agent JVM against a real moto server, with credentials from a folder's
 * store: every step's result map, the data round trip, failures as core's one line, and no
 * secret in any log or file.
 */
@WithJenkins
class PipelineStepsTest {

    @Test
    void everyStepRunsOnTheAgentAndReturnsItsMap(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        try (LogRecorder controllerLog = Fixtures.controllerLog()) {
            WorkflowJob p = Fixtures.pipeline(folder, "p", """
                    node('remote') {
                      writeFile file: 'src/a.txt', text: 'alpha'
                      writeFile file: 'src/docs/b.md', text: 'beta'
                      def pushed = s3EncryptedPush(source: 'src', prefix: 'ci', %1$s)
                      echo "pushed transferred=${pushed.transferred} generation=${pushed.generation} bytes=${pushed.bytes} dryRun=${pushed.dryRun}"
                      def again = s3EncryptedPush(source: 'src', prefix: 'ci', %1$s)
                      echo "again transferred=${again.transferred} unchanged=${again.unchanged}"
                      def pulled = s3EncryptedPull(target: 'restored', prefix: 'ci', minGeneration: pushed.generation, %1$s)
                      echo "pulled transferred=${pulled.transferred} text=${readFile 'restored/docs/b.md'}"
                      def enc = encryptDir(source: 'src', target: 'vault', passwordCredentialsId: 'pw', filenameEncoding: 'base64')
                      def dec = decryptDir(source: 'vault', target: 'back', passwordCredentialsId: 'pw', filenameEncoding: 'base64')
                      echo "dir encrypted=${enc.transferred} decrypted=${dec.transferred} text=${readFile 'back/a.txt'}"
                      echo "where=${env.NODE_NAME}"
                    }
                    """.formatted(s3Args(bucket)));

            WorkflowRun b = r.buildAndAssertSuccess(p);

            r.assertLogContains("pushed transferred=2 generation=1 bytes=9 dryRun=false", b);
            r.assertLogContains("again transferred=0 unchanged=2", b);
            r.assertLogContains("pulled transferred=2 text=beta", b);
            r.assertLogContains("dir encrypted=2 decrypted=2 text=alpha", b);
            r.assertLogNotContains("where=built-in", b);
            // Two encrypted files and the manifest; the push lock is gone.
            assertThat(Fixtures.keys(bucket)).allMatch(k -> k.startsWith("ci/")).hasSize(3)
                    .contains("ci/.encsync-manifest").doesNotContain("ci/.encsync-lock");
            Fixtures.assertNoSecretAnywhere(r, controllerLog);
        }
    }

    @Test
    void aHostileFileNameIsSkippedAndPrintedEscaped(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'src/evil\\nFinished: SUCCESS', text: 'gamma'
                  s3EncryptedPush(source: 'src', %1$s)
                }
                """.formatted(s3Args(bucket)));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        // Skipped with a warning whose name is escaped: the only "Finished:" line is Jenkins' own.
        r.assertLogContains("warning: skipping", b);
        r.assertLogContains("control character", b);
        assertThat(JenkinsRule.getLog(b).lines().filter(l -> l.startsWith("Finished:"))).hasSize(1);
    }

    @Test
    void dryRunAndDeleteAreMappedToCore(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  writeFile file: 'src/b.txt', text: 'beta'
                  def dry = s3EncryptedPush(source: 'src', dryRun: true, %1$s)
                  echo "dry dryRun=${dry.dryRun} generation=${dry.generation}"
                  s3EncryptedPush(source: 'src', %1$s)
                  sh 'rm src/b.txt'
                  def del = s3EncryptedPush(source: 'src', delete: true, excludes: '*.tmp', transfers: 2, %1$s)
                  echo "delete deleted=${del.deleted} generation=${del.generation}"
                }
                """.formatted(s3Args(bucket)));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("dry dryRun=true generation=0", b);
        r.assertLogContains("delete deleted=1 generation=2", b);
    }

    @Test
    void badInputFailsWithCoreMessageAndNoStackTrace(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  s3EncryptedPush(source: '../other-job', bucket: 'Bad_Bucket', passwordCredentialsId: 'pw')
                }
                """);
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("bucket name 'Bad_Bucket' is not valid", b);
        r.assertLogContains("[usage, exit code 2]", b);
        r.assertLogNotContains("\tat ", b);
    }

    @Test
    void credentialsOutsideTheJobsReachAreNotFound(JenkinsRule r) throws Exception {
        Fixtures.agent(r);
        // SYSTEM scope: visible to Jenkins itself, never to jobs.
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM,
                "system-pw", "not for jobs", Secret.fromString(Fixtures.PASSWORD)));
        SystemCredentialsProvider.getInstance().save();
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  encryptDir(source: 'src', target: 'vault', passwordCredentialsId: 'system-pw')
                }
                """);
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("passwordCredentialsId: no Secret text credential with id 'system-pw' is visible to", b);
        Fixtures.assertNoSecretAnywhere(r, null);
    }

    /**
     * Defect 1 (JEP-200): the agent's failure reaches the controller. Before, the reply was an
     * exception or a TaskResult of core's bundled jar, which the controller's class filter refuses.
     */
    @Test
    void aWrongPasswordFailsWithCoresOneLineMessageNotAStackTrace(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        try (LogRecorder controllerLog = Fixtures.controllerLog()) {
            WorkflowJob p = Fixtures.pipeline(folder, "p", """
                    node('remote') {
                      writeFile file: 'src/a.txt', text: 'alpha'
                      encryptDir(source: 'src', target: 'vault', passwordCredentialsId: 'pw')
                      decryptDir(source: 'vault', target: 'back', passwordCredentialsId: 'pw2')
                    }
                    """);
            WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
            String log = JenkinsRule.getLog(b);
            assertThat(log.lines().filter(l -> l.endsWith("[wrong_password, exit code 7]")).toList())
                    .as("a line with core's message, category and exit code").isNotEmpty();
            assertThat(log).doesNotContain("\tat ").doesNotContain("ProxyException").doesNotContain("ClassFilter");
            Fixtures.assertNothingRejectedByTheClassFilter(controllerLog);
            Fixtures.assertNoSecretAnywhere(r, controllerLog);
        }
    }

    /** Defect 1: a successful reply from the agent passes the controller's class filter. */
    @Test
    void theAgentsReplyPassesTheControllersClassFilter(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        try (LogRecorder controllerLog = Fixtures.controllerLog()) {
            WorkflowJob p = Fixtures.pipeline(folder, "p", """
                    node('remote') {
                      writeFile file: 'src/a.txt', text: 'alpha'
                      def enc = encryptDir(source: 'src', target: 'vault', passwordCredentialsId: 'pw')
                      echo "transferred=${enc.transferred} keys=${enc.keySet()}"
                    }
                    """);
            WorkflowRun b = r.buildAndAssertSuccess(p);
            r.assertLogContains("transferred=1 keys=[transferred, unchanged, deleted, bytes, generation, dryRun]", b);
            Fixtures.assertNothingRejectedByTheClassFilter(controllerLog);
        }
    }

    /**
     * Defect 4: a job whose name has spaces, parentheses and 80 characters may assume a role (the
     * session name was "jenkins-" + the name; multibranch's %2F is covered by core's unit test,
     * as Jenkins does not let a test create such a name directly).
     */
    @Test
    void aRoleIsAssumedForAJobWhoseNameAwsWouldRefuseAsASessionName(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        Fixtures.allowOnController(Fixtures.endpoint()); // the controller assumes the role at moto's STS
        Fixtures.storeOf(folder).addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                "aws-role", Fixtures.KEY_ID, Fixtures.SECRET_KEY, "role", "arn:aws:iam::123456789012:role/ci-deploy",
                null, null));
        r.assertLogContains("pushed transferred=1",
                pushOneFileWith(r, folder, "nightly build (feature x) " + "y".repeat(60), "aws-role"));
    }

    /** Pushes one file from the agent with the AWS credential {@code awsCredentialsId}; must succeed. */
    private static WorkflowRun pushOneFileWith(JenkinsRule r, Folder folder, String job, String awsCredentialsId)
            throws Exception {
        WorkflowJob p = Fixtures.pipeline(folder, job, """
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  def pushed = s3EncryptedPush(source: 'src', bucket: '%s', region: 'us-east-1', endpoint: '%s',
                      pathStyle: true, awsCredentialsId: '%s', passwordCredentialsId: 'pw')
                  echo "pushed transferred=${pushed.transferred}"
                }
                """.formatted(Fixtures.newBucket(), Fixtures.endpoint(), awsCredentialsId));
        return r.buildAndAssertSuccess(p);
    }

    /** Defect 7: MinIO's default key id {@code minioadmin} (lower case, 10 characters) is accepted. */
    @Test
    void aMinioStyleAccessKeyIdIsAccepted(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        Fixtures.storeOf(folder).addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                "minio", "minioadmin", "minioadmin", "MinIO's default keys"));
        r.assertLogContains("pushed transferred=1", pushOneFileWith(r, folder, "p", "minio"));
    }

    /**
     * Defect 5: on the built-in node an empty AWS credential would be the controller's own AWS
     * identity; the step refuses before contacting anything.
     */
    @Test
    void onTheControllerAnEmptyAwsCredentialIsRefused(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.folder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('built-in') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  s3EncryptedPush(source: 'src', bucket: '%s', region: 'us-east-1', endpoint: '%s', pathStyle: true,
                      passwordCredentialsId: 'pw')
                }
                """.formatted(bucket, Fixtures.endpoint()));
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("awsCredentialsId must be set: this action runs inside the Jenkins controller", b);
        assertThat(Fixtures.keys(bucket)).isEmpty();
    }

    /** The backup action in a Pipeline: after {@code archiveArtifacts}, with a credential. */
    @Test
    void theBackupActionRunsInAPipelineAfterArchiveArtifacts(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        Fixtures.allowOnController(Fixtures.endpoint()); // archived artifacts are pushed from the controller
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'out/app.jar', text: 'artifact'
                  archiveArtifacts 'out/*.jar'
                  encryptedBackupToS3(push: [source: '', bucket: '%s', prefix: "archive/${env.BUILD_NUMBER}", region: 'us-east-1',
                      endpoint: '%s', pathStyle: true, awsCredentialsId: 'aws', passwordCredentialsId: 'pw'])
                }
                """.formatted(bucket, Fixtures.endpoint()));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("Pushed to s3://" + bucket + "/archive/1", b);
        assertThat(Fixtures.keys(bucket)).anyMatch(k -> k.startsWith("archive/1/"));
    }
}
