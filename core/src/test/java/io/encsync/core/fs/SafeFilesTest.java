package io.encsync.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeFilesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        ".0123abcd.encsync-tmp, true",
        ".x.encsync-tmp, true",
        "..encsync-tmp, false",
        ".encsync-tmp, false",
        "0123.encsync-tmp, false",
        ".0123.encsync-tmp.bin, false",
        "lvk6r2vnsj0sb7c6fc2s56li54, false",
    })
    void temporaryNames(String name, boolean temp) {
        assertThat(SafeFiles.isTempName(name)).isEqualTo(temp);
    }

    @Test
    void newTempFilesAreDistinctAndRecognised() throws IOException {
        Path a = SafeFiles.newTempFile(tmp);
        Path b = SafeFiles.newTempFile(tmp);
        assertThat(a).isNotEqualTo(b).isEmptyFile();
        assertThat(SafeFiles.isTempName(a.getFileName().toString())).isTrue();
    }

    @Test
    void ensureDirectoriesNeverLetsASegmentJumpElsewhere() {
        Path root = tmp.resolve("root");
        assertThatThrownBy(() -> SafeFiles.ensureDirectories(tmp, List.of("ok", "/etc"), "ok//etc"))
                .isInstanceOf(IntegrityException.class).hasMessageContaining("unsafe path segment '/etc'");
        assertThatThrownBy(() -> SafeFiles.ensureDirectories(tmp, List.of(".."), ".."))
                .isInstanceOf(IntegrityException.class);
        assertThat(root).doesNotExist();
    }

    @Test
    void ioErrorsSayWhatToDo() {
        Path p = tmp.resolve("x");
        assertThat(SafeFiles.ioError(p, "cannot write", new FileSystemException(p.toString(), null, "File name too long")))
                .hasMessageContaining("255-byte limit").hasMessageContaining("base32768");
        EncsyncException full = SafeFiles.ioError(p, "cannot write", new FileSystemException(p.toString(), null, "No space left on device"));
        assertThat(full.category()).isEqualTo(ErrorCategory.LOCAL_IO);
        assertThat(full).hasMessage(p + ": cannot write: no space left on the device — free space and retry");
        assertThat(SafeFiles.ioError(p, "cannot delete", new AccessDeniedException(p.toString())))
                .hasMessage(p + ": cannot delete: permission denied — fix the permissions");
        assertThat(SafeFiles.ioError(p, "cannot read", new IOException("weird\nthing")))
                .hasMessage(p + ": cannot read: weird\\nthing — check the disk and retry");
    }

    @Test
    void existingDirectoryStopsAtMissingFoldersAndRefusesLinks() throws IOException {
        Files.createDirectories(tmp.resolve("a/b"));
        assertThat(SafeFiles.existingDirectory(tmp, List.of("a", "b"))).contains(tmp.resolve("a/b"));
        assertThat(SafeFiles.existingDirectory(tmp, List.of("a", "missing", "c"))).isEmpty();
        Files.createSymbolicLink(tmp.resolve("a/l"), tmp.resolve("a/b"));
        assertThatThrownBy(() -> SafeFiles.existingDirectory(tmp, List.of("a", "l")))
                .hasMessageStartingWith("symlink in destination path: a/l ");
    }
}
