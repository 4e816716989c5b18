package io.encsync.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.encsync.core.ErrorCategory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which refusals count as an expired URL, and how the two rounds' replies merge: the second
 * round, from an agent the controller does not trust, contributes only the files it was sent.
 */
class UrlRenewalTest {

    private static AgentHttp.StatusException status(int status, String body) {
        return catchThrowableOfType(AgentHttp.StatusException.class, () -> AgentHttp.check(status, body));
    }

    @Test
    void expiredUrlsAndEndedSessionsAreRenewableOtherRefusalsAreNot() {
        assertThat(status(403, "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>")
                .expired()).isTrue();
        assertThat(status(400, "<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message>"
                + "</Error>").expired()).isTrue();
        assertThat(status(403, "<Error><Code>Forbidden</Code><Message>Request has expired</Message></Error>")
                .expired()).as("by S3's message").isTrue();
        assertThat(status(403, "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we "
                + "calculated does not match</Message></Error>").expired()).isFalse();
        assertThat(status(404, "<Error><Code>NoSuchKey</Code></Error>").expired()).isFalse();
        assertThat(status(500, "<Error><Code>InternalError</Code></Error>").expired()).isFalse();
    }

    private static Map<String, Object> uploadReply(List<Map<String, Object>> rows, long bytes) {
        Map<String, Object> m = new HashMap<>();
        m.put("format", PresignedUploader.REPLY_FORMAT);
        m.put("files", new ArrayList<>(rows));
        m.put("bytes", bytes);
        m.put("retries", 1L);
        return m;
    }

    private static Map<String, Object> ok(String path, String sha) {
        return FileOutcome.success(path, 1, 2, hex(sha), new byte[24], List.of("\"etag\"")).toWire();
    }

    private static byte[] hex(String one) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) one.charAt(0));
        return b;
    }

    @Test
    void theSecondRoundContributesOnlyTheFilesItWasSent() {
        Map<String, Object> first = uploadReply(List.of(ok("a.txt", "a"),
                FileOutcome.failure("b.txt", ErrorCategory.ACCESS, "expired", true).toWire()), 1);
        // A hostile agent also answers for a.txt in the second round.
        Map<String, Object> second = uploadReply(List.of(ok("a.txt", "x"), ok("b.txt", "b"), ok("b.txt", "y")), 1);

        Map<String, Object> merged = UrlRenewal.mergeUploads(first, second, Set.of("b.txt"));

        List<FileOutcome> rows = Wire.maps(merged, "files", "merged").stream()
                .map(r -> FileOutcome.fromWire(r, "merged")).toList();
        assertThat(rows).extracting(FileOutcome::path).containsExactly("a.txt", "b.txt");
        assertThat(rows).allMatch(FileOutcome::ok);
        assertThat(rows.get(0).sha256()).startsWith("6161");
        assertThat(rows.get(1).sha256()).startsWith("6262");
        assertThat(merged).containsEntry("retries", 2L).containsEntry("renewed", 1L);
    }

    @Test
    void downloadsMergeTheSecondRoundsOutcomeForTheRenewedFilesOnly() {
        DownloadResult first = new DownloadResult("s", 1, 5, 0, List.of(
                new TransferFailure("b.txt", ErrorCategory.ACCESS, "b expired"),
                new TransferFailure("c.txt", ErrorCategory.INTEGRITY, "c tampered")));
        DownloadResult second = new DownloadResult("s", 0, 0, 0, List.of(
                new TransferFailure("b.txt", ErrorCategory.ACCESS, "b expired again"),
                new TransferFailure("c.txt", ErrorCategory.REMOTE, "not sent, yet reported")));

        DownloadResult merged = UrlRenewal.mergeDownloads(first, second, Set.of("b.txt"));

        assertThat(merged.failures()).extracting(TransferFailure::message)
                .containsExactlyInAnyOrder("c tampered", "b expired again");
    }
}
