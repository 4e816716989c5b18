package io.encsync.cli;

import io.encsync.core.EncsyncException;
import io.encsync.core.provision.AccessKey;
import io.encsync.core.provision.AccessKeyFile;
import io.encsync.core.provision.ProvisionClients;
import io.encsync.core.provision.ProvisionPlan;
import io.encsync.core.provision.ProvisionRequest;
import io.encsync.core.provision.ProvisionResult;
import io.encsync.core.provision.Provisioner;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code encsync provision plan|apply|destroy}: a private bucket and a least-privilege sync user,
 * terraform-style but without a state file. A thin shell over {@link Provisioner}: it turns the
 * flags into a {@link ProvisionRequest} (every input checked before any request), prints the
 * plan, and puts a new secret only where the user asked (a 0600 file, or stdout with
 * {@code --show-secret}).
 *
 * <p>Exit codes: 0 done / no changes; 2 invalid input, refused, or (for {@code plan}) changes
 * pending; 3 access denied or no admin credentials; 5 AWS still failing after retries; 6 the key
 * file could not be written.
 */
@Command(name = "provision", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Create, check or remove an encrypted-sync bucket and its least-privilege IAM user and access key.",
            "Admin credentials come from the default AWS chain (environment, profile, instance role).",
            "plan: show what would change (exit 2 when changes are pending, 0 when none).",
            "apply: make it so; a second apply changes nothing.",
            "destroy: delete access keys, inline policy, user, then the bucket."})
