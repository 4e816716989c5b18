package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.manifest.ManifestEntry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Where sets live, which names are refused, and the plain-data checks that need no S3. */
class ArtifactLayoutTest {

    @Test
    void artifactsAndStashesAreSeparateRootsBelowTheBuild() {
        ArtifactBuild build = new ArtifactBuild("my-bucket", "jenkins/", "folder/job", 42);

        assertThat(build.root()).isEqualTo("jenkins/folder/job/42/");
        assertThat(build.artifacts().root()).isEqualTo("jenkins/folder/job/42/artifacts/");
        assertThat(build.stash("dist").root()).isEqualTo("jenkins/folder/job/42/stashes/dist/");
        assertThat(build.stash("dist").manifestKey()).isEqualTo("jenkins/folder/job/42/stashes/dist/.encsync-manifest");
        assertThat(build.artifacts().s3Location().toString()).isEqualTo("s3://my-bucket/jenkins/folder/job/42/artifacts");
        assertThat(new ArtifactBuild("my-bucket", "", "job", 1).artifacts().root()).isEqualTo("job/1/artifacts/");
        assertThat(build.artifacts().label()).isEqualTo("artifacts of folder/job #42");
    }

    @Test
    void aStorageIdMakesTheBuildsRootItsOwnWithJobAndNumberStillInTheClear() {
        ArtifactBuild build = new ArtifactBuild("my-bucket", "jenkins", "folder/job", 42, "0123456789abcdef");

        assertThat(build.root()).isEqualTo("jenkins/folder/job/42-0123456789abcdef/");
        assertThat(build.artifacts().root()).isEqualTo("jenkins/folder/job/42-0123456789abcdef/artifacts/");
        assertThat(build.stash("dist").root()).isEqualTo("jenkins/folder/job/42-0123456789abcdef/stashes/dist/");
        assertThat(build.artifacts().label()).isEqualTo("artifacts of folder/job #42");
        assertThat(new ArtifactBuild("my-bucket", "jenkins", "folder/job", 42).root())
                .as("without an id: the layout of builds archived before ids").isEqualTo("jenkins/folder/job/42/");
    }

    @Test
    void onlyABuildWithAStorageIdRequiresItsManifestsToBeBoundToTheirPlace() {
        ArtifactBuild current = new ArtifactBuild("my-bucket", "jenkins", "job", 7, "0123456789abcdef");
        assertThat(current.artifacts().bindingRequired()).isTrue();
        assertThat(current.stash("out").bindingRequired()).isTrue();
        ArtifactBuild older = new ArtifactBuild("my-bucket", "jenkins", "job", 7);
        assertThat(older.artifacts().bindingRequired()).isFalse();
        assertThat(older.stash("out").bindingRequired()).isFalse();
    }

