package io.encsync.core.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSyncsTest {
    @TempDir
    Path tmp;

    @Test
    void eachFolderIsSyncedOnceHoweverManyRenamesItHad() throws IOException {
        Path a = Files.createDirectory(tmp.resolve("a"));
        Path b = Files.createDirectory(tmp.resolve("b"));
        FolderSyncs syncs = new FolderSyncs();
        for (int i = 0; i < 100; i++) {
            syncs.add(i % 2 == 0 ? a : b);
        }
        assertThat(syncs.pending()).isEqualTo(2);
        syncs.flush();
        assertThat(syncs.pending()).isZero();
    }

    @Test
    void aFolderGoneSinceItsRenameDoesNotFailTheFlush() {
        FolderSyncs syncs = new FolderSyncs();
        syncs.add(tmp.resolve("removed-meanwhile"));
        syncs.flush();
        assertThat(syncs.pending()).isZero();
    }
}
