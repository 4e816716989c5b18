package io.encsync.cli;

import picocli.CommandLine.Option;

/** How much to print and in which form. */
final class OutputOptions {
    @Option(names = "--json", description = "Print one JSON object with the summary on stdout at the end (and nothing else on stdout).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary line; errors are still printed.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print every file as it is done.")
    boolean verbose;

    @Option(names = "--debug", description = "Print stack traces with errors.")
    boolean debug;
}
