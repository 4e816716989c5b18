package io.encsync.core.task;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.LogText;
import io.encsync.core.aws.AgentCredentials;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.IssuedKey;
import io.encsync.core.aws.ProxySettings;
import io.encsync.core.aws.S3Access;
import io.encsync.core.cipher.ContentCipher;
import io.encsync.core.provision.AccessKey;
import io.encsync.core.provision.ProvisionClients;
import io.encsync.core.provision.ProvisionPlan;
import io.encsync.core.provision.ProvisionRequest;
import io.encsync.core.provision.ProvisionResult;
import io.encsync.core.provision.Provisioner;
import io.encsync.core.store.LocalStore;
import io.encsync.core.store.Store;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.store.s3.S3Store;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.manifest.CryptContext;
import io.encsync.core.sync.FileError;
import io.encsync.core.sync.Pull;
import io.encsync.core.sync.Push;
import io.encsync.core.sync.SyncOptions;
import io.encsync.core.sync.SyncResult;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The only class of this package that calls the sync and provisioning engines: turns task
 * payloads into engine calls and engine results into {@link TaskResult}s.
 */
final class Engines {
    private Engines() {
    }

    static void checkDistinct(Path source, Path target) {
        if (source.startsWith(target) || target.startsWith(source)) {
            throw EncsyncException.usage("source " + LogText.name(source.toString()) + " and target "
                    + LogText.name(target.toString()) + " must not contain each other — pick two separate folders");
        }
    }

    static TaskResult encryptFolder(Path source, Path target, CryptConfig crypt, TaskLog log,
            CancellationSignal cancel) throws InterruptedException {
        cancel.throwIfCancelled();
        try (Store store = LocalStore.open(target)) {
            return push(source, store, crypt, SyncOptions.defaults(), log, cancel);
        }
    }

    static TaskResult decryptFolder(Path source, Path target, CryptConfig crypt, TaskLog log,
            CancellationSignal cancel) throws InterruptedException {
        cancel.throwIfCancelled();
        if (!java.nio.file.Files.isDirectory(source)) {
            throw EncsyncException.usage("source " + LogText.name(source.toString()) + " is not a folder — give the"
                    + " folder encryptDir (or rclone) wrote");
        }
        try (Store store = LocalStore.open(source)) {
            return pull(store, target, crypt, SyncOptions.defaults(), log, cancel);
        }
    }

    static TaskResult pushToS3(Path source, S3Access s3, CryptConfig crypt, SyncOptions options, TaskLog log,
            CancellationSignal cancel) throws InterruptedException {
        cancel.throwIfCancelled();
        try (AgentCredentials credentials = s3.credentials(); Store store = open(s3, credentials)) {
            return push(source, store, crypt, options, log, cancel);
        }
    }

    static TaskResult pullFromS3(S3Access s3, Path target, CryptConfig crypt, SyncOptions options, TaskLog log,
            CancellationSignal cancel) throws InterruptedException {
        cancel.throwIfCancelled();
        try (AgentCredentials credentials = s3.credentials(); Store store = open(s3, credentials)) {
            return pull(store, target, crypt, options, log, cancel);
        }
    }

    private static Store open(S3Access s3, AgentCredentials credentials) {
        return S3Store.open(s3.location(), s3.settings().toBuilder().credentialsProvider(credentials).build());
    }

    private static TaskResult push(Path source, Store store, CryptConfig crypt, SyncOptions options, TaskLog log,
            CancellationSignal cancel) throws InterruptedException {
        cancel.throwIfCancelled();
        try (CryptContext ctx = CryptContext.open(crypt, ContentCipher.defaultParallelism())) {
            SyncResult r = Push.run(source, store, ctx, forLog(options), new LogListener(log));
            return result("Pushed to " + store.describe(), r);
        } catch (CancellationException e) {
            throw cancelled(e);
        }
    }

    private static TaskResult pull(Store store, Path target, CryptConfig crypt, SyncOptions options, TaskLog log,
            CancellationSignal cancel) throws InterruptedException {
        cancel.throwIfCancelled();
        try (CryptContext ctx = CryptContext.open(crypt, ContentCipher.defaultParallelism())) {
            SyncResult r = Pull.run(store, target, ctx, forLog(options), new LogListener(log));
            return result("Pulled from " + store.describe(), r);
        } catch (CancellationException e) {
            throw cancelled(e);
        }
    }

