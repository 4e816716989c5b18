package io.encsync.core.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.IntegrityException;
import org.junit.jupiter.api.Test;

class CollisionDetectorTest {

    @Test
    void caseVariantsCollideWhenFoldingCase() {
        CollisionDetector d = new CollisionDetector(true);
        assertThat(d.add(RelativePath.of("docs/README"))).isEmpty();
        assertThat(d.add(RelativePath.of("docs/Readme"))).contains("docs/README");
        assertThat(d.add(RelativePath.of("DOCS/readme"))).contains("docs/README");
        assertThat(d.add(RelativePath.of("Straße"))).isEmpty();
        assertThat(d.add(RelativePath.of("STRASSE"))).as("ß folds to ss").contains("Straße");
    }

    @Test
    void caseVariantsAreDistinctOnACaseSensitiveTarget() {
        CollisionDetector d = new CollisionDetector(false);
        assertThat(d.add(RelativePath.of("README"))).isEmpty();
        assertThat(d.add(RelativePath.of("Readme"))).isEmpty();
    }

    @Test
    void nfcAndNfdFormsAlwaysCollide() {
        for (boolean foldCase : new boolean[] {false, true}) {
            CollisionDetector d = new CollisionDetector(foldCase);
            assertThat(d.add(RelativePath.of("caf\u00e9/x"))).isEmpty();
            assertThat(d.add(RelativePath.of("cafe\u0301/x"))).contains("caf\u00e9/x");
        }
    }

    @Test
    void aFileWhereAnotherPathNeedsAFolderCollides() {
        CollisionDetector d = new CollisionDetector(false);
        assertThat(d.add(RelativePath.of("a/b"))).isEmpty();
        assertThat(d.add(RelativePath.of("a"))).contains("a");
        CollisionDetector e = new CollisionDetector(true);
        assertThat(e.add(RelativePath.of("x"))).isEmpty();
        assertThat(e.add(RelativePath.of("X/y"))).contains("x");
    }

    @Test
    void foldersThatFoldTogetherMergeButTheirFilesAreStillChecked() {
        CollisionDetector d = new CollisionDetector(true);
        assertThat(d.add(RelativePath.of("Dir/a"))).isEmpty();
        assertThat(d.add(RelativePath.of("dir/b"))).isEmpty();
        assertThat(d.add(RelativePath.of("DIR/A"))).contains("Dir/a");
    }

    @Test
    void theSamePathTwiceCollides() {
        CollisionDetector d = new CollisionDetector(false);
        assertThat(d.add(RelativePath.of("p/q"))).isEmpty();
        assertThat(d.add(RelativePath.of("p/q"))).contains("p/q");
    }

    @Test
    void checkNamesBothPathsAndTheRemoteObject() {
        CollisionDetector d = new CollisionDetector(true);
        d.check(RelativePath.of("Report.txt"), "k1");
        assertThatThrownBy(() -> d.check(RelativePath.of("report.TXT"), "k2"))
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith("name collision: report.TXT (remote object k2) and Report.txt would be the same local file")
                .hasMessageEndingWith("— rename one of them");
    }
}
