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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code encsync provision plan|apply|destroy}: a private bucket and a least-privilege sync user,
 * terraform-style but without a state file. A thin shell over {@link Provisioner}: it turns the
 * flags into a {@link ProvisionRequest} (every input checked before any request), prints the
 * plan, and puts a new secret only where the user asked (a 0600 file, or stdout with
 * {@code --show-secret}).
 *
 * <p>The three actions are subcommands, each with its own help. The options that describe the
 * bucket and user are declared here and inherited, so they may come before or after the action
 * ({@code provision --bucket b plan} and {@code provision plan --bucket b} are the same).
 *
 * <p>Exit codes: 0 done / no changes; 2 invalid input, refused, or (for {@code plan}) changes
 * pending; 3 access denied or no admin credentials; 5 AWS still failing after retries; 6 the key
 * file could not be written.
 */
@Command(name = "provision", sortOptions = false,
        customSynopsis = "encsync provision COMMAND --bucket=NAME --region=REGION [OPTIONS]",
        subcommands = {ProvisionCommand.Plan.class, ProvisionCommand.Apply.class, ProvisionCommand.Destroy.class},
        description = {
            "Create, check or remove a private S3 bucket with a least-privilege IAM user and its access key.",
            "",
            "This does what the terraform of the manual recipe did, without a state file: each run reads what "
                    + "exists, plans, and changes only what differs. Admin credentials come from the AWS SDK's default "
                    + "chain (environment, profile, instance role). The options may come before or after the action.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  encsync provision plan --bucket backups --region eu-west-1",
            "  encsync provision apply --bucket backups --region eu-west-1 --output key.conf",
            "  encsync provision destroy --bucket backups --region eu-west-1 --force",
        })
