package io.encsync.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Label;
import hudson.model.ModelObject;
import hudson.util.Secret;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.testing.MotoServer;
import io.encsync.jenkins.settings.S3Location;
import io.encsync.jenkins.steps.AbstractS3Step;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the plugin tests share: a real moto server, a fresh bucket, credentials in a folder's
 * store, an agent JVM, and the check that no secret reached a log or a file of Jenkins.
 */
final class Fixtures {
    static final String PASSWORD = "pipeline-crypt-password-4711";
    static final String PASSWORD2 = "pipeline-crypt-salt-0815";
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** The label of the agent every build that does real work runs on (a separate JVM). */
    static final String AGENT = "remote";

    private Fixtures() {
    }

    static String endpoint() {
        return MotoServer.shared().endpoint().toString();
    }

    /** An agent JVM labelled {@link #AGENT}: what crosses its channel is serialized and filtered. */
    static void agent(JenkinsRule r) throws Exception {
        r.createOnlineSlave(Label.get(AGENT));
    }

    /** Plain SDK access to the shared moto server, with this fixture's keys (core's one moto fixture). */
    static S3Client s3() {
        return MotoServer.admin(MotoServer.shared().endpoint(), credentials());
    }

    /** Core settings for the shared moto server with this fixture's keys (for a test's own core calls). */
    static S3Settings settings() {
        return MotoServer.settings(MotoServer.shared().endpoint()).credentialsProvider(credentials()).build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET_KEY));
    }

    static String newBucketName(String kind) {
        return kind + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String newBucket() {
        String bucket = newBucketName("jenkins");
        try (S3Client s3 = s3()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return bucket;
    }

    static boolean bucketExists(String bucket) {
        try (S3Client s3 = s3()) {
            return s3.listBuckets().buckets().stream().anyMatch(b -> b.name().equals(bucket));
        }
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
                .filter(c -> c instanceof IdCredentials i && i.getId().equals(id))
                .findFirst().orElse(null);
    }

    /** An agent JVM and a folder with the credentials: what most tests start from. */
    static Folder agentAndFolder(JenkinsRule r) throws Exception {
        agent(r);
        return folder(r);
    }

    /** Nothing was refused by the controller's class filter (JEP-200) while {@code log} recorded. */
    static void assertNothingRejectedByTheClassFilter(LogRecorder log) {
        assertThat(log.getMessages()).noneMatch(m -> m.contains("might be dangerous, so rejecting"));
    }

    static Folder folder(JenkinsRule r) throws IOException {
        Folder f = r.jenkins.createProject(Folder.class, "team-" + UUID.randomUUID().toString().substring(0, 6));
        addCredentials(f);
        return f;
    }

    static WorkflowJob pipeline(Folder folder, String name, String script) throws Exception {
        WorkflowJob p = folder.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** The steps' common S3 arguments, as Groovy map entries. */
    static String s3Args(String bucket) {
        return "bucket: '" + bucket + "', region: 'us-east-1', endpoint: '" + endpoint() + "', pathStyle: true, "
                + "awsCredentialsId: 'aws', passwordCredentialsId: 'pw', password2CredentialsId: 'pw2'";
    }

    /** A location with {@code bucket} in {@code region}: what provisioning takes. */
    static S3Location location(String bucket, String region) {
        S3Location l = new S3Location(bucket);
        l.setRegion(region);
        return l;
    }

    /** Sets the connection and credential fields a push or pull needs against moto. */
    static <S extends AbstractS3Step> S onMoto(S s) {
        s.getS3().setRegion("us-east-1");
        s.getS3().setEndpoint(endpoint());
        s.getS3().setPathStyle(true);
        s.getS3().setAwsCredentialsId("aws");
        s.getCrypt().setPassword2CredentialsId("pw2");
        return s;
    }

    /**
     * Lets the controller's own JVM contact {@code endpoints} (one per line) for a job: the backup
     * of archived artifacts, steps on the built-in node, assuming a role for an agent's task.
     */
    static void allowOnController(String endpoints) {
        EncsyncConfiguration.get().setControllerEndpoints(endpoints);
    }

    static void allowSystemToStoreKeys(boolean allow) {
        EncsyncConfiguration.get().setAllowSystemToStoreKeys(allow);
    }

    /** Records the controller's log (everything at INFO and up, and the plugin's own loggers at FINE). */
    static LogRecorder controllerLog() {
        return new LogRecorder().quiet().record("", Level.INFO).record("io.encsync", Level.FINE).capture(100_000);
    }

    /**
     * No secret, nor its Base64 form, anywhere: the console logs, {@code build.xml}, the job's
     * {@code config.xml}, every other file under {@code JENKINS_HOME} (credentials are stored
     * encrypted, so not even {@code credentials.xml} may hold one in clear) and the controller log
     * with every stack trace.
     */
    static void assertNoSecretAnywhere(JenkinsRule r, LogRecorder controllerLog, String... extraSecrets)
            throws IOException {
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, PASSWORD2, SECRET_KEY));
        secrets.addAll(List.of(extraSecrets));
        Path home = r.jenkins.getRootDir().toPath();
        for (Path file : filesUnder(home)) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException gone) {
                continue; // a temporary file Jenkins renamed or removed meanwhile (atomic saves)
            }
            String content = new String(bytes, StandardCharsets.ISO_8859_1);
            for (String s : secrets) {
                assertThat(content).as("%s must not contain a secret", file).doesNotContain(s)
                        .doesNotContain(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
            }
        }
        if (controllerLog != null) {
            StringBuilder all = new StringBuilder();
            for (LogRecord record : controllerLog.getRecords()) {
                all.append(new java.util.logging.SimpleFormatter().format(record));
                if (record.getThrown() != null) {
                    StringWriter trace = new StringWriter();
                    record.getThrown().printStackTrace(new PrintWriter(trace));
                    all.append(trace);
                }
            }
            for (String s : secrets) {
                assertThat(all.toString()).as("controller log").doesNotContain(s);
            }
        }
    }

    /**
     * The regular files under {@code home} (below 16 MiB, plugins left out). Jenkins keeps saving
     * while the walk runs: a file that vanishes between listing and reading is skipped, where
     * {@code Files.walk} would fail the whole walk.
     */
    private static List<Path> filesUnder(Path home) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(home, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.equals(home.resolve("plugins")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && attrs.size() < (16 << 20)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return found;
    }
}
