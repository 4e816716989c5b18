package io.encsync.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code encsync completion bash|zsh}: the shell completion script picocli generates from the
 * command tree itself, so every command, option and listed option value is completed without a
 * hand-kept list. One script serves both shells: it runs in zsh through zsh's bash completion
 * layer ({@code bashcompinit}), which the script loads itself.
 */
@Command(name = "completion",
        description = {
            "Print a shell completion script for encsync.",
            "",
            "The script completes commands, options, and the values of options such as --filename-encryption. "
                    + "It completes the command encsync, so put the launcher on your PATH. In zsh, source a saved copy "
                    + "from the zsh startup file (zshrc): it runs through zsh's bash completion layer "
                    + "(bashcompinit), which it loads itself.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(encsync completion bash)",
            "  encsync completion bash > ~/.local/share/bash-completion/completions/encsync",
            "  encsync completion zsh > ~/.encsync-completion.zsh",
        })
final class CompletionCommand implements Callable<Integer> {
    /** The shells the script is for. */
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "The shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String script = AutoComplete.bash(spec.root().name(), spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
