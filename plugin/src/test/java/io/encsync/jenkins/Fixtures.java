package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.util.Secret;
import io.encsync.core.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the plugin tests share: a real moto server, a fresh bucket, credentials in a folder's
 * store, and the check that no secret reached the console log or any file of the build.
 */
final class Fixtures {
    static final String PASSWORD = "pipeline-crypt-password-4711";
    static final String PASSWORD2 = "pipeline-crypt-salt-0815";
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private Fixtures() {
    }

    static String endpoint() {
        return MotoServer.shared().endpoint().toString();
    }

    static S3Client s3() {
        return S3Client.builder().endpointOverride(MotoServer.shared().endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET_KEY)))
                .build();
    }

    static String newBucket() {
        String bucket = "jenkins-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3Client s3 = s3()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    static List<String> keys(String bucket) {
        try (S3Client s3 = s3()) {
            return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(o -> o.key()).toList();
        }
    }

    /** Adds the crypt passwords ("pw", "pw2") and AWS keys ("aws") to {@code context}'s own store. */
    static void addCredentials(ModelObject context) throws IOException {
        CredentialsStore store = storeOf(context);
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "pw", "crypt password",
                Secret.fromString(PASSWORD)));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, "pw2", "crypt salt",
                Secret.fromString(PASSWORD2)));
        store.addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL, "aws", KEY_ID, SECRET_KEY,
                "moto keys"));
    }

    static CredentialsStore storeOf(ModelObject context) {
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() == context) {
                return store;
            }
        }
        throw new AssertionError("no credentials store of its own in " + context.getDisplayName());
    }

    static Credentials find(ModelObject context, String id) {
        return storeOf(context).getCredentials(Domain.global()).stream()
                .filter(c -> c instanceof com.cloudbees.plugins.credentials.common.IdCredentials i && i.getId().equals(id))
                .findFirst().orElse(null);
    }

    static Folder folder(org.jvnet.hudson.test.JenkinsRule r) throws IOException {
        Folder f = r.jenkins.createProject(Folder.class, "team-" + UUID.randomUUID().toString().substring(0, 6));
        addCredentials(f);
        return f;
    }

    /** The steps' common S3 arguments, as Groovy map entries. */
    static String s3Args(String bucket) {
        return "bucket: '" + bucket + "', region: 'us-east-1', endpoint: '" + endpoint() + "', pathStyle: true, "
                + "awsCredentialsId: 'aws', passwordCredentialsId: 'pw', password2CredentialsId: 'pw2'";
    }

    /** No secret, nor its Base64 form, in the console log or in any file under the build's directory. */
    static void assertNoSecretAnywhere(Run<?, ?> run, String... extraSecrets) throws IOException {
        List<String> secrets = new java.util.ArrayList<>(List.of(PASSWORD, PASSWORD2, SECRET_KEY));
        secrets.addAll(List.of(extraSecrets));
        String log = org.jvnet.hudson.test.JenkinsRule.getLog(run);
        try (Stream<Path> files = Files.walk(run.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String s : secrets) {
                    assertThat(content).as("%s must not contain a secret", file).doesNotContain(s)
                            .doesNotContain(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        for (String s : secrets) {
            assertThat(log).as("console log").doesNotContain(s);
        }
    }
}
