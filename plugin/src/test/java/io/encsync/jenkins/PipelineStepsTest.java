package io.encsync.jenkins;

import static io.encsync.jenkins.Fixtures.s3Args;
import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Label;
import hudson.model.Result;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Real pipelines on a real agent JVM against a real moto server, with credentials from a folder's
 * store: every step's result map, the data round trip, and no secret in the log or build directory.
 */
@WithJenkins
class PipelineStepsTest {

    private static WorkflowJob job(JenkinsRule r, Folder folder, String script) throws Exception {
        WorkflowJob p = folder.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    @Test
    void pushPullEncryptDecryptOnAnAgentWithFolderCredentials(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = job(r, folder, """
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  writeFile file: 'src/docs/b.md', text: 'beta'
                  def pushed = s3EncryptedPush(source: 'src', prefix: 'ci', %1$s)
                  echo "pushed transferred=${pushed.transferred} generation=${pushed.generation} bytes=${pushed.bytes}"
                  def again = s3EncryptedPush(source: 'src', prefix: 'ci', %1$s)
                  echo "again transferred=${again.transferred} unchanged=${again.unchanged}"
                  def pulled = s3EncryptedPull(target: 'restored', prefix: 'ci', minGeneration: pushed.generation, %1$s)
                  echo "pulled transferred=${pulled.transferred} text=${readFile 'restored/docs/b.md'}"
                  def enc = encryptDir(source: 'src', target: 'vault', passwordCredentialsId: 'pw', filenameEncoding: 'base64')
                  def dec = decryptDir(source: 'vault', target: 'back', passwordCredentialsId: 'pw', filenameEncoding: 'base64')
                  echo "dir encrypted=${enc.transferred} decrypted=${dec.transferred} text=${readFile 'back/a.txt'}"
                }
                """.formatted(s3Args(bucket)));

        WorkflowRun b = r.buildAndAssertSuccess(p);

        r.assertLogContains("pushed transferred=2 generation=1 bytes=9", b);
        r.assertLogContains("again transferred=0 unchanged=2", b);
        r.assertLogContains("pulled transferred=2 text=beta", b);
        r.assertLogContains("dir encrypted=2 decrypted=2 text=alpha", b);
        assertThat(Fixtures.keys(bucket)).allMatch(k -> k.startsWith("ci/")).hasSizeGreaterThanOrEqualTo(4);
        Fixtures.assertNoSecretAnywhere(b);
    }

    @Test
    void aHostileFileNameIsSkippedAndPrintedEscaped(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = job(r, folder, """
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
        r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = job(r, folder, """
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
        r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = job(r, folder, """
                node('remote') {
                  s3EncryptedPush(source: '../other-job', bucket: 'Bad_Bucket', passwordCredentialsId: 'pw')
                }
                """);
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("bucket name 'Bad_Bucket' is not valid", b);
        r.assertLogNotContains("\tat io.encsync", b);
    }

    @Test
    void credentialsOutsideTheJobsReachAreNotFound(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        // SYSTEM scope: visible to Jenkins itself, never to jobs.
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(CredentialsScope.SYSTEM,
                "system-pw", "not for jobs", Secret.fromString(Fixtures.PASSWORD)));
        SystemCredentialsProvider.getInstance().save();
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = job(r, folder, """
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  encryptDir(source: 'src', target: 'vault', passwordCredentialsId: 'system-pw')
                }
                """);
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("passwordCredentialsId: no Secret text credential with id 'system-pw' is visible to", b);
        Fixtures.assertNoSecretAnywhere(b);
    }

    @Test
    void wrongPasswordIsReportedAsSuch(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get("remote"));
        Folder folder = Fixtures.folder(r);
        WorkflowJob p = job(r, folder, """
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  encryptDir(source: 'src', target: 'vault', passwordCredentialsId: 'pw')
                  decryptDir(source: 'vault', target: 'back', passwordCredentialsId: 'pw2')
                }
                """);
        WorkflowRun b = r.buildAndAssertStatus(Result.FAILURE, p);
        r.assertLogContains("exit code 7", b);
        Fixtures.assertNoSecretAnywhere(b);
    }
}
