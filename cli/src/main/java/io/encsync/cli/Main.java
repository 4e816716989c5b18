package io.encsync.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code encsync}: push, pull and check folders against an rclone-crypt remote (a local folder or
 * S3), print an rclone.conf for disaster recovery, and provision a private bucket.
 *
 * <p>Exit codes: 0 ok; 1 differences found ({@code check}); 2 usage or configuration, or changes
 * pending ({@code provision plan}, as terraform); 3 credentials rejected or access denied; 4 integrity
 * failure or unsafe path; 5 remote failure after retries; 6 local I/O; 7 wrong password. The help
 * lists them too ({@code exitCodeList}); {@code --help} and {@code -h} print usage and exit 0 on
 * every command.
 */
@Command(
        name = "encsync",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Encrypted backups in rclone's crypt format, byte for byte: anyone with stock rclone and the password "
                    + "can restore them, and encsync reads what rclone wrote.",
            "",
            "A remote is a local folder or s3://bucket[/prefix]. Passwords come from ENCSYNC_PASSWORD and "
                    + "ENCSYNC_PASSWORD2, from --password-file, or from a prompt on a terminal, never from the command "
                    + "line. Run 'encsync COMMAND --help' for a command's options.",
        },
        subcommands = {
            PushCommand.class,
            PullCommand.class,
            CheckCommand.class,
            LsCommand.class,
            RcloneConfigCommand.class,
            ProvisionCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:Success.",
            "1:check found differences.",
            "2:Usage or configuration error; for provision plan, changes are pending.",
            "3:Credentials rejected or access denied.",
            "4:Integrity failure or unsafe path: tampered, missing, truncated, swapped, stale or unlisted files.",
            "5:The remote still failed after the retries, or another push holds its lock.",
            "6:Local I/O error, such as permissions or a full disk.",
            "7:Wrong password or password2.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  encsync push ~/work/reports /srv/vault",
            "  encsync pull s3://my-backups/reports ~/restore --region eu-west-1",
            "  encsync help push",
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
        // Help is wrapped to the terminal's width (80 columns when the output is not a terminal).
        cli.setUsageHelpAutoWidth(true);
        // Room for "--versioning=true|false": one column short of a name, picocli starts its description
        // after a single space, on the same line.
        cli.setUsageHelpLongOptionsMaxWidth(24);
        withHeadings(cli);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        // picocli's help command: one paragraph instead of two lines, and examples, as every command has.
        cli.getSubcommands().get("help").getCommandSpec().usageMessage()
                .description("Show the help of COMMAND, or of encsync itself when no COMMAND is given.")
                .footerHeading("%nExamples:%n")
                .footer("  encsync help push", "  encsync help provision apply");
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(ErrorReporter::usageError);
        return cli;
    }

    /** The same section headings in every command's help, so that a long option list reads as sections. */
    private static void withHeadings(CommandLine cmd) {
        cmd.getCommandSpec().usageMessage()
                .descriptionHeading("%n")
                .parameterListHeading("%nParameters:%n")
                .optionListHeading("%nOptions:%n")
                .commandListHeading("%nCommands:%n");
        cmd.getSubcommands().values().forEach(Main::withHeadings);
    }
}
