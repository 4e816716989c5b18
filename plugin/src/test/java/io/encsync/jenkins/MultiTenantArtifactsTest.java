package io.encsync.jenkins;

import static io.encsync.jenkins.ArtifactIdentityTest.paths;
import static io.encsync.jenkins.ArtifactIdentityTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.cloudbees.hudson.plugins.folder.Folder;
import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.model.Item;
import hudson.model.Items;
import hudson.model.Label;
import hudson.remoting.Channel;
import hudson.remoting.Command;
import hudson.slaves.DumbSlave;
import hudson.util.Secret;
import io.encsync.core.keys.CryptKeys;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.rclone.RcloneConfig;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.testing.MotoServer;
import io.encsync.core.testing.Rclone;
import io.encsync.jenkins.artifacts.ArtifactPlace;
import io.encsync.jenkins.artifacts.EncryptedArtifactManager;
import io.encsync.jenkins.artifacts.EncryptedArtifactManagerFactory;
import io.encsync.jenkins.artifacts.FolderArtifactStorage;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.settings.S3Location;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import jenkins.model.Jenkins;
import org.htmlunit.FailingHttpStatusCodeException;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.LogRecorder;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Two teams, one Jenkins, one bucket: each team's folder sets its own artifact storage with its own
 * password (a Secret text credential of that folder, under the same id in both), and each team's
 * builds run on that team's agent. What crosses to team A's agent holds nothing of team B's
 * password or keys; team A cannot read team B's artifacts through Jenkins nor with its key; stock
 * rclone restores each team's builds with that team's password only. A folder without its own
 * setting uses the global one, changing the global one moves no folder's builds, and a job moved
 * between folders reads its old builds with the key they recorded, or fails in one line.
 */
@WithJenkins
class MultiTenantArtifactsTest {
    static final String PASSWORD_A = "team-a-passphrase-correct-horse";
    static final String PASSWORD_B = "team-b-passphrase-battery-staple";
    /** Both teams name their password alike: only the folder a build runs in tells them apart. */
    static final String TEAM_PW = "team-pw";
    static final String TEAMS_PREFIX = "teams";

