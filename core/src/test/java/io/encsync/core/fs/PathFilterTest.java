package io.encsync.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathFilterTest {

    /** glob | path | matches (as a single exclude) */
    @ParameterizedTest(name = "[{index}] {0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "*.log | x.log | true",
        "*.log | a/b/x.log | true",
        "*.log | a/b/x.log.gz | false",
        "*.log | a/b.log/x | false",
        "x.log | a/b/x.log | true",
        "x.log | a/bx.log | false",
        "b/*.log | a/b/x.log | true",
        "b/*.log | a/cb/x.log | false",
        "/x.log | x.log | true",
        "/x.log | a/x.log | false",
        "/a/*.txt | a/b.txt | true",
        "/a/*.txt | a/c/b.txt | false",
        "a/**/z | a/b/c/z | true",
        "a/** | a/b/c | true",
        "/a/** | b/a/c | false",
        "** | anything/at/all | true",
        "?.txt | a.txt | true",
        "?.txt | ab.txt | false",
        "?.txt | d/a.txt | true",
        "file[0-9].txt | file7.txt | true",
        "file[0-9].txt | filex.txt | false",
        "file[^0-9].txt | filex.txt | true",
        "file[^0-9].txt | file7.txt | false",
        "file[!0-9].txt | file7.txt | true",
        "file[!0-9].txt | file!.txt | true",
        "file[!0-9].txt | filex.txt | false",
        "*.{jpg,png} | p/q.png | true",
        "*.{jpg,png} | p/q.gif | false",
        "{a,b/c}/x | b/c/x | true",
        "{a,b/c}/x | a/x | true",
        "{a,b/c}/x | c/x | false",
        "{*.tmp,cache/**} | z/cache/q/r | true",
        "node_modules/ | node_modules/a.js | true",
        "node_modules/ | src/node_modules/lib/b.js | true",
        "node_modules/ | node_modules | false",
        "node_modules/ | my_node_modules/a.js | false",
        "/build/ | build/out.o | true",
        "/build/ | src/build/out.o | false",
        "a\\*b | a*b | true",
        "a\\*b | axb | false",
        "a.b | axb | false",
        "(x)+ | (x)+ | true",
        "Caps.TXT | caps.txt | false",
        "日本*.txt | d/日本語.txt | true",
    })
    void globTable(String glob, String path, boolean matches) {
        PathFilter f = PathFilter.builder().exclude(glob).build();
        assertThat(!f.includes(path)).as("%s excludes %s", glob, path).isEqualTo(matches);
    }

    @Test
    void starAndQuestionMarkStayWithinOneSegment() {
        PathFilter f = PathFilter.builder().include("/a*").build();
        assertThat(f.includes("abc")).isTrue();
        assertThat(f.includes("a/bc")).isFalse();
        PathFilter q = PathFilter.builder().include("/a?b").build();
        assertThat(q.includes("a/b")).isFalse();
        PathFilter negated = PathFilter.builder().include("/a[^x]b").build();
        assertThat(negated.includes("a/b")).as("a negated class never matches the separator").isFalse();
    }

    @Test
    void excludeWinsAndIncludesRestrictWhenPresent() {
        PathFilter none = PathFilter.all();
        assertThat(none.includes("anything")).isTrue();

        PathFilter f = PathFilter.builder().include("*.txt").include("/docs/").exclude("secret*").build();
        assertThat(f.includes("a/notes.txt")).isTrue();
        assertThat(f.includes("docs/image.png")).isTrue();
        assertThat(f.includes("a/image.png")).as("matches no include").isFalse();
        assertThat(f.includes("a/secret.txt")).as("an exclude wins over an include").isFalse();
        assertThat(f.includes("docs/secret-plan.png")).isFalse();
    }

    @Test
    void folderExcludesLetAScanSkipTheFolder() {
        PathFilter f = PathFilter.builder().exclude("node_modules/").exclude("*.log").build();
        assertThat(f.excludesFolder("node_modules")).isTrue();
        assertThat(f.excludesFolder("web/node_modules")).isTrue();
        assertThat(f.excludesFolder("web")).isFalse();
        assertThat(f.excludesFolder("x.log")).as("file patterns never prune folders").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "//", "a[", "{a,b", "a}", "x\\"})
    void badPatternsAreRejectedWithTheirText(String glob) {
        assertThatThrownBy(() -> PathFilter.builder().include(glob))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("include pattern must")
                .hasMessageEndingWith("was '" + glob + "'");
    }
}
