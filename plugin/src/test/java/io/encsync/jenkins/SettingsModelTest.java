package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.hudson.plugins.folder.Folder;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.steps.ProvisionPrivateBucketStep;
import io.encsync.jenkins.steps.S3EncryptedPushStep;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.structs.describable.DescribableModel;
import org.jenkinsci.plugins.structs.describable.DescribableParameter;
import org.jenkinsci.plugins.workflow.cps.Snippetizer;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Settings by composition: the steps hold an {@link S3Location} and a {@link CryptRemote}, and a
 * Pipeline may still write every parameter of those flat (the README's syntax), or nested. Every
 * parameter of a setting is accepted flat without a line of mapping per parameter, and the Snippet
 * Generator writes the flat syntax back.
 */
@WithJenkins
class SettingsModelTest {

    private static S3EncryptedPushStep nestedPush() {
        S3Location s3 = new S3Location("acme-backups");
        s3.setPrefix("ci");
        s3.setRegion("eu-west-1");
        s3.setEndpoint("https://minio.example.com:9000");
        s3.setPathStyle(true);
        s3.setAwsCredentialsId("aws");
        CryptRemote crypt = new CryptRemote("pw");
        crypt.setPassword2CredentialsId("pw2");
        crypt.setFilenameEncryption("obfuscate");
        crypt.setFilenameEncoding("base64");
        crypt.setDirectoryNameEncryption(false);
        S3EncryptedPushStep push = new S3EncryptedPushStep("out", s3, crypt);
        push.setTransfers(8);
        return push;
    }

    private static Map<String, Object> flatArguments() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("source", "out");
        args.put("bucket", "acme-backups");
        args.put("prefix", "ci");
        args.put("region", "eu-west-1");
        args.put("endpoint", "https://minio.example.com:9000");
        args.put("pathStyle", true);
        args.put("awsCredentialsId", "aws");
        args.put("passwordCredentialsId", "pw");
        args.put("password2CredentialsId", "pw2");
        args.put("filenameEncryption", "obfuscate");
        args.put("filenameEncoding", "base64");
        args.put("directoryNameEncryption", false);
        args.put("transfers", 8);
        return args;
    }

    private static StepDescriptor push(JenkinsRule r) {
        return r.jenkins.getDescriptorByType(S3EncryptedPushStep.DescriptorImpl.class);
    }

    @Test
    void flatAndNestedArgumentsMakeTheSameStep(JenkinsRule r) throws Exception {
        Step flat = push(r).newInstance(flatArguments());
        r.assertEqualDataBoundBeans(nestedPush(), flat);

        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("source", "out");
        nested.put("transfers", 8);
        Map<String, Object> s3 = new LinkedHashMap<>(flatArguments());
        s3.keySet().retainAll(java.util.Set.of("bucket", "prefix", "region", "endpoint", "pathStyle", "awsCredentialsId"));
        Map<String, Object> crypt = new LinkedHashMap<>(flatArguments());
        crypt.keySet().retainAll(java.util.Set.of("passwordCredentialsId", "password2CredentialsId",
                "filenameEncryption", "filenameEncoding", "directoryNameEncryption"));
        nested.put("s3", s3);
        nested.put("crypt", crypt);
        r.assertEqualDataBoundBeans(nestedPush(), push(r).newInstance(nested));
    }

    @Test
    void aSettingGivenBothNestedAndFlatIsRefusedNamingBoth(JenkinsRule r) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("source", "out");
        args.put("s3", Map.of("bucket", "a"));
        args.put("prefix", "ci");
        assertThatThrownBy(() -> push(r).newInstance(args)).hasMessageContaining("s3:")
                .hasMessageContaining("prefix").hasMessageContaining("not both");
    }

    /** What makes "a new field is written once": every parameter of a setting is accepted flat, with no mapping of its own. */
    @Test
    void everyParameterOfEverySettingIsAcceptedFlat(JenkinsRule r) throws Exception {
        for (Class<?> setting : new Class<?>[] {S3Location.class, CryptRemote.class}) {
            Object fresh = setting.getConstructor(String.class).newInstance((Object) null);
            for (DescribableParameter p : DescribableModel.of(setting).getParameters()) {
                String name = p.getName();
                // A boolean is given as the opposite of its default (a default is not written back).
                Object value = p.getErasedType() == boolean.class
                        ? !(Boolean) setting.getMethod("is" + Character.toUpperCase(name.charAt(0)) + name.substring(1))
                                .invoke(fresh)
                        : "v-" + name;
                Map<String, Object> args = new LinkedHashMap<>();
                args.put("source", "out");
                args.put(p.getName(), value);
                S3EncryptedPushStep step = (S3EncryptedPushStep) push(r).newInstance(args);
                Object holder = setting == S3Location.class ? step.getS3() : step.getCrypt();
                Map<String, Object> got = new LinkedHashMap<>(DescribableModel.uninstantiate2_(holder).getArguments());
                assertThat(got).as("%s given flat", p.getName()).containsEntry(p.getName(), value);
            }
        }
    }

    @Test
    void theSnippetGeneratorWritesTheFlatSyntaxAndItReadsBack(JenkinsRule r) throws Exception {
        S3EncryptedPushStep step = nestedPush();
        String snippet = Snippetizer.object2Groovy(step);
        assertThat(snippet).startsWith("s3EncryptedPush ").contains("bucket: 'acme-backups'")
                .contains("passwordCredentialsId: 'pw'").contains("filenameEncoding: 'base64'")
                .contains("source: 'out'").doesNotContain("s3:").doesNotContain("crypt:")
                .doesNotContain("s3Location").doesNotContain("cryptRemote");
        Map<String, Object> args = new LinkedHashMap<>(push(r).uninstantiate(step).getArguments());
        r.assertEqualDataBoundBeans(step, push(r).newInstance(args));

        ProvisionPrivateBucketStep prov = new ProvisionPrivateBucketStep(Fixtures.location("acme-backups", "eu-west-1"));
        prov.setCredentialsIdForNewKey("backup-user");
        assertThat(Snippetizer.object2Groovy(prov)).startsWith("provisionPrivateBucket ")
                .contains("bucket: 'acme-backups'").contains("region: 'eu-west-1'").doesNotContain("s3:");
    }

    @Test
    void aPipelineMayWriteTheSettingsNestedOrFlat(JenkinsRule r) throws Exception {
        Folder folder = Fixtures.agentAndFolder(r);
        String bucket = Fixtures.newBucket();
        WorkflowJob p = Fixtures.pipeline(folder, "p", """
                node('remote') {
                  writeFile file: 'src/a.txt', text: 'alpha'
                  def pushed = s3EncryptedPush source: 'src',
                      s3: s3Location(bucket: '%1$s', prefix: 'nested', region: 'us-east-1', endpoint: '%2$s',
                          pathStyle: true, awsCredentialsId: 'aws'),
                      crypt: cryptRemote(passwordCredentialsId: 'pw', password2CredentialsId: 'pw2')
                  def pulled = s3EncryptedPull target: 'back', prefix: 'nested', %3$s
                  echo "pushed=${pushed.transferred} pulled=${pulled.transferred} text=${readFile 'back/a.txt'}"
                }
                """.formatted(bucket, Fixtures.endpoint(), Fixtures.s3Args(bucket)));
        WorkflowRun b = r.buildAndAssertSuccess(p);
        r.assertLogContains("pushed=1 pulled=1 text=alpha", b);
    }
}
