package io.encsync.core.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** rclone's version-suffix rule (lib/version), cases checked against rclone 1.60.1 where marked. */
class VersionSuffixTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "report-v2023-01-02-030405-678.txt|report.txt|-v2023-01-02-030405-678",
        "noext-v1999-12-31-235959-000|noext|-v1999-12-31-235959-000",
        "archive.tar-v2001-02-03-040506-007.gz|archive.tar.gz|-v2001-02-03-040506-007",
        "-v2023-01-02-030405-678|''|-v2023-01-02-030405-678",
        // a version string followed by an extension strips to the extension alone (rclone quirk)
        "-v2022-05-06-070809-010.pdf|.pdf|-v2022-05-06-070809-010",
        // a name whose only dot is its first character is all base (rclone 1.60.1 strips this one)
        ".x-v2023-01-02-030405-678|.x|-v2023-01-02-030405-678",
        ".pdf-v2022-05-06-070809-010|.pdf|-v2022-05-06-070809-010",
        // leap day in a leap year (rclone 1.60.1 strips this one)
        "a-v2024-02-29-030405-678|a|-v2024-02-29-030405-678",
        "a-v0000-02-29-000000-000|a|-v0000-02-29-000000-000",
        "x-v2023-01-02-030405-678-v2023-01-02-030405-679|x-v2023-01-02-030405-678|-v2023-01-02-030405-679",
    })
    void stripsValidVersionsAtTheEndOfTheBase(String segment, String stripped, String version) {
        assertThat(VersionSuffix.remove(segment)).contains(new VersionSuffix.Split(stripped, version));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "plain.txt",
        "",
        "-v2023-01-02-030405-67",
        "a-v2023-01-02-030405-678x", // not at the end of the base
        "a-v2023-01-02-030405-678.txt.gz", // not before the last extension
        "a-v2023-02-29-030405-678", // no 29 February in 2023 (rclone 1.60.1 encrypts it whole)
        "a-v2024-02-29-240405-678", // hour 24 (rclone 1.60.1 encrypts it whole)
        "a-v2023-13-01-000000-000",
        "a-v2023-00-01-000000-000",
        "a-v2023-04-31-000000-000",
        "a-v2023-01-00-000000-000",
        "a-v2023-01-01-006000-000",
        "a-v2023-01-01-000060-000", // Go refuses leap seconds
        "a-v2023-01-01-000000.000",
        "a-v\u0662023-01-01-000000-000", // Go's \\d is ASCII only
        "a_v2023-01-02-030405-678",
    })
    void leavesEverythingElse(String segment) {
        assertThat(VersionSuffix.remove(segment)).isEqualTo(Optional.empty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "s6u9gmoj5uscm79qk7r2k2mi5o|s6u9gmoj5uscm79qk7r2k2mi5o-v2023-01-02-030405-678",
        "42.uhsruw.wAw|42.uhsruw-v2023-01-02-030405-678.wAw",
        "104..Esu|104.-v2023-01-02-030405-678.Esu",
        "''|-v2023-01-02-030405-678",
        ".pdf|.pdf-v2023-01-02-030405-678",
        "a.b.c|a.b-v2023-01-02-030405-678.c",
    })
    void addsTheVersionBeforeTheExtension(String segment, String expected) {
        assertThat(VersionSuffix.add(segment, "-v2023-01-02-030405-678")).isEqualTo(expected);
    }
}