public final class ProvisionCommand {
    @Option(names = "--bucket", required = true, paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The bucket to create or manage.")
    String bucket;

    @Option(names = "--region", required = true, paramLabel = "REGION", scope = ScopeType.INHERIT,
            description = "The region of the bucket, such as eu-west-1.")
    String region;

    @Option(names = "--user", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The IAM user's name. Default: encsync-BUCKET.")
    String user;

    @Option(names = "--user-path", paramLabel = "PATH", defaultValue = ProvisionRequest.DEFAULT_USER_PATH, scope = ScopeType.INHERIT,
            description = "The IAM path of the user. Default: ${DEFAULT-VALUE}.")
    String userPath;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "", scope = ScopeType.INHERIT,
            description = "Limit the user to keys under this prefix. Default: the whole bucket.")
    String prefix;

    @Option(names = "--versioning", arity = "1", paramLabel = "true|false", defaultValue = "true", scope = ScopeType.INHERIT,
            converter = TrueFalse.Converter.class, completionCandidates = Candidates.Booleans.class,
            description = "Keep old versions of replaced and deleted objects. Default: ${DEFAULT-VALUE}.")
    TrueFalse versioning;

    @Option(names = "--noncurrent-days", paramLabel = "N", defaultValue = "30", scope = ScopeType.INHERIT,
            description = "Delete replaced or deleted versions after N days. Default: ${DEFAULT-VALUE}.")
    int noncurrentDays;

    @Option(names = "--kms-key", paramLabel = "ID", scope = ScopeType.INHERIT,
            description = "Encrypt objects with SSE-KMS and this key by default. Default: SSE-S3.")
    String kmsKey;

    @Option(names = "--tls-only", arity = "1", paramLabel = "true|false", defaultValue = "true", scope = ScopeType.INHERIT,
            converter = TrueFalse.Converter.class, completionCandidates = Candidates.Booleans.class,
            description = "Add a bucket policy that denies requests without TLS. Default: ${DEFAULT-VALUE}.")
    TrueFalse tlsOnly;

    @Option(names = "--endpoint", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "One endpoint for S3, IAM and STS, for an S3-compatible server or an emulator.")
    String endpoint;

    @Option(names = "--adopt", scope = ScopeType.INHERIT,
            description = "Manage an existing bucket or user that encsync did not create.")
    boolean adopt;

    @Option(names = "--rotate-key", scope = ScopeType.INHERIT,
            description = "Replace the user's access key even if it has one.")
    boolean rotateKey;

    // Inherited rather than HelpOption mixed in, so that it comes last in each action's help too.
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    /** One action: what it does with a ready provisioner and the validated request. */
    @FunctionalInterface
    interface Action {
        int run(Provisioner provisioner, ProvisionRequest request, PrintWriter out);
    }

    /**
     * Checks the input ({@code check} adds the action's own checks), connects, names the admin
     * identity, then runs the action. Nothing reaches AWS before every check has passed; errors
     * become exit codes.
     */
    int run(CommandSpec spec, boolean force, Runnable check, Action action) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            ProvisionRequest request = ProvisionRequest.builder().bucket(bucket).region(region).userName(user)
                    .userPath(userPath).prefix(prefix).versioning(versioning.value()).noncurrentDays(noncurrentDays)
                    .kmsKeyId(kmsKey).tlsOnly(tlsOnly.value()).endpoint(endpoint).adopt(adopt).rotateKey(rotateKey)
                    .force(force).build();
            check.run();
            try (ProvisionClients clients = ProvisionClients.forRequest(request)) {
                Provisioner provisioner = new Provisioner(clients);
                out.println("Admin identity: " + provisioner.callerArn());
                return action.run(provisioner, request, out);
            }
        } catch (EncsyncException e) {
            err.println("encsync provision: " + e.getMessage());
            return e.category().exitCode();
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** What each action has: the provision command with the shared options, and its own spec. */
    abstract static class ActionCommand implements Callable<Integer> {
        @ParentCommand
        ProvisionCommand parent;

        @Spec
        CommandSpec spec;
    }

    @Command(name = "plan", sortOptions = false,
            customSynopsis = "encsync provision plan --bucket=NAME --region=REGION [OPTIONS]",
            description = {
                "Show what apply would change, and change nothing.",
                "",
                "Exit 0 when the bucket and user are as they should be, 2 when changes are pending, as "
                        + "terraform plan -detailed-exitcode does.",
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  encsync provision plan --bucket backups --region eu-west-1",
                "  encsync provision plan --bucket backups --region eu-west-1 --rotate-key",
            })
    static final class Plan extends ActionCommand {
        @Override
        public Integer call() {
            return parent.run(spec, false, () -> { }, (provisioner, request, out) -> {
                ProvisionPlan plan = provisioner.plan(request);
                out.print(plan.render());
                return plan.hasChanges() ? 2 : 0;
            });
        }
    }

    @Command(name = "apply", sortOptions = false,
            customSynopsis = "encsync provision apply --bucket=NAME --region=REGION [OPTIONS]",
            description = {
                "Create or repair the bucket, the user, its policy and its access key.",
                "",
                "A second apply changes nothing. The secret of a new access key is shown only once, so apply "
                        + "refuses to create one unless --output or --show-secret says where it goes.",
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  encsync provision apply --bucket backups --region eu-west-1 --output key.conf",
                "  encsync provision apply --bucket backups --region eu-west-1 --show-secret",
            })
    static final class Apply extends ActionCommand {
        @Option(names = "--output", paramLabel = "FILE",
                description = "Write a new access key to FILE (mode 0600, replaced if it exists).")
        Path output;

        @Option(names = "--output-format", paramLabel = "FORMAT", defaultValue = "rclone",
                completionCandidates = Candidates.KeyFileFormats.class,
                description = "The format of the key file: rclone (a section of an rclone config file) or env (export lines "
                        + "for a POSIX shell). Default: ${DEFAULT-VALUE}.")
        String outputFormat;

        /** {@link #outputFormat}, parsed by {@link #checkOutput}. */
        private AccessKeyFile.Format format;

        @Option(names = "--remote-name", paramLabel = "NAME",
                description = "The section name in the rclone format. Default: the bucket's name.")
        String remoteName;

        @Option(names = "--show-secret", description = "Also print a new secret access key to standard output.")
        boolean showSecret;

        @Override
        public Integer call() {
            return parent.run(spec, false, this::checkOutput, (provisioner, request, out) -> {
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
                result.newAccessKey().ifPresent(key -> handOver(key, request, out));
                return 0;
            });
        }

        // Checked before any request: a key whose file cannot be written would be a lost secret.
        private void checkOutput() {
            format = AccessKeyFile.Format.parse(outputFormat);
            if (output == null) {
                return;
            }
            Path folder = output.toAbsolutePath().getParent();
            if (Files.isDirectory(output) || folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
                throw EncsyncException.usage("output file '" + output + "' cannot be written: its folder must exist and be "
                        + "writable and it must not be a folder — pass another --output");
            }
        }

        private void handOver(AccessKey key, ProvisionRequest request, PrintWriter out) {
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
    }

    @Command(name = "destroy", sortOptions = false,
            customSynopsis = "encsync provision destroy --bucket=NAME --region=REGION [OPTIONS]",
            description = {
                "Delete the user's access keys and policies, the user, then the bucket.",
                "",
                "Only a bucket and user that encsync created, or that were adopted with --adopt, are deleted. A bucket "
                        + "that still holds objects is deleted only with --force. A second destroy finds nothing and "
                        + "does nothing.",
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  encsync provision destroy --bucket backups --region eu-west-1",
                "  encsync provision destroy --bucket backups --region eu-west-1 --force",
            })
    static final class Destroy extends ActionCommand {
        @Option(names = "--force", description = "Delete every object version and delete marker of a bucket that is not empty.")
        boolean force;

        @Override
        public Integer call() {
            return parent.run(spec, force, () -> { }, (provisioner, request, out) -> {
                ProvisionPlan plan = provisioner.planDestroy(request);
                out.print(plan.render());
                if (plan.hasChanges()) {
                    provisioner.apply(plan);
                    out.println("Destroy complete: " + plan.changes().size() + " change(s) made.");
                }
                return 0;
            });
        }
    }
}
