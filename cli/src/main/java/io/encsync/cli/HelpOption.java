package io.encsync.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h}/{@code --help} for a subcommand, as {@code git push -h} and {@code rclone copy --help}
 * have it: the usage on stdout and exit 0, even when required parameters are missing. Every
 * subcommand mixes this in ({@code HelpTextTest} walks the command tree to make sure).
 */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
