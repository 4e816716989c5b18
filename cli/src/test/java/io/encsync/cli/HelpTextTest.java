package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help as a newcomer meets it: {@code --help} and {@code -h} on every command, descriptions that
 * are paragraphs picocli wraps (never a line broken by hand in mid-sentence), and examples at the
 * end of every command's help. The commands come from walking picocli's command tree, so a command
 * added later is checked without touching this test.
 */
class HelpTextTest {
    private static final int[] WIDTHS = {80, 120};
    /** Wide enough that picocli wraps nothing: each paragraph and table cell on one line. */
    private static final int UNWRAPPED = 1000;
    private static final Pattern SENTENCE_END = Pattern.compile(".*[.:!?]$");
    private static final Pattern CELL_GAP = Pattern.compile(" {2,}(?=\\S)");

    /** The qualified name of every command in the tree, e.g. "encsync provision apply". */
    static Stream<String> commands() {
        List<String> names = new ArrayList<>();
        collect(Main.commandLine(), names);
        return names.stream();
    }

    private static void collect(CommandLine cmd, List<String> names) {
        names.add(cmd.getCommandSpec().qualifiedName());
        cmd.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, names));
    }

    /** The command named {@code qualifiedName} in a fresh tree whose help is {@code width} columns wide. */
    private static CommandLine command(String qualifiedName, int width) {
        CommandLine cmd = Main.commandLine();
        cmd.setUsageHelpAutoWidth(false);
        cmd.setUsageHelpWidth(width);
        for (String name : args(qualifiedName)) {
            cmd = cmd.getSubcommands().get(name);
        }
        return cmd;
    }

    /** The arguments that select a command: its qualified name without "encsync". */
    private static List<String> args(String qualifiedName) {
        List<String> words = List.of(qualifiedName.split(" "));
        return words.subList(1, words.size());
    }

    record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theWalkFindsEveryCommand() {
        assertThat(commands()).contains("encsync", "encsync push", "encsync pull", "encsync check", "encsync ls",
                "encsync rclone-config", "encsync provision", "encsync provision plan", "encsync provision apply",
                "encsync provision destroy", "encsync completion", "encsync help");
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpAndHPrintTheUsageAndExitZero(String command) {
        for (String flag : List.of("--help", "-h")) {
            List<String> args = new ArrayList<>(args(command));
            args.add(flag);
            Run run = run(args);
            assertThat(run.exit()).as("exit code of %s %s; stderr: %s", command, flag, run.err()).isZero();
            assertThat(run.out()).as("%s %s", command, flag).contains("Usage: " + command);
            assertThat(run.err()).as("%s %s", command, flag).isEmpty();
        }
    }

    /** The report that started this: {@code push --help} in a real process printed an error and exited 2. */
    @Test
    void pushHelpInARealProcessPrintsUsageWithoutColourCodes() {
        for (String[] args : List.of(new String[] {"push", "--help"}, new String[] {"provision", "apply", "-h"})) {
            CliProcess.Result r = new CliProcess().run(args);
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).startsWith("Usage: encsync " + args[0]).doesNotContain("\u001b");
            assertThat(r.stderr()).isEmpty();
        }
    }

    /**
     * Every description is written as whole paragraphs: no hard line break inside one, and each ends
     * a sentence. A paragraph broken by hand is what printed "files are written,⏎then a manifest".
     */
    @ParameterizedTest
    @MethodSource("commands")
    void descriptionsAreWholeParagraphs(String command) {
        CommandSpec spec = command(command, 80).getCommandSpec();
        List<String> texts = new ArrayList<>();
        texts.addAll(Arrays.asList(spec.usageMessage().header()));
        texts.addAll(Arrays.asList(spec.usageMessage().description()));
        texts.addAll(spec.usageMessage().exitCodeList().values());
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            String name = arg.paramLabel() + " " + arg;
            assertThat(arg.description()).as("%s of %s is one paragraph", name, command).hasSize(1);
            texts.add(arg.description()[0]);
        }
        assertThat(spec.usageMessage().description()).as("%s has a description", command).isNotEmpty();
        for (String text : texts) {
            // "%n" before or after a paragraph only adds a blank line; inside one it would break a sentence.
            text = text.replaceAll("^(%n)+|(%n)+$", "");
            assertThat(text).as("in %s", command).doesNotContain("\n", "\r", "%n");
            if (!text.isEmpty()) {
                assertThat(text).as("in %s: a paragraph ends a sentence", command).matches(SENTENCE_END);
            }
        }
    }

    /**
     * Rendered at 80 and 120 columns: no line wider than the terminal, no word cut in two, and
     * every line of a paragraph or table cell that has a next line is full (that line's first word
     * did not fit), i.e. lines end only where picocli wrapped them.
     */
    @ParameterizedTest
    @MethodSource("commands")
    void renderedHelpIsWrappedOnlyByPicocli(String command) {
        for (int width : WIDTHS) {
            CommandLine cmd = command(command, width);
            String where = command + " at width " + width;
            for (String line : cmd.getUsageMessage(Ansi.OFF).split("\n")) {
                assertThat(line.length()).as("%s: line '%s' fits", where, line).isLessThanOrEqualTo(width);
            }
            List<String> wrapped = sections(cmd);
            List<String> unwrapped = sections(command(command, UNWRAPPED));
            for (int i = 0; i < wrapped.size(); i++) {
                assertNoWordCut(wrapped.get(i), unwrapped.get(i), where);
                assertLinesEndOnlyWhereFull(wrapped.get(i), width, where);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpEndsWithTwoOrThreeExamplesThatAreNotWrapped(String command) {
        for (int width : WIDTHS) {
            CommandLine cmd = command(command, width);
            String[] examples = cmd.getCommandSpec().usageMessage().footer();
            assertThat(cmd.getCommandSpec().usageMessage().footerHeading()).as(command).contains("Examples:");
            assertThat(examples).as("examples of %s", command).hasSizeBetween(2, 3);
            String usage = cmd.getUsageMessage(Ansi.OFF).stripTrailing();
            assertThat(usage).as("%s at width %d ends with its examples, one line each", command, width)
                    .endsWith("Examples:\n" + String.join("\n", examples));
        }
    }

    /** The sections of a command's help that hold prose: description and the three tables. */
    private static List<String> sections(CommandLine cmd) {
        Help help = new Help(cmd.getCommandSpec(), Help.defaultColorScheme(Ansi.OFF));
        return List.of(help.header(), help.description(), help.parameterList(), help.optionList(),
                help.commandList(), help.exitCodeList());
    }

    /** The words are those of the unwrapped text: a line may end after a hyphen, never inside a word. */
    private static void assertNoWordCut(String wrapped, String unwrapped, String where) {
        List<String> words = words(wrapped);
        List<String> expected = words(unwrapped);
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            int next = joined.size();
            if (word.endsWith("-") && i + 1 < words.size() && next < expected.size()
                    && expected.get(next).equals(word + words.get(i + 1))) {
                word = word + words.get(++i);
            }
            joined.add(word);
        }
        for (int i = 0; i < Math.min(joined.size(), expected.size()); i++) {
            assertThat(joined.get(i)).as("%s: word %d was cut across two lines (reword it; picocli breaks "
                    + "after some punctuation inside a word)", where, i).isEqualTo(expected.get(i));
        }
        assertThat(joined).as("%s: words", where).hasSameSizeAs(expected);
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /**
     * A line followed by its own continuation (the next line starts in the same column as this
     * line's last cell, or up to two columns further in, as picocli indents wrapped cell text)
     * must be full: the continuation's first word would not have fit on it. picocli fits a word
     * together with the space after it, hence the second {@code + 1}.
     */
    private static void assertLinesEndOnlyWhereFull(String section, int width, String where) {
        String[] lines = section.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            String line = lines[i].stripTrailing();
            String next = lines[i + 1];
            if (line.isBlank() || next.isBlank()) {
                continue;
            }
            int cell = lastCellStart(line);
            int indent = indent(next);
            if (indent < cell || indent > cell + 2) {
                continue; // the next row of a table, or an option name too long for its column
            }
            String firstWord = next.trim().split("\\s+")[0];
            assertThat(line.length() + 1 + firstWord.length() + 1)
                    .as("%s: the line '%s' ends early: '%s' would have fit", where, line, firstWord)
                    .isGreaterThan(width);
        }
    }

    private static int lastCellStart(String line) {
        Matcher gap = CELL_GAP.matcher(line);
        int start = indent(line);
        while (gap.find(start)) {
            start = gap.end();
        }
        return start;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