public final class ProvisionCommand implements Callable<Integer> {
    /** What to do. */
    enum Action { plan, apply, destroy }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "plan|apply|destroy", description = "What to do: ${COMPLETION-CANDIDATES}.")
    Action action;

    @Option(names = "--bucket", required = true, paramLabel = "NAME", description = "Bucket to create or manage.")
    String bucket;

    @Option(names = "--region", required = true, paramLabel = "REGION", description = "Region of the bucket, e.g. eu-west-1.")
    String region;

    @Option(names = "--user", paramLabel = "NAME", description = "IAM user name (default: encsync-<bucket>).")
    String user;

    @Option(names = "--user-path", paramLabel = "PATH", defaultValue = ProvisionRequest.DEFAULT_USER_PATH,
            description = "IAM path of the user (default: ${DEFAULT-VALUE}).")
    String userPath;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "",
            description = "Limit the user to keys under this prefix (default: the whole bucket).")
    String prefix;

    @Option(names = "--versioning", arity = "1", paramLabel = "true|false", defaultValue = "true",
            description = "Keep old versions (default: ${DEFAULT-VALUE}).")
    boolean versioning;

    @Option(names = "--noncurrent-days", paramLabel = "N", defaultValue = "30",
            description = "Delete replaced or deleted versions after N days (default: ${DEFAULT-VALUE}).")
    int noncurrentDays;

    @Option(names = "--kms-key", paramLabel = "ID", description = "Default encryption SSE-KMS with this key (default: SSE-S3).")
    String kmsKey;

    @Option(names = "--tls-only", arity = "1", paramLabel = "true|false", defaultValue = "true",
            description = "Bucket policy denying requests without TLS (default: ${DEFAULT-VALUE}).")
    boolean tlsOnly;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write a new access key to FILE (mode 0600, replaced if it exists).")
    Path output;

    @Option(names = "--output-format", paramLabel = "rclone|env", defaultValue = "rclone",
            description = "rclone: an rclone.conf S3 section; env: shell exports (default: ${DEFAULT-VALUE}).")
    String outputFormat;

    @Option(names = "--remote-name", paramLabel = "NAME", description = "Section name in the rclone format (default: the bucket).")
    String remoteName;

    @Option(names = "--endpoint", paramLabel = "URL", description = "One endpoint for S3, IAM and STS (S3-compatible server or emulator).")
    URI endpoint;

    @Option(names = "--adopt", description = "Manage an existing bucket or user that encsync did not create.")
    boolean adopt;

    @Option(names = "--rotate-key", description = "Replace the user's access key even if it has one.")
    boolean rotateKey;

    @Option(names = "--force", description = "destroy: delete every object version and delete marker of a non-empty bucket.")
    boolean force;

    @Option(names = "--show-secret", description = "Also print a new secret access key to standard output.")
    boolean showSecret;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ProvisionRequest request = request();
            AccessKeyFile.Format format = AccessKeyFile.Format.parse(outputFormat);
            checkOutput();
            try (ProvisionClients clients = ProvisionClients.forRequest(request)) {
                Provisioner provisioner = new Provisioner(clients);
                out.println("Admin identity: " + provisioner.callerArn());
                return switch (action) {
                    case plan -> plan(provisioner, request, out);
                    case apply -> apply(provisioner, request, format, out);
                    case destroy -> destroy(provisioner, request, out);
                };
            }
        } catch (EncsyncException e) {
            err.println("encsync provision: " + e.getMessage());
            return e.category().exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private ProvisionRequest request() {
        return ProvisionRequest.builder().bucket(bucket).region(region).userName(user).userPath(userPath).prefix(prefix)
                .versioning(versioning).noncurrentDays(noncurrentDays).kmsKeyId(kmsKey).tlsOnly(tlsOnly)
                .endpoint(endpoint).adopt(adopt).rotateKey(rotateKey).force(force).build();
    }

    // Checked before any request: a key whose file cannot be written would be a lost secret.
    private void checkOutput() {
        if (output == null) {
            return;
        }
        Path parent = output.toAbsolutePath().getParent();
        if (Files.isDirectory(output) || parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
            throw EncsyncException.usage("output file '" + output + "' cannot be written: its folder must exist and be "
                    + "writable and it must not be a folder — pass another --output");
        }
    }

    private int plan(Provisioner provisioner, ProvisionRequest request, PrintWriter out) {
        ProvisionPlan plan = provisioner.plan(request);
        out.print(plan.render());
        return plan.hasChanges() ? 2 : 0;
    }

    private int apply(Provisioner provisioner, ProvisionRequest request, AccessKeyFile.Format format, PrintWriter out) {
        ProvisionPlan plan = provisioner.plan(request);
        if (!plan.hasChanges()) {
            out.println(plan.summary());
            return 0;
        }
        if (plan.createsAccessKey() && output == null && !showSecret) {
            throw EncsyncException.usage("apply would create an access key for user '" + request.userName()
                    + "' whose secret is shown only once: nothing was changed — pass --output FILE (or --show-secret)");
        }
        out.print(plan.render());
        ProvisionResult result = provisioner.apply(plan);
        out.println("Apply complete: " + result.changes().size() + " change(s) made.");
        result.newAccessKey().ifPresent(key -> handOver(key, request, format, out));
        return 0;
    }

    private void handOver(AccessKey key, ProvisionRequest request, AccessKeyFile.Format format, PrintWriter out) {
        if (output != null) {
            String name = remoteName == null ? request.bucket() : remoteName;
            AccessKeyFile.write(output, format, name, key, request);
            out.println("New access key " + key.accessKeyId() + " for user '" + request.userName() + "' written to "
                    + output + " (" + format.name().toLowerCase(java.util.Locale.ROOT) + " format, mode 0600).");
        }
        if (showSecret) {
            out.println("aws_access_key_id = " + key.accessKeyId());
            out.println("aws_secret_access_key = " + key.secretAccessKey().revealUtf8());
        }
        key.secretAccessKey().destroy();
    }

    private int destroy(Provisioner provisioner, ProvisionRequest request, PrintWriter out) {
        ProvisionPlan plan = provisioner.planDestroy(request);
        out.print(plan.render());
        if (plan.hasChanges()) {
            provisioner.apply(plan);
            out.println("Destroy complete: " + plan.changes().size() + " change(s) made.");
        }
        return 0;
    }
}
