package io.encsync.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.IntegrityException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathRulesTest {
    private final PathRules rules = PathRules.defaults();
    private final PathRules portable = PathRules.of(PathLimits.defaults(), true);

    @ParameterizedTest
    @ValueSource(strings = {"a", "a/b/c", "name with  spaces .txt", "Grüße – 日本語 ☃.txt", "emoji 😀",
        ".hidden", "...", "a.", "trailing space ", "CON", "aux.txt", "ab:c", "x?", "report-v2023-01-02-030405-678.txt"})
    void acceptsOrdinaryNames(String path) {
        RelativePath p = rules.parse(path, null);
        assertThat(p.toString()).isEqualTo(path);
        assertThat(p.segments()).containsExactly(path.split("/"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
        "..|unsafe path segment '..'",
        "../evil|unsafe path segment '..'",
        "a/../b|unsafe path segment '..'",
        "a/..|unsafe path segment '..'",
        ".|unsafe path segment '.'",
        "a/./b|unsafe path segment '.'",
        "/etc/passwd|absolute path",
        "a//b|empty path segment",
        "a/|empty path segment",
        "C:|drive name",
        "C:\\x|separator in path segment",
        "c:x|drive name",
        "a\\b|separator in path segment",
        "x\\..\\y|separator in path segment",
        "\\\\server\\share|separator in path segment",
    })
    void rejectsTraversalAbsoluteAndDriveForms(String path, String problem) {
        assertThatThrownBy(() -> rules.parse(path, "remote/key"))
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith(problem)
                .hasMessageContaining("(remote object remote/key) — not restored");
    }

    @Test
    void theMessageHasTheDocumentedShape() {
        assertThatThrownBy(() -> rules.parse("a/../b", "k3y"))
                .hasMessage("unsafe path segment '..' in a/../b (remote object k3y) — not restored");
    }

    @Test
    void rejectsASegmentThatHidesASeparatorWhenGivenAsSegments() {
        assertThatThrownBy(() -> rules.validate(List.of("ok", "../../etc"), "k"))
                .isInstanceOf(IntegrityException.class).hasMessageStartingWith("separator in path segment '../../etc'");
        assertThatThrownBy(() -> rules.validate(List.of("/etc/passwd"), "k"))
                .isInstanceOf(IntegrityException.class);
        assertThatThrownBy(() -> rules.validate(List.of(), "k")).hasMessageStartingWith("empty path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nul\0", "line\nfeed", "cr\r", "esc\u001b[31m", "del\u007f", "c1\u0085", "tab\t", "bell\u0007"})
    void rejectsControlCharactersAndPrintsThemEscaped(String segment) {
        assertThatThrownBy(() -> rules.parse("dir/" + segment, "k"))
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith("control character in path segment")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("[\\x00-\\x1f\\x7f-\\x9f]"));
    }

    @Test
    void rejectsLoneSurrogatesButAcceptsPairs() {
        assertThat(rules.parse("smile \ud83d\ude00", null).name()).isEqualTo("smile 😀");
        assertThatThrownBy(() -> rules.parse("half \ud83d", "k")).hasMessageStartingWith("invalid Unicode (lone surrogate)")
                .hasMessageContaining("half \\ud83d");
        assertThatThrownBy(() -> rules.parse("\ude00 low", "k")).isInstanceOf(IntegrityException.class);
    }

    @Test
    void limitsOnSegmentBytesDepthAndPathBytes() {
        String s255 = "é".repeat(127) + "x"; // 255 UTF-8 bytes
        assertThat(rules.parse(s255, null).name()).isEqualTo(s255);
        assertThatThrownBy(() -> rules.parse(s255 + "y", "k"))
                .hasMessageStartingWith("limit exceeded: path segment of 256 bytes (max 255)");

        String depth64 = String.join("/", java.util.Collections.nCopies(64, "d"));
        assertThat(rules.parse(depth64, null).depth()).isEqualTo(64);
        assertThatThrownBy(() -> rules.parse(depth64 + "/d", "k")).hasMessageStartingWith("limit exceeded: depth 65 (max 64)");

        PathRules small = PathRules.of(PathLimits.builder().maxSegmentBytes(10).maxPathBytes(20).maxDepth(3).build(), false);
        assertThat(small.parse("0123456789/012345678", null).depth()).isEqualTo(2);
        assertThatThrownBy(() -> small.parse("0123456789/0123456789", "k"))
                .hasMessageStartingWith("limit exceeded: path of 21 bytes (max 20)");
        assertThatThrownBy(() -> small.parse("a/b/c/d", "k")).hasMessageStartingWith("limit exceeded: depth 4");
    }

    @Test
    void limitsBuilderValidates() {
        assertThatThrownBy(() -> PathLimits.builder().maxDepth(0).build()).hasMessage("maxDepth must be >= 1, was 0");
        assertThatThrownBy(() -> PathLimits.builder().maxSegmentBytes(300).maxPathBytes(200).build())
                .hasMessage("maxPathBytes must be >= maxSegmentBytes (300), was 200");
        assertThat(PathLimits.defaults().maxSegmentBytes()).isEqualTo(255);
        assertThat(PathLimits.defaults().maxPathBytes()).isEqualTo(4096);
        assertThat(PathLimits.defaults().maxDepth()).isEqualTo(64);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON", "con", "aux.txt", "NUL.tar.gz", "COM1", "lpt9.log", "name.", "name ", "ab:c",
        "what?", "star*", "pipe|", "quote\"", "lt<", ".g\u200cit", "bom\ufeff"})
    void portableModeRejectsNamesWindowsOrMacOsCannotHold(String segment) {
        assertThat(rules.parse("dir/" + segment, null)).isNotNull();
        assertThatThrownBy(() -> portable.parse("dir/" + segment, "k")).isInstanceOf(IntegrityException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONFIG", "console.log", "COM10", "auxiliary", "a.b"})
    void portableModeAcceptsNamesThatOnlyLookReserved(String segment) {
        assertThat(portable.parse(segment, null).name()).isEqualTo(segment);
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("plain", "plain"),
                Arguments.of("a\\b", "a\\\\b"),
                Arguments.of("line\nbreak", "line\\nbreak"),
                Arguments.of("esc\u001b[2J", "esc\\x1b[2J"),
                Arguments.of("nul\0", "nul\\x00"),
                Arguments.of("del\u007f", "del\\x7f"),
                Arguments.of("c1\u009b", "c1\\x9b"),
                Arguments.of("rtl\u202eexe.txt", "rtl\\u202eexe.txt"),
                Arguments.of("日本語", "日本語"));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void escapeMakesUntrustedNamesPrintable(String raw, String escaped) {
        assertThat(PathRules.escape(raw)).isEqualTo(escaped);
    }

    @Test
    void relativePathNavigation() {
        RelativePath p = RelativePath.of("a/b/c.txt");
        assertThat(p.name()).isEqualTo("c.txt");
        assertThat(p.parent()).contains(RelativePath.of("a/b"));
        assertThat(RelativePath.of("top").parent()).isEmpty();
        assertThat(p.parent().orElseThrow().child("d", rules)).isEqualTo(RelativePath.of("a/b/d"));
        assertThatThrownBy(() -> p.child("..", rules)).isInstanceOf(IntegrityException.class);
        assertThat(RelativePath.of("a/b")).isLessThan(RelativePath.of("a/c")).hasSameHashCodeAs(RelativePath.of("a/b"));
    }
}