    /** A team folder with its own password under {@link #TEAM_PW} and its own storage in {@code bucket}. */
    static Folder team(JenkinsRule r, String name, String bucket, String password) throws Exception {
        Folder f = r.jenkins.createProject(Folder.class, name);
        Fixtures.storeOf(f).addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, TEAM_PW,
                name + " artifact password", Secret.fromString(password)));
        f.getProperties().add(new FolderArtifactStorage(location(bucket), new CryptRemote(TEAM_PW)));
        return f;
    }

    static S3Location location(String bucket) {
        S3Location s3 = new S3Location(bucket);
        s3.setPrefix(TEAMS_PREFIX);
        s3.setRegion("us-east-1");
        s3.setEndpoint(Fixtures.endpoint());
        s3.setPathStyle(true);
        s3.setAwsCredentialsId("aws"); // the global store's: visible from every folder
        return s3;
    }

    /** Archives, stashes and unstashes on the agent labelled {@code label}. */
    static WorkflowJob teamJob(Folder folder, String name, String label) throws Exception {
        return Fixtures.pipeline(folder, name, """
                node('%s') {
                  writeFile file: 'out/report.txt', text: "report of ${env.JOB_NAME} #${currentBuild.number}"
                  archiveArtifacts artifacts: 'out/**'
                  stash name: 'src', includes: 'out/**'
                  deleteDir()
                  unstash 'src'
                  echo "unstashed: ${readFile('out/report.txt')}"
                }
                """.formatted(label));
    }

    static ArtifactPlace place(WorkflowRun b) {
        return ((EncryptedArtifactManager) b.getArtifactManager()).place();
    }

    /** Records every callable the controller sends over a channel and every reply it reads. */
    static final class Crossing extends Channel.Listener {
        final List<byte[]> requests = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> replies = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onWrite(Channel channel, Command cmd, long blockSize) {
            if (cmd.getClass().getName().equals("hudson.remoting.UserRequest")) {
                requests.add((byte[]) field(cmd, "request"));
            }
        }

        @Override
        public void onRead(Channel channel, Command cmd, long blockSize) {
            // A reply to a callable: a Response whose value holds the serialized result (UserResponse).
            Object rsp = cmd.getClass().getName().equals("hudson.remoting.Response") ? field(cmd, "returnValue") : null;
            if (rsp != null && hasField(rsp, "response")) {
                replies.add((byte[]) field(rsp, "response"));
            }
        }

        private static boolean hasField(Object o, String name) {
            for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
                try {
                    c.getDeclaredField(name);
                    return true;
                } catch (NoSuchFieldException e) {
                    // up
                }
            }
            return false;
        }

        private static Object field(Object o, String name) {
            for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
                try {
                    Field f = c.getDeclaredField(name);
                    f.setAccessible(true);
                    return f.get(o);
                } catch (NoSuchFieldException e) {
                    // up
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("cannot read a remoting command: " + e, e);
                }
            }
            return null;
        }

        List<byte[]> all() {
            List<byte[]> all = new ArrayList<>(requests);
            all.addAll(replies);
            return all;
        }
    }

    /** {@code secret} as raw bytes, hex and Base64: how a key could travel in a serialized callable. */
    static List<byte[]> forms(byte[] secret) {
        return List.of(secret, HexFormat.of().formatHex(secret).getBytes(StandardCharsets.ISO_8859_1),
                Base64.getEncoder().encode(secret), Base64.getUrlEncoder().withoutPadding().encode(secret));
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void twoTeamsOneBucketEachWithItsOwnKeyAndNothingOfTheOtherOnItsAgent(JenkinsRule r, @TempDir Path tmp)
            throws Exception {
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint()); // global: 'pw' of the global store
        Fixtures.allowOnController(Fixtures.endpoint());
        DumbSlave agentA = r.createOnlineSlave(Label.get("team-a"));
        r.createOnlineSlave(Label.get("team-b"));
        Folder a = team(r, "team-a", bucket, PASSWORD_A);
        Folder b = team(r, "team-b", bucket, PASSWORD_B);
        WorkflowJob jobA = teamJob(a, "app", "team-a");
        WorkflowJob jobB = teamJob(b, "app", "team-b");

        Crossing crossing = new Crossing();
        ((Channel) agentA.getChannel()).addListener(crossing);
        WorkflowRun runB;
        WorkflowRun runA;
        try (LogRecorder log = Fixtures.controllerLog()) {
            runB = r.buildAndAssertSuccess(jobB);
            runA = r.buildAndAssertSuccess(jobA);
            Fixtures.assertNoSecretAnywhere(r, log, PASSWORD_A, PASSWORD_B);
        }
        r.assertLogContains("unstashed: report of team-a/app #1", runA);
        r.assertLogContains("unstashed: report of team-b/app #1", runB);

        // Each build recorded its folder and credential, and reads with its own key.
        assertThat(place(runA).source()).isEqualTo("team-a");
        assertThat(place(runB).source()).isEqualTo("team-b");
        assertThat(place(runA).passwordCredentialsId()).isEqualTo(TEAM_PW);
        assertThat(place(runA).bucket()).isEqualTo(place(runB).bucket()).isEqualTo(bucket);
        assertThat(read(runA, "out/report.txt")).isEqualTo("report of team-a/app #1");
        assertThat(read(runB, "out/report.txt")).isEqualTo("report of team-b/app #1");
        assertThat(Files.readString(runA.getRootDir().toPath().resolve("build.xml")))
                .contains("<source>team-a</source>").contains("<passwordCredentialsId>" + TEAM_PW)
                .doesNotContain(PASSWORD_A).doesNotContain(PASSWORD_B);

        // Nothing of team B's password or keys crossed to team A's agent; team A's content key did.
        byte[] dataKeyA;
        try (CryptKeys keysA = CryptKeys.derive(SecretBytes.utf8(PASSWORD_A), null);
             CryptKeys keysB = CryptKeys.derive(SecretBytes.utf8(PASSWORD_B), null);
             CryptKeys keysGlobal = CryptKeys.derive(SecretBytes.utf8(Fixtures.PASSWORD),
                     SecretBytes.utf8(Fixtures.PASSWORD2))) {
            dataKeyA = keysA.dataKey().reveal();
            List<byte[]> forbidden = new ArrayList<>();
            forbidden.addAll(forms(PASSWORD_B.getBytes(StandardCharsets.UTF_8)));
            forbidden.addAll(forms(keysB.dataKey().reveal()));
            forbidden.addAll(forms(keysB.nameKey().reveal()));
            forbidden.addAll(forms(keysB.nameTweak().reveal()));
            forbidden.addAll(forms(Fixtures.PASSWORD.getBytes(StandardCharsets.UTF_8)));
            forbidden.addAll(forms(keysGlobal.dataKey().reveal()));
            forbidden.addAll(forms(keysGlobal.nameKey().reveal()));
            forbidden.addAll(forms(PASSWORD_A.getBytes(StandardCharsets.UTF_8)));
            forbidden.addAll(forms(keysA.nameKey().reveal()));
            assertThat(crossing.requests).as("callables sent to team A's agent").isNotEmpty();
            assertThat(crossing.replies).as("replies from team A's agent").isNotEmpty();
            for (byte[] message : crossing.all()) {
                for (byte[] secret : forbidden) {
                    assertThat(contains(message, secret)).as("a message crossing to or from team A's agent holds "
                            + "a password or a key that is not team A's content key").isFalse();
                }
                String text = new String(message, StandardCharsets.ISO_8859_1);
                assertThat(text).as("no URL of team B's objects").doesNotContain(TEAMS_PREFIX + "/team-b");
            }
            assertThat(crossing.requests.stream().anyMatch(m -> contains(m, dataKeyA)))
                    .as("team A's content key did cross (the recording sees keys)").isTrue();
        }

        // Through Jenkins: a team-A user cannot even see team B's job, let alone its artifacts.
        r.jenkins.setSecurityRealm(r.createDummySecurityRealm());
        r.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("alice", "bob")
                .grant(Item.READ).onFolders(a).to("alice")
                .grant(Item.READ).onFolders(b).to("bob"));
        JenkinsRule.WebClient alice = r.createWebClient().login("alice");
        assertThat(alice.goTo(runA.getUrl() + "artifact/out/report.txt", null).getWebResponse()
                .getContentAsString()).isEqualTo("report of team-a/app #1");
        assertThatThrownBy(() -> alice.goTo(runB.getUrl() + "artifact/out/report.txt", null))
                .isInstanceOf(FailingHttpStatusCodeException.class)
                .extracting(e -> ((FailingHttpStatusCodeException) e).getStatusCode()).isEqualTo(404);

        // Stock rclone restores each team's build with that team's password, and nothing with the other's.
        assertThat(rcloneRestore(tmp.resolve("a"), runA, PASSWORD_A, true)).containsExactly("out/report.txt");
        assertThat(Files.readString(tmp.resolve("a/out/report.txt"))).isEqualTo("report of team-a/app #1");
        assertThat(rcloneRestore(tmp.resolve("b"), runB, PASSWORD_B, true)).containsExactly("out/report.txt");
        assertThat(Files.readString(tmp.resolve("b/out/report.txt"))).isEqualTo("report of team-b/app #1");
        assertThat(rcloneRestore(tmp.resolve("b-with-a"), runB, PASSWORD_A, false))
                .as("team A's password restores nothing of team B's").isEmpty();

        // Every build of one team, as the README says: one config for the team's folder, each build's
        // artifacts set restored by pointing the crypt remote at it (--crypt-remote).
        assertThat(rcloneRestoreFolder(tmp.resolve("all-a"), bucket, "team-a", PASSWORD_A))
                .containsExactly("app/1-" + storageId(runA) + "/artifacts/out/report.txt");
        assertThat(rcloneRestoreFolder(tmp.resolve("all-b-with-a"), bucket, "team-b", PASSWORD_A))
                .as("team A's password restores nothing of team B's").isEmpty();

        // With team A's key, team B's set does not open, and the refusal names the set.
        replaceSecret(b, PASSWORD_A);
        assertThatThrownBy(() -> read(runB, "out/report.txt")).hasMessageContaining("team-b/app #1")
                .hasMessageContaining("folder team-b").hasMessageContaining("'" + TEAM_PW + "'");
        assertThat(read(runA, "out/report.txt")).isEqualTo("report of team-a/app #1");
    }

    /** Restores {@code b}'s artifacts with stock rclone and {@code password} alone; the files it wrote. */
    static List<String> rcloneRestore(Path dir, WorkflowRun b, String password, boolean mustSucceed) throws Exception {
        Files.createDirectories(dir);
        S3Settings settings = S3Settings.builder().endpoint(MotoServer.shared().endpoint()).pathStyle(true)
                .region("us-east-1").credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Fixtures.KEY_ID, Fixtures.SECRET_KEY))).build();
        RcloneConfig config = RcloneConfig.builder()
                .s3(((EncryptedArtifactManager) b.getArtifactManager()).layout().artifacts().s3Location(), settings)
                .s3Keys(Fixtures.KEY_ID, SecretBytes.utf8(Fixtures.SECRET_KEY))
                .password(SecretBytes.utf8(password)).build();
        Path conf = dir.resolveSibling(dir.getFileName() + ".conf");
        config.writeTo(conf);
        Rclone.Result result = Rclone.run(conf, "copy", config.cryptRemoteName() + ":", dir.toString());
        if (mustSucceed) {
            result.assertOk();
        }
        List<String> files = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> files.add(dir.relativize(f).toString()));
        }
        return files;
    }

    /** The storage id of {@code b}: its build folder is NUMBER-ID. */
    static String storageId(WorkflowRun b) throws Exception {
        String root = ((EncryptedArtifactManager) b.getArtifactManager()).layout().root();
        return root.replaceFirst("^.*/" + b.getNumber() + "-([0-9a-f]+)/$", "$1");
    }

    /**
     * Every build of the folder {@code folder}'s jobs restored with stock rclone and {@code password}
     * alone: one config whose crypt remote is pointed at each build's artifacts in turn.
     */
    static List<String> rcloneRestoreFolder(Path dir, String bucket, String folder, String password) throws Exception {
        Files.createDirectories(dir);
        S3Settings settings = S3Settings.builder().endpoint(MotoServer.shared().endpoint()).pathStyle(true)
                .region("us-east-1").credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(Fixtures.KEY_ID, Fixtures.SECRET_KEY))).build();
        RcloneConfig config = RcloneConfig.builder().cryptRemoteName(folder)
                .s3(new io.encsync.core.store.s3.S3Location(bucket, TEAMS_PREFIX + "/" + folder), settings)
                .s3Keys(Fixtures.KEY_ID, SecretBytes.utf8(Fixtures.SECRET_KEY))
                .password(SecretBytes.utf8(password)).build();
        Path conf = dir.resolveSibling(dir.getFileName() + ".conf");
        config.writeTo(conf);
        String root = config.storagePath();
        String listing = Rclone.run(conf, "lsf", "-R", "--dirs-only", root).assertOk().stdout();
        for (String set : listing.lines().filter(l -> l.endsWith("/artifacts/")).toList()) {
            Rclone.run(conf, "copy", config.cryptRemoteName() + ":", dir.resolve(set).toString(),
                    "--crypt-remote", root + "/" + set);
        }
        List<String> files = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).forEach(f -> files.add(dir.relativize(f).toString()));
        }
        return files;
    }

    /** The same credential id in {@code folder}, another secret. */
    static void replaceSecret(Folder folder, String secret) throws Exception {
        CredentialsStore store = Fixtures.storeOf(folder);
        store.removeCredentials(Domain.global(), Fixtures.find(folder, TEAM_PW));
        store.addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL, TEAM_PW,
                "replaced", Secret.fromString(secret)));
    }

    @Test
    void aFolderWithoutItsOwnSettingUsesTheGlobalOneAndAGlobalChangeMovesNoFoldersBuilds(JenkinsRule r)
            throws Exception {
        String global = Fixtures.newBucket();
        String teams = Fixtures.newBucket();
        EncryptedArtifactManagerFactory f = ArtifactStorageTest.storage(r, global, Fixtures.endpoint());
        Fixtures.allowOnController(Fixtures.endpoint());
        r.createOnlineSlave(Label.get(Fixtures.AGENT));
        Folder plain = r.jenkins.createProject(Folder.class, "plain");
        Folder a = team(r, "team-a", teams, PASSWORD_A);
        Folder nested = a.createProject(Folder.class, "nested");
        WorkflowJob inPlain = ArtifactIdentityTest.archiving(plain, "p", "p.txt");
        WorkflowJob inA = ArtifactIdentityTest.archiving(nested, "q", "q.txt");
        WorkflowRun p1 = r.buildAndAssertSuccess(inPlain);
        WorkflowRun q1 = r.buildAndAssertSuccess(inA);
        assertThat(place(p1).source()).as("no folder sets one: the global storage").isNull();
        assertThat(place(p1).bucket()).isEqualTo(global);
        assertThat(place(p1).passwordCredentialsId()).as("a global build follows the global credentials").isNull();
        assertThat(place(q1).source()).as("the nearest folder above the job that sets one").isEqualTo("team-a");
        assertThat(place(q1).bucket()).isEqualTo(teams);
        assertThat(Fixtures.keys(teams)).allMatch(k -> k.startsWith(TEAMS_PREFIX + "/team-a/nested/q/1-"));
        // A sub-folder's own setting wins over its parent's (deleting the sub-folder then deletes its objects).
        Folder sub = a.createProject(Folder.class, "sub");
        Fixtures.storeOf(sub).addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
                TEAM_PW, "sub-team password", Secret.fromString("sub-team-passphrase")));
        sub.getProperties().add(new FolderArtifactStorage(location(teams), new CryptRemote(TEAM_PW)));
        WorkflowRun s1 = r.buildAndAssertSuccess(ArtifactIdentityTest.archiving(sub, "s", "s.txt"));
        assertThat(place(s1).source()).isEqualTo("team-a/sub");
        assertThat(read(s1, "s.txt")).isEqualTo("s.txt of team-a/sub/s #1");
        sub.delete();

        // The administrator moves the global storage to another bucket, with another password.
        String moved = Fixtures.newBucket();
        Fixtures.storeOf(r.jenkins).addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "pw-2027", "new global password", Secret.fromString("a-new-global-password-2027")));
        EncryptedArtifactManagerFactory next = new EncryptedArtifactManagerFactory(location(moved),
                new CryptRemote("pw-2027"));
        next.getS3().setPrefix(ArtifactStorageTest.PREFIX);
        jenkins.model.ArtifactManagerConfiguration.get().getArtifactManagerFactories().replaceBy(List.of(next));
        assertThat(f).isNotSameAs(next);

        WorkflowRun q2 = r.buildAndAssertSuccess(inA);
        WorkflowRun p2 = r.buildAndAssertSuccess(inPlain);
        assertThat(place(q2).bucket()).as("the team's new builds stay where the team put them").isEqualTo(teams);
        assertThat(place(p2).bucket()).as("the plain folder follows the global storage").isEqualTo(moved);
        assertThat(read(q1, "q.txt")).as("the team's old build reads with the team's key").isEqualTo(
                "q.txt of team-a/nested/q #1");
        assertThat(read(q2, "q.txt")).isEqualTo("q.txt of team-a/nested/q #2");
        assertThat(read(p2, "p.txt")).isEqualTo("p.txt of plain/p #2");
        assertThat(Fixtures.keys(moved)).allMatch(k -> k.startsWith(ArtifactStorageTest.PREFIX + "/plain/p/2-"));
        assertThat(Fixtures.keys(teams)).as("the team's two builds, a manifest and one object each").hasSize(4);
    }

    @Test
    void aMovedJobReadsItsOldBuildsWithTheKeyTheyRecordedOrFailsInOneLine(JenkinsRule r) throws Exception {
        String bucket = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, bucket, Fixtures.endpoint());
        Fixtures.allowOnController(Fixtures.endpoint());
        r.createOnlineSlave(Label.get(Fixtures.AGENT));
        Folder a = team(r, "team-a", bucket, PASSWORD_A);
        Folder b = team(r, "team-b", bucket, PASSWORD_B);
        Folder elsewhere = r.jenkins.createProject(Folder.class, "elsewhere");
        WorkflowJob job = ArtifactIdentityTest.archiving(a, "app", "a.txt");
        WorkflowRun old = r.buildAndAssertSuccess(job);

        // Into a folder where team A's credential is not visible: one line naming build, folder, credential and fix.
        job = Items.move(job, elsewhere);
        WorkflowRun oldMoved = job.getBuildByNumber(1);
        assertThat(place(oldMoved).source()).as("the build keeps its recorded source").isEqualTo("team-a");
        assertThatThrownBy(() -> read(oldMoved, "a.txt")).hasMessageContaining("elsewhere/app #1")
                .hasMessageContaining("folder team-a").hasMessageContaining("'" + TEAM_PW + "'")
                .hasMessageContaining("Move it back").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        WorkflowRun fresh = r.buildAndAssertSuccess(job);
        assertThat(place(fresh).source()).as("a new build follows its new place: the global storage").isNull();
        assertThat(read(fresh, "a.txt")).isEqualTo("a.txt of elsewhere/app #2");

        // The documented fix: the credential with team A's secret, visible from the new place.
        Fixtures.storeOf(elsewhere).addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
                TEAM_PW, "team A's password, copied", Secret.fromString(PASSWORD_A)));
        assertThat(read(oldMoved, "a.txt")).isEqualTo("a.txt of team-a/app #1");

        // Into team B's folder: B's credential of the same id does not open it, and the refusal names the set.
        job = Items.move(job, b);
        WorkflowRun inB = job.getBuildByNumber(1);
        assertThatThrownBy(() -> read(inB, "a.txt")).hasMessageContaining("team-a/app #1")
                .hasMessageContaining("folder team-a").hasMessageContaining("do not open");
        WorkflowRun teamB = r.buildAndAssertSuccess(job);
        assertThat(place(teamB).source()).isEqualTo("team-b");
        assertThat(paths(teamB)).containsExactly("a.txt");

        // Back home: team A's build and the global one read; the one built in team B's folder now
        // meets team A's credential under its recorded id, and says so naming its set and folder.
        job = Items.move(job, a);
        assertThat(read(job.getBuildByNumber(1), "a.txt")).isEqualTo("a.txt of team-a/app #1");
        assertThat(read(job.getBuildByNumber(2), "a.txt")).isEqualTo("a.txt of elsewhere/app #2");
        WorkflowRun third = job.getBuildByNumber(3);
        assertThatThrownBy(() -> read(third, "a.txt")).hasMessageContaining("team-b/app #3")
                .hasMessageContaining("folder team-b");
        assertThat(old.getNumber()).isEqualTo(1);
    }

    @Test
    void aTeamWithItsOwnAwsCredentialArchivesAndDeletingItsFolderDeletesItsObjects(JenkinsRule r) throws Exception {
        String global = Fixtures.newBucket();
        String teams = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, global, Fixtures.endpoint());
        Fixtures.allowOnController(Fixtures.endpoint());
        r.createOnlineSlave(Label.get(Fixtures.AGENT));
        // The global store loses its AWS key: only the team's own one reaches the bucket.
        Fixtures.storeOf(r.jenkins).removeCredentials(Domain.global(), Fixtures.find(r.jenkins, "aws"));
        Folder a = team(r, "team-a", teams, PASSWORD_A);
        Fixtures.storeOf(a).addCredentials(Domain.global(), new AWSCredentialsImpl(CredentialsScope.GLOBAL,
                "team-a-aws", Fixtures.KEY_ID, Fixtures.SECRET_KEY, "team A's keys"));
        a.getProperties().get(FolderArtifactStorage.class).getS3().setAwsCredentialsId("team-a-aws");
        WorkflowRun b1 = r.buildAndAssertSuccess(ArtifactIdentityTest.archiving(a, "app", "a.txt"));
        assertThat(place(b1).awsCredentialsId()).isEqualTo("team-a-aws");
        assertThat(read(b1, "a.txt")).isEqualTo("a.txt of team-a/app #1");
        assertThat(Fixtures.keys(teams)).hasSize(2);

        a.delete();
        assertThat(Fixtures.keys(teams)).as("the team's builds' objects go with its folder").isEmpty();
    }

    @Test
    void aFolderCannotLendItselfTheControllersAwsIdentityNorChooseAnEndpointForIt(JenkinsRule r)
            throws Exception {
        String teams = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, Fixtures.newBucket(), Fixtures.endpoint());
        Fixtures.allowOnController(Fixtures.endpoint());
        r.createOnlineSlave(Label.get(Fixtures.AGENT));
        Folder a = team(r, "team-a", teams, PASSWORD_A);
        a.getProperties().get(FolderArtifactStorage.class).getS3().setAwsCredentialsId(null);
        WorkflowRun b = r.buildAndAssertStatus(hudson.model.Result.FAILURE,
                ArtifactIdentityTest.archiving(a, "app", "a.txt"));
        r.assertLogContains("the controller's own AWS identity", b);
        assertThat(Fixtures.keys(teams)).isEmpty();

        // Nor may a folder make the controller contact an endpoint no administrator listed.
        Fixtures.allowOnController("");
        a.getProperties().get(FolderArtifactStorage.class).getS3().setAwsCredentialsId("aws");
        WorkflowRun c = r.buildAndAssertStatus(hudson.model.Result.FAILURE,
                ArtifactIdentityTest.archiving(a, "other", "a.txt"));
        r.assertLogContains("not one the controller may contact", c);
        assertThat(Fixtures.keys(teams)).isEmpty();
    }

    @Test
    void aRestartedBuildKeepsTheSourceOfTheBuildItContinuesAfterTheFolderChangedItsSetting(JenkinsRule r)
            throws Exception {
        String teams = Fixtures.newBucket();
        ArtifactStorageTest.storage(r, Fixtures.newBucket(), Fixtures.endpoint());
        Fixtures.allowOnController(Fixtures.endpoint());
        r.createOnlineSlave(Label.get(Fixtures.AGENT));
        Folder a = team(r, "team-a", teams, PASSWORD_A);
        WorkflowJob job = ArtifactIdentityTest.archiving(a, "app", "a.txt");
        WorkflowRun b1 = r.buildAndAssertSuccess(job);
        // The team moves to another bucket and password; a later restart of #1 continues #1's storage.
        String later = Fixtures.newBucket();
        Fixtures.storeOf(a).addCredentials(Domain.global(), new StringCredentialsImpl(CredentialsScope.GLOBAL,
                "team-pw-2", "team A's new password", Secret.fromString("team-a-second-passphrase")));
        a.getProperties().replace(new FolderArtifactStorage(location(later), new CryptRemote("team-pw-2")));
        WorkflowRun next = r.buildAndAssertSuccess(Fixtures.pipeline(a, "app2", "echo 'nothing archived'"));
        assertThat(place(next).bucket()).isEqualTo(later);

        ((EncryptedArtifactManager) b1.getArtifactManager()).copyAllArtifactsAndStashes(next,
                hudson.model.TaskListener.NULL);

        assertThat(place(next).bucket()).isEqualTo(teams);
        assertThat(place(next).passwordCredentialsId()).isEqualTo(TEAM_PW);
        assertThat(read(next, "a.txt")).isEqualTo("a.txt of team-a/app #1");
        assertThat(Fixtures.keys(later)).isEmpty();
    }

    @Test
    void theFolderSettingSurvivesTheConfigurationForm(JenkinsRule r) throws Exception {
        Fixtures.addCredentials(r.jenkins);
        Folder a = team(r, "team-a", "team-bucket", PASSWORD_A);
        a.getProperties().get(FolderArtifactStorage.class).getCrypt().setFilenameEncoding("base64");
        r.configRoundtrip(a);
        FolderArtifactStorage own = a.getProperties().get(FolderArtifactStorage.class);
        assertThat(own).isNotNull();
        assertThat(own.getS3().getBucket()).isEqualTo("team-bucket");
        assertThat(own.getS3().getPrefix()).isEqualTo(TEAMS_PREFIX);
        assertThat(own.getS3().getAwsCredentialsId()).isEqualTo("aws");
        assertThat(own.getCrypt().getPasswordCredentialsId()).isEqualTo(TEAM_PW);
        assertThat(own.getCrypt().getFilenameEncoding()).isEqualTo("base64");
    }
}