    @Test
    void storageIdsAreRandomAndCheckedWhereTheyAreRead() {
        assertThat(ArtifactBuild.newStorageId()).matches("[0-9a-f]{16}").isNotEqualTo(ArtifactBuild.newStorageId());
        assertThat(ArtifactBuild.newStorageId(new java.util.Random(1)))
                .isEqualTo(ArtifactBuild.newStorageId(new java.util.Random(1)));
        for (String bad : List.of("", "short", "UPPERCASE1", "../../x1234", "a/b/c/d/e")) {
            assertThatThrownBy(() -> new ArtifactBuild("my-bucket", "", "job", 1, bad))
                    .isInstanceOf(EncsyncException.class).hasMessageContaining("storage id");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a\\b", "bad\nname"})
    void unusableStashNamesAreRefused(String name) {
        ArtifactBuild build = new ArtifactBuild("my-bucket", "", "job", 1);
        assertThatThrownBy(() -> build.stash(name)).isInstanceOf(EncsyncException.class)
                .satisfies(e -> assertThat(((EncsyncException) e).category()).isEqualTo(ErrorCategory.USAGE))
                .hasMessageContaining("stash name").hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../job", "/job", "a//b", "job/..", "C:x"})
    void unusableJobPathsAreRefused(String job) {
        assertThatThrownBy(() -> new ArtifactBuild("my-bucket", "", job, 1)).isInstanceOf(EncsyncException.class)
                .hasMessageContaining("job");
    }

    @Test
    void bucketAndBuildNumberAreChecked() {
        assertThatThrownBy(() -> new ArtifactBuild("My_Bucket", "", "job", 1)).hasMessageContaining("bucket");
        assertThatThrownBy(() -> new ArtifactBuild("my-bucket", "", "job", 0)).hasMessageContaining("build number");
    }

    @Test
    void aScanWithAnUnsafeOrDuplicatePathIsRefused() {
        Map<String, Object> scan = new java.util.HashMap<>();
        scan.put("format", ArtifactScan.FORMAT);
        scan.put("files", List.of(row("../escape", 1)));
        assertThatThrownBy(() -> ArtifactScan.fromWire(scan)).hasMessageContaining("unsafe path segment '..'");

        scan.put("files", List.of(row("a", 1), row("a", 2)));
        assertThatThrownBy(() -> ArtifactScan.fromWire(scan)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("listed twice");

        scan.put("format", "something-else");
        assertThatThrownBy(() -> ArtifactScan.fromWire(scan)).hasMessageContaining("different encsync versions");
    }

    @Test
    void aScanRowWithoutAPermissionModeIsRefused() {
        Map<String, Object> scan = new java.util.HashMap<>();
        scan.put("format", ArtifactScan.FORMAT);
        Map<String, Object> setuid = row("a", 1);
        setuid.put("mode", 04755L); // set-uid is not a permission bit: never recorded, never restored
        scan.put("files", List.of(setuid));
        assertThatThrownBy(() -> ArtifactScan.fromWire(scan)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("field 'mode' is 2541");
        Map<String, Object> none = row("a", 1);
        none.remove("mode");
        scan.put("files", List.of(none));
        assertThatThrownBy(() -> ArtifactScan.fromWire(scan)).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("field 'mode' is missing");
        scan.put("files", List.of(row("a", 1)));
        assertThat(ArtifactScan.fromWire(scan)).singleElement().satisfies(f -> assertThat(f.mode()).isEqualTo(0644));
    }

    @Test
    void aMalformedReplyNamesTheField() {
        Map<String, Object> row = new java.util.HashMap<>(Map.of("path", "a", "ok", true, "size", 1L, "mtimeNanos", 2L,
                "sha256", "00".repeat(32), "nonce", "00".repeat(24)));
        row.put("etags", "not a list");
        assertThatThrownBy(() -> FileOutcome.fromWire(row, "the reply")).isInstanceOf(IntegrityException.class)
                .hasMessageContaining("field 'etags'");
        row.put("etags", List.of("e"));
        row.put("sha256", "XYZ");
        assertThatThrownBy(() -> FileOutcome.fromWire(row, "the reply")).hasMessageContaining("malformed SHA-256");
    }

    @Test
    void signedUrlsArePrintedWithoutTheirQuery() {
        SignedUrl url = new SignedUrl("http://h/b/k?X-Amz-Signature=abc&X-Amz-Credential=AKIA", Map.of(), 3);
        assertThat(url.toString()).isEqualTo("SignedUrl[http://h/b/k?…, size=3]");
        assertThat(AgentHttp.describe(new java.io.IOException("failed: http://h/b/k?X-Amz-Signature=abc, closed")))
                .isEqualTo("IOException (failed: http://h/b/k?…, closed)");
    }

    @Test
    void anEtagThatIsNotTheMd5OfTheBodySentIsARetryableFailure() throws Exception {
        byte[] md5 = MessageDigest.getInstance("MD5").digest("body".getBytes(StandardCharsets.UTF_8));
        String hex = HexFormat.of().formatHex(md5);

        assertThat(AgentHttp.checkedEtag(response(Map.of("etag", "\"" + hex + "\"")), md5)).isEqualTo("\"" + hex + "\"");
        assertThatThrownBy(() -> AgentHttp.checkedEtag(response(Map.of("etag", "\"" + "0".repeat(32) + "\"")), md5))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("corrupted on the way");
        assertThat(AgentHttp.checkedEtag(response(Map.of("etag", "\"opaque\"", "x-amz-server-side-encryption", "aws:kms")),
                md5)).as("SSE-KMS ETags are not MD5s").isEqualTo("\"opaque\"");
        assertThatThrownBy(() -> AgentHttp.checkedEtag(response(Map.of()), md5)).hasMessageContaining("no ETag");
    }

    private static java.net.http.HttpResponse<String> response(Map<String, String> headers) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        java.net.http.HttpHeaders h = java.net.http.HttpHeaders.of(multi, (k, v) -> true);
        return new java.net.http.HttpResponse<>() {
            public int statusCode() { return 200; }
            public java.net.http.HttpRequest request() { return null; }
            public java.util.Optional<java.net.http.HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
            public java.net.http.HttpHeaders headers() { return h; }
            public String body() { return ""; }
            public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
            public java.net.URI uri() { return null; }
            public java.net.http.HttpClient.Version version() { return java.net.http.HttpClient.Version.HTTP_1_1; }
        };
    }

    @Test
    void theVerifiedStreamFailsAtItsEndUnlessSizeAndHashMatch() throws Exception {
        byte[] data = "the artifact".getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));

        assertThat(verified(data, data.length, sha).readAllBytes()).isEqualTo(data);
        assertThatThrownBy(() -> verified(data, data.length + 1, sha).readAllBytes())
                .isInstanceOf(IntegrityException.class).hasMessageContaining("'x': truncated");
        assertThatThrownBy(() -> verified(data, data.length - 1, sha).readAllBytes())
                .isInstanceOf(IntegrityException.class).hasMessageContaining("'x': longer than");
        assertThatThrownBy(() -> verified(data, data.length, "00".repeat(32)).readAllBytes())
                .isInstanceOf(IntegrityException.class).hasMessageContaining("SHA-256 differs");
        InputStream sticky = verified(data, data.length, "00".repeat(32));
        assertThatThrownBy(sticky::readAllBytes).isInstanceOf(IntegrityException.class);
        assertThatThrownBy(sticky::read).as("errors are sticky").isInstanceOf(IntegrityException.class);
    }

    private static InputStream verified(byte[] data, long size, String sha) {
        ManifestEntry e = new ManifestEntry("x", size, 0, sha, "00".repeat(24));
        return new VerifiedInputStream(new ByteArrayInputStream(data), e.size(), e.sha256(), "'x'", "fix it");
    }

    private static Map<String, Object> row(String path, long size) {
        return new java.util.HashMap<>(Map.of("path", path, "source", path, "size", size, "mtimeNanos", 0L,
                "mode", 0644L));
    }
}
