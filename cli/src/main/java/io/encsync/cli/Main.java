package io.encsync.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code encsync}: push, pull and check folders against an rclone-crypt remote (a local folder or
 * S3), print an rclone.conf for disaster recovery, and provision a private bucket.
 *
 * <p>Exit codes: 0 ok; 1 differences found ({@code check}) or changes pending ({@code provision
 * plan}: 2, as terraform); 2 usage or configuration; 3 credentials rejected or access denied;
 * 4 integrity failure or unsafe path; 5 remote failure after retries; 6 local I/O; 7 wrong password.
 */
@Command(
        name = "encsync",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Encrypted sync in rclone's crypt format: anyone with stock rclone and the password can restore.",
        subcommands = {
            PushCommand.class,
            PullCommand.class,
            CheckCommand.class,
            LsCommand.class,
            RcloneConfigCommand.class,
            ProvisionCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // Core reports notable events (an S3 request retried, a download resumed) through
        // System.Logger, i.e. java.util.logging here: one plain line each on stderr.
        System.setProperty("java.util.logging.SimpleFormatter.format", "encsync: %5$s%6$s%n");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; used by tests in-process too. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(ErrorReporter::usageError);
        return cli;
    }
}
