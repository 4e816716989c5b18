package io.encsync.core.task;

import static io.encsync.core.task.TaskFixtures.crypt;
import static io.encsync.core.task.TaskFixtures.writeTree;
import static org.assertj.core.api.Assertions.assertThat;

import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.IssuedKey;
import io.encsync.core.aws.S3Access;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.provision.ProvisionRequest;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.sync.SyncOptions;
import io.encsync.core.testing.MotoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recipe's whole flow through tasks on moto: plan → apply → push with the new key → destroy. */
class ProvisionTaskTest {
    private static final AwsAuth ADMIN = AwsAuth.staticKeys("AKIAADMINEXAMPLE0001", SecretBytes.utf8("admin-secret"), null);

    @TempDir
    Path ws;
    private final List<String> log = new ArrayList<>();

    private ProvisionTask task(String bucket, ProvisionMode mode) {
        ProvisionRequest spec = ProvisionRequest.builder().bucket(bucket).region("us-east-1").force(true)
                // moto speaks plain http; the TLS-only bucket policy would (rightly) refuse it.
                .tlsOnly(false)
                .endpoint(MotoServer.shared().endpoint().toString()).build();
        return new ProvisionTask(spec, mode, ADMIN, null);
    }

    @Test
    void planApplyPushDestroy() throws Exception {
        String bucket = "prov-" + UUID.randomUUID().toString().substring(0, 8);

        TaskResult plan = task(bucket, ProvisionMode.PLAN).run(log::add, CancellationSignal.THREAD_INTERRUPT);
        assertThat(plan.toMap()).containsEntry("mode", "plan").containsEntry("changed", false);
        assertThat((int) plan.toMap().get("changes")).isPositive();
        assertThat(plan.issuedKey()).isEmpty();

        TaskResult applied = task(bucket, ProvisionMode.APPLY).run(log::add, CancellationSignal.THREAD_INTERRUPT);
        IssuedKey key = applied.issuedKey().orElseThrow();
        String secret = key.secretKey().revealUtf8();
        assertThat(applied.toMap()).containsEntry("changed", true).containsEntry("accessKeyId", key.accessKeyId())
                .containsEntry("userName", "encsync-" + bucket);
        assertThat(applied.summary() + applied.toMap() + applied + String.join("\n", log)).doesNotContain(secret);

        TaskResult again = task(bucket, ProvisionMode.APPLY).run(log::add, CancellationSignal.THREAD_INTERRUPT);
        assertThat(again.toMap()).containsEntry("changed", false);
        assertThat(again.issuedKey()).isEmpty();

        writeTree(ws.resolve("src"));
        S3Access asNewUser = new S3Access(S3Location.of(bucket, ""), S3Settings.builder().region("us-east-1")
                .endpoint(MotoServer.shared().endpoint().toString()).pathStyle(true).build(),
                AwsAuth.staticKeys(key.accessKeyId(), key.secretKey(), null), null);
        TaskResult pushed = new PushTask(ws.toString(), "src", asNewUser, crypt(), SyncOptions.builder().build())
                .run(log::add, CancellationSignal.THREAD_INTERRUPT);
        assertThat(pushed.toMap()).containsEntry("transferred", 4L);

        TaskResult destroyed = task(bucket, ProvisionMode.DESTROY).run(log::add, CancellationSignal.THREAD_INTERRUPT);
        assertThat(destroyed.toMap()).containsEntry("mode", "destroy").containsEntry("changed", true);
        TaskResult nothingLeft = task(bucket, ProvisionMode.DESTROY).run(log::add, CancellationSignal.THREAD_INTERRUPT);
        assertThat(nothingLeft.toMap()).containsEntry("changed", false).containsEntry("changes", 0);
    }
}
