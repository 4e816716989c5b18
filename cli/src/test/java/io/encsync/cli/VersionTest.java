package io.encsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code encsync --version} names our version, the data format and the Java runtime, in plain text. */
class VersionTest {
    @Test
    void versionNamesTheBuildTheDataFormatAndTheJavaRuntime() {
        String expected = System.getProperty("encsync.expectedVersion");
        assertThat(expected).as("the pom's version, passed by surefire (cli/pom.xml)").isNotBlank();

        CliProcess.Result r = new CliProcess().run("--version");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout().lines().toList()).as(r.toString()).satisfiesExactly(
                line -> assertThat(line).isEqualTo("encsync " + expected),
                line -> assertThat(line).startsWith("data format: rclone crypt v1 (file header \"RCLONE\\0\\0\"")
                        .contains("64 KiB blocks", "rclone 1.60.1", "encsync manifest v1"),
                line -> assertThat(line).startsWith("Java runtime: " + Runtime.version() + " (")
                        .contains(System.getProperty("java.vm.name")));
        assertThat(r.all()).doesNotContain("\u001b");
    }
}
