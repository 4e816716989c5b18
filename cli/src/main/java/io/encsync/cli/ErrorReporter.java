package io.encsync.cli;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line on stderr and the documented exit code. Stack traces only
 * with {@code --debug}: a user needs the object, the problem and the fix, not our call stack.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    /** Exit code for failures we did not anticipate (a bug): distinct from every documented code. */
    static final int INTERNAL_ERROR = 70;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean debug = parseResult.hasMatchedOption("--debug")
                || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
        if (ex instanceof EncsyncException e) {
            err.println("encsync: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            }
            err.flush();
            return e.category().exitCode();
        }
        err.println("encsync: internal error: " + ex + (debug ? "" : " (run again with --debug for details, and please report it)"));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return INTERNAL_ERROR;
    }

    static int usageError(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("encsync: " + ex.getMessage());
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ErrorCategory.USAGE.exitCode();
    }
}
