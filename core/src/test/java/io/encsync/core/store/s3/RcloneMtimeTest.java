package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** rclone's {@code X-Amz-Meta-Mtime} spelling (ncw/swift nsToFloatString / floatStringToNs). */
class RcloneMtimeTest {

    @ParameterizedTest
    @CsvSource({
        "2024-01-02T03:04:05.123456789Z, 1704164645.123456789",
        "2024-01-02T03:04:05.120Z,       1704164645.12",
        "2024-01-02T03:04:05.000000001Z, 1704164645.000000001",
        "2024-01-02T03:04:05Z,           1704164645",
        "2024-01-02T03:04:00Z,           1704164640",
        "1970-01-01T00:00:00Z,           0",
        "1970-01-01T00:00:00.5Z,         0.5",
        "1969-12-31T23:59:58.5Z,         -1.5",
        "1969-12-31T23:59:59Z,           -1",
    })
    void formatsAndParsesBack(String instant, String expected) {
        Instant time = Instant.parse(instant);
        assertThat(RcloneMtime.format(time)).isEqualTo(expected);
        assertThat(RcloneMtime.parse(expected)).contains(time);
    }

    @Test
    void parsesWhatOthersWrite() {
        assertThat(RcloneMtime.parse("1704164645.1234567891234")).contains(Instant.parse("2024-01-02T03:04:05.123456789Z"));
        assertThat(RcloneMtime.parse("1704164645.")).contains(Instant.parse("2024-01-02T03:04:05Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.2.3", "1e9", " 1", "99999999999999999999"})
    void rejectsGarbage(String value) {
        assertThat(RcloneMtime.parse(value)).isEmpty();
    }
}