    /** A build log is read later, not watched: one progress line every 15 s is plenty. */
    private static SyncOptions forLog(SyncOptions options) {
        return options.toBuilder().progressInterval(java.time.Duration.ofSeconds(15)).build();
    }

    private static InterruptedException cancelled(CancellationException e) {
        Thread.interrupted(); // the engine set the flag again; we report it as the exception instead
        InterruptedException ie = new InterruptedException(e.getMessage());
        ie.initCause(e);
        return ie;
    }

    /**
     * The summary map (without the run time, which differs run to run) — or a failure when any
     * file failed, naming how many and the first, with the worst category.
     */
    private static TaskResult result(String what, SyncResult r) {
        if (!r.errors().isEmpty()) {
            FileError first = r.errors().get(0);
            ErrorCategory worst = r.worstCategory();
            throw new EncsyncException(worst, r.errors().size() + " file(s) failed (" + r.transferred()
                    + " transferred); first: " + LogText.name(first.path()) + ": " + first.message()
                    + (r.errors().size() > 1 ? " — see the log above for the others" : ""));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("transferred", r.transferred());
        values.put("unchanged", r.unchanged());
        values.put("deleted", r.deleted());
        values.put("bytes", r.bytes());
        values.put("generation", r.generation());
        values.put("dryRun", r.dryRun());
        String summary = what + (r.dryRun() ? " (dry run, nothing changed)" : "") + ": " + r.transferred()
                + " transferred, " + r.unchanged() + " unchanged, " + r.deleted() + " deleted, " + r.bytes()
                + " bytes, generation " + r.generation();
        return new TaskResult(summary, values);
    }

    static TaskResult provision(ProvisionRequest request, ProvisionMode mode, AwsAuth auth, ProxySettings proxy,
            TaskLog log, CancellationSignal cancel) throws InterruptedException {
        cancel.throwIfCancelled();
        Optional<URI> endpoint = request.endpoint();
        S3Settings.Builder address = S3Settings.builder().region(request.region()).endpoint(endpoint.orElse(null))
                .pathStyle(endpoint.isPresent());
        if (proxy != null) {
            proxy.forTarget(endpoint).ifPresent(address::proxy);
        }
        S3Settings settings = address.build();
        try (AgentCredentials credentials = AgentCredentials.of(auth, settings);
                ProvisionClients clients = ProvisionClients.create(request.region(), endpoint.orElse(null), credentials,
                        settings.proxy().orElse(null))) {
            Provisioner provisioner = new Provisioner(clients);
            ProvisionPlan plan = switch (mode) {
                case PLAN, APPLY -> provisioner.plan(request);
                case DESTROY -> provisioner.planDestroy(request);
            };
            plan.render().lines().forEach(log::line);
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("mode", mode.value());
            values.put("bucket", request.bucket());
            values.put("userName", request.userName());
            values.put("changes", plan.changes().size());
            if (mode == ProvisionMode.PLAN) {
                values.put("changed", false);
                return new TaskResult(plan.summary(), values);
            }
            cancel.throwIfCancelled();
            ProvisionResult result = mode == ProvisionMode.DESTROY ? provisioner.destroy(request)
                    : provisioner.apply(plan);
            values.put("changed", result.changed());
            IssuedKey issued = result.newAccessKey().map(Engines::issued).orElse(null);
            if (issued != null) {
                values.put("accessKeyId", issued.accessKeyId());
            }
            String summary = (mode == ProvisionMode.DESTROY ? "Destroyed: " : "Applied: ") + result.changes().size()
                    + " change(s) to s3://" + request.bucket() + " and user " + request.userName()
                    + (issued == null ? "" : "; new access key " + issued.accessKeyId());
            return new TaskResult(summary, values, issued);
        }
    }

    private static IssuedKey issued(AccessKey key) {
        return new IssuedKey(key.accessKeyId(), key.secretAccessKey());
    }
}
