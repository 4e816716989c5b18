package io.encsync.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.IntegrityException;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.keys.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sealing and opening the manifest: canonical JSON, MAC, truncation, wrong keys. */
class ManifestCodecTest {
    private static CryptContext ctx;
    private static CryptContext other;

    @BeforeAll
    static void keys() {
        ctx = context("sync-test-password");
        other = context("another password");
    }

    @AfterAll
    static void close() {
        ctx.close();
        other.close();
    }

    private static Manifest manifest(int files) {
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = files - 1; i >= 0; i--) {
            entries.add(new ManifestEntry("dir/file-" + i + ".txt", i, 1_700_000_000_123_456_789L + i,
                    String.format("%064x", i), String.format("%048x", i + 1)));
        }
        return new Manifest("0123456789abcdef0123456789abcdef", 7, Instant.parse("2026-01-02T03:04:05Z"), entries);
    }

    @Test
    void roundTripKeepsEverything() {
        Manifest m = manifest(3);
        Manifest back = ManifestCodec.open(ManifestCodec.seal(m, ctx), ctx, "test");
        assertThat(back.generation()).isEqualTo(7);
        assertThat(back.repositoryId()).isEqualTo(m.repositoryId());
        assertThat(back.created()).isEqualTo(m.created());
        assertThat(back.entries()).isEqualTo(m.entries());
    }

    @Test
    void jsonIsCanonical() {
        String json = new String(ManifestCodec.toJson(manifest(2)), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"created\":\"2026-01-02T03:04:05Z\",\"files\":["
                + "{\"mode\":420,\"mtime_ns\":1700000000123456789,\"nonce\":\"" + String.format("%048x", 1) + "\",\"path\":\"dir/file-0.txt\","
                + "\"sha256\":\"" + String.format("%064x", 0) + "\",\"size\":0},"
                + "{\"mode\":420,\"mtime_ns\":1700000000123456790,\"nonce\":\"" + String.format("%048x", 2) + "\",\"path\":\"dir/file-1.txt\","
                + "\"sha256\":\"" + String.format("%064x", 1) + "\",\"size\":1}],"
                + "\"format\":\"encsync-manifest\",\"generation\":7,\"repository\":\"0123456789abcdef0123456789abcdef\",\"version\":1}");
        assertThat(ManifestCodec.fromJson(json.getBytes(StandardCharsets.UTF_8), "x").entries()).hasSize(2);
    }

    /** JSON exactly as the version before modes and bindings wrote it (sealed with today's MAC: it still verifies). */
    private static final String BEFORE_MODES = "{\"created\":\"2026-01-02T03:04:05Z\",\"files\":["
            + "{\"mtime_ns\":1700000000123456789,\"nonce\":\"" + String.format("%048x", 1) + "\",\"path\":\"run.sh\","
            + "\"sha256\":\"" + String.format("%064x", 0) + "\",\"size\":0}],"
            + "\"format\":\"encsync-manifest\",\"generation\":3,\"repository\":\"0123456789abcdef0123456789abcdef\",\"version\":1}";

    @Test
    void aManifestWrittenBeforeModesVerifiesReadsAsUnboundAndItsFilesGet0644() {
        byte[] json = BEFORE_MODES.getBytes(StandardCharsets.UTF_8);
        Manifest m = ManifestCodec.open(sealRaw(json), ctx, "old remote");
        assertThat(m.generation()).isEqualTo(3);
        assertThat(m.entries().get("run.sh").mode()).isEqualTo(0644);
        assertThat(m.boundTo()).isEmpty();
    }

    @Test
    void modesAndTheBindingRoundTripAndAreAuthenticated() {
        List<ManifestEntry> entries = List.of(
                new ManifestEntry("bin/tool", 5, 1, String.format("%064x", 1), String.format("%048x", 1), 0755),
                new ManifestEntry("secret", 5, 1, String.format("%064x", 2), String.format("%048x", 2), 0600),
                new ManifestEntry("zero", 5, 1, String.format("%064x", 3), String.format("%048x", 3), 0));
        Manifest m = new Manifest("r", 1, Instant.parse("2026-01-02T03:04:05Z"), entries, "s3://bucket/ci/job/1/artifacts/");
        Manifest back = ManifestCodec.open(ManifestCodec.seal(m, ctx), ctx, "s");
        assertThat(back.entries().get("bin/tool").mode()).isEqualTo(0755);
        assertThat(back.entries().get("secret").mode()).isEqualTo(0600);
        assertThat(back.entries().get("zero").mode()).isZero();
        assertThat(back.boundTo()).contains("s3://bucket/ci/job/1/artifacts/");
        String json = new String(ManifestCodec.toJson(m), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"bound_to\":\"s3://bucket/ci/job/1/artifacts/\",\"created\":")
                .contains("{\"mode\":493,\"mtime_ns\":1,");
        // The binding is inside the MAC: moving the manifest's JSON to another place needs the password.
        byte[] moved = json.replace("ci/job/1/", "ci/job/2/").getBytes(StandardCharsets.UTF_8);
        assertThat(ManifestCodec.open(sealRaw(moved), ctx, "s").boundTo()).contains("s3://bucket/ci/job/2/artifacts/");
        assertThatThrownBy(() -> ManifestCodec.open(withForeignMac(moved), ctx, "s"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("fails its authentication check");
    }

    @Test
    void aModeOutsideThePermissionBitsIsInvalid() {
        String good = new String(ManifestCodec.toJson(manifest(1)), StandardCharsets.UTF_8);
        for (String mode : new String[] {"512", "-1", "4095", "\"0755\""}) {
            String broken = good.replace("\"mode\":420", "\"mode\":" + mode);
            assertThatThrownBy(() -> ManifestCodec.fromJson(broken.getBytes(StandardCharsets.UTF_8), "s"))
                    .as(broken).isInstanceOf(IntegrityException.class).hasMessageContaining("the manifest of s is invalid");
        }
        String badBinding = good.replace("{\"created\"", "{\"bound_to\":7,\"created\"");
        assertThatThrownBy(() -> ManifestCodec.fromJson(badBinding.getBytes(StandardCharsets.UTF_8), "s"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("bound_to");
    }

    /** {@code json} sealed as the codec seals (crypt stream, MAC with this password's MAC key). */
    private static byte[] sealRaw(byte[] json) {
        return encrypt(json, ManifestCodec.mac(ctx.manifestMacKey(), json, json.length));
    }

    /** {@code json} encrypted with our data key but MACed with another password's key: a forgery attempt. */
    private static byte[] withForeignMac(byte[] json) {
        return encrypt(json, ManifestCodec.mac(other.manifestMacKey(), json, json.length));
    }

    private static byte[] encrypt(byte[] json, byte[] mac) {
        byte[] payload = Arrays.copyOf(json, json.length + mac.length);
        System.arraycopy(mac, 0, payload, json.length, mac.length);
        try (var in = ctx.contentCipher().encryptingStream(new java.io.ByteArrayInputStream(payload),
                ctx.contentCipher().newNonce())) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sealedBytesAreAnOrdinaryCryptFileWithFreshNonces() {
        byte[] a = ManifestCodec.seal(manifest(1), ctx);
        byte[] b = ManifestCodec.seal(manifest(1), ctx);
        assertThat(Arrays.copyOf(a, 8)).isEqualTo("RCLONE\0\0".getBytes(StandardCharsets.US_ASCII));
        assertThat(a).isNotEqualTo(b);
        int json = ManifestCodec.toJson(manifest(1)).length;
        assertThat((long) a.length).isEqualTo(ContentCipher.encryptedSize(json + ManifestCodec.MAC_SIZE));
    }

    @Test
    void truncationAtABlockBoundaryFailsTheMac() {
        Manifest big = manifest(1500);
        byte[] sealed = ManifestCodec.seal(big, ctx);
        assertThat((long) sealed.length).isGreaterThan(ContentCipher.blockOffset(2));
        byte[] cut = Arrays.copyOf(sealed, (int) ContentCipher.blockOffset(1));
        assertThatThrownBy(() -> ManifestCodec.open(cut, ctx, "folder /r"))
                .isInstanceOf(IntegrityException.class)
                .isNotInstanceOf(WrongPasswordException.class)
                .hasMessageContaining("the manifest of folder /r fails its authentication check");
    }

    @Test
    void aFlippedByteAfterTheFirstBlockIsAnIntegrityError() {
        byte[] sealed = ManifestCodec.seal(manifest(1500), ctx);
        sealed[(int) ContentCipher.blockOffset(1) + 100] ^= 1;
        assertThatThrownBy(() -> ManifestCodec.open(sealed, ctx, "s"))
                .isInstanceOf(IntegrityException.class)
                .isNotInstanceOf(WrongPasswordException.class)
                .hasMessageContaining("block 1");
    }

    @Test
    void anotherPasswordIsAWrongPassword() {
        byte[] sealed = ManifestCodec.seal(manifest(2), ctx);
        assertThatThrownBy(() -> ManifestCodec.open(sealed, other, "s3://b/p"))
                .isInstanceOf(WrongPasswordException.class)
                .hasMessage("the password or password2 is wrong: the manifest of s3://b/p does not decrypt");
    }

    @Test
    void aManifestSealedWithoutTheMacKeyIsRejected() {
        // A writer with the data key but a different MAC key (here: another password's) cannot forge:
        // re-encrypting the JSON with our data key and a foreign MAC still fails the check.
        byte[] json = ManifestCodec.toJson(manifest(2));
        byte[] payload = Arrays.copyOf(json, json.length + ManifestCodec.MAC_SIZE);
        byte[] sealed;
        try (var in = ctx.contentCipher().encryptingStream(new java.io.ByteArrayInputStream(payload),
                ctx.contentCipher().newNonce())) {
            sealed = in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThatThrownBy(() -> ManifestCodec.open(sealed, ctx, "s"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("fails its authentication check");
    }

    @Test
    void malformedJsonIsReportedNotThrownRaw() {
        assertThatThrownBy(() -> ManifestCodec.fromJson("{\"format\":\"encsync-manifest\",\"version\":2}".getBytes(), "s"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("format version 2");
        assertThatThrownBy(() -> ManifestCodec.fromJson("[1".getBytes(), "s"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("is invalid");
        String dup = new String(ManifestCodec.toJson(manifest(1)), StandardCharsets.UTF_8)
                .replace("\"files\":[", "\"files\":[{\"mtime_ns\":1,\"nonce\":\"" + String.format("%048x", 1)
                        + "\",\"path\":\"dir/file-0.txt\",\"sha256\":\"" + String.format("%064x", 0) + "\",\"size\":0},");
        assertThatThrownBy(() -> ManifestCodec.fromJson(dup.getBytes(StandardCharsets.UTF_8), "s"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("twice");
        String good = new String(ManifestCodec.toJson(manifest(1)), StandardCharsets.UTF_8);
        for (String broken : new String[] {good + "{}", good.replace("\"size\":0", "\"size\":0.5"),
                good.replace("\"files\":[", "\"files\":[1,"), good.replace("\"generation\":7", "\"generation\":7,\"generation\":8"),
                good.replace("\"size\":0", "\"size\":99999999999999999999")}) {
            assertThatThrownBy(() -> ManifestCodec.fromJson(broken.getBytes(StandardCharsets.UTF_8), "s"))
                    .as(broken).isInstanceOf(IntegrityException.class).hasMessageContaining("the manifest of s is invalid");
        }
    }

    @Test
    void macKeyIsDistinctFromEveryCryptKey() {
        byte[] mac = ctx.manifestMacKey().reveal();
        assertThat(mac).hasSize(32)
                .isNotEqualTo(ctx.keys().dataKey().reveal())
                .isNotEqualTo(ctx.keys().nameKey().reveal());
        assertThat(other.manifestMacKey().reveal()).isNotEqualTo(mac);
    }

    private static CryptContext context(String password) {
        return CryptContext.open(CryptConfig.builder().password(SecretBytes.utf8(password)).build(), 1);
    }
}
