package io.encsync.core.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pairing rules, on in-memory listing tables only. */
class PlannerTest {
    private static final String H1 = "11".repeat(32);
    private static final String H2 = "22".repeat(32);

    private static ListingEntry e(String path, long size, long mtime) {
        return ListingEntry.of(path, size, mtime);
    }

    private static Map<String, String> decisions(Plan plan) {
        return plan.actions().stream().collect(Collectors.toMap(Action::path,
                a -> a.kind() + (a.kind() == Action.Kind.REFUSE ? "" : ":" + a.reason())));
    }

    @Test
    void pushPairsBySizeAndMtime() {
        List<ListingEntry> source = List.of(e("new.txt", 1, 10), e("same.txt", 5, 10), e("grown.txt", 6, 10),
                e("touched.txt", 5, 11));
        List<ListingEntry> dest = List.of(e("same.txt", 5, 10), e("grown.txt", 5, 10), e("touched.txt", 5, 10),
                e("gone.txt", 3, 10));
        Plan plan = Planner.push(false, false).plan(source, dest);
        assertThat(decisions(plan)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "new.txt", "UPLOAD:new",
                "same.txt", "SKIP:unchanged",
                "grown.txt", "UPLOAD:size changed",
                "touched.txt", "UPLOAD:modification time changed"));
        assertThat(plan.actions()).extracting(Action::path).isSorted();
        assertThat(plan.bytesToTransfer()).isEqualTo(1 + 6 + 5);
    }

    @Test
    void deleteOnlyWhenAsked() {
        List<ListingEntry> source = List.of(e("a", 1, 1));
        List<ListingEntry> dest = List.of(e("a", 1, 1), e("b", 2, 2));
        assertThat(Planner.push(false, false).plan(source, dest).count(Action.Kind.DELETE)).isZero();
        Plan plan = Planner.push(false, true).plan(source, dest);
        assertThat(plan.actions(Action.Kind.DELETE)).extracting(Action::path).containsExactly("b");
        assertThat(plan.isNoOp()).isFalse();
    }

    @Test
    void checksumComparesHashesNotMtimes() {
        List<ListingEntry> source = List.of(new ListingEntry("same", 4, 1, H1), new ListingEntry("edited", 4, 1, H2),
                e("unhashed", 4, 1));
        List<ListingEntry> dest = List.of(new ListingEntry("same", 4, 99, H1), new ListingEntry("edited", 4, 1, H1),
                new ListingEntry("unhashed", 4, 1, H1));
        Map<String, String> d = decisions(Planner.push(true, false).plan(source, dest));
        assertThat(d).containsEntry("same", "SKIP:unchanged")
                .containsEntry("edited", "UPLOAD:content changed")
                .containsEntry("unhashed", "UPLOAD:no recorded checksum");
    }

    @Test
    void pullDownloadsAndDeletesLocally() {
        Plan plan = Planner.pull(false, true, false).plan(List.of(e("a", 1, 1), e("b", 2, 2)),
                List.of(e("a", 1, 1), e("extra", 1, 1)));
        assertThat(decisions(plan)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a", "SKIP:unchanged", "b", "DOWNLOAD:new", "extra", "DELETE:not in the source"));
    }

    @Test
    void pullRefusesUnicodeNormalisationCollisionsAlways() {
        String nfc = "caf\u00e9.txt";
        String nfd = "cafe\u0301.txt";
        Plan plan = Planner.pull(false, false, false).plan(List.of(e(nfc, 1, 1), e(nfd, 1, 1), e("ok", 1, 1)), List.of());
        assertThat(plan.actions(Action.Kind.REFUSE)).extracting(Action::path).containsExactlyInAnyOrder(nfc, nfd);
        assertThat(plan.actions(Action.Kind.REFUSE).get(0).reason()).contains("collides with");
        assertThat(plan.actions(Action.Kind.DOWNLOAD)).extracting(Action::path).containsExactly("ok");
    }

    @Test
    void pullRefusesCaseCollisionsOnlyOnCaseInsensitiveTargets() {
        List<ListingEntry> source = List.of(e("README", 1, 1), e("Readme", 2, 2), e("dir/X", 1, 1), e("dir/x", 1, 1));
        assertThat(Planner.pull(false, false, false).plan(source, List.of()).count(Action.Kind.REFUSE)).isZero();
        Plan plan = Planner.pull(false, false, true).plan(source, List.of());
        assertThat(plan.actions(Action.Kind.REFUSE)).extracting(Action::path)
                .containsExactly("README", "Readme", "dir/X", "dir/x");
        assertThat(plan.actions(Action.Kind.REFUSE).get(0).reason()).contains("case folding");
    }

    @Test
    void pushKeepsCaseAndNormalisationVariantsApart() {
        Plan plan = Planner.push(false, false).plan(List.of(e("A", 1, 1), e("a", 1, 1), e("e\u0301", 1, 1),
                e("\u00e9", 1, 1)), List.of(e("a", 1, 1)));
        assertThat(decisions(plan)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "A", "UPLOAD:new", "a", "SKIP:unchanged", "e\u0301", "UPLOAD:new", "\u00e9", "UPLOAD:new"));
    }

    @Test
    void emptyListingsGiveAnEmptyPlan() {
        Plan plan = Planner.push(false, true).plan(List.of(), List.of());
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.isNoOp()).isTrue();
    }

    @Test
    void aPathTwiceInOneListingIsRejected() {
        assertThatThrownBy(() -> Planner.push(false, false).plan(List.of(e("a", 1, 1), e("a", 2, 2)), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a twice");
    }

    @Test
    void planDescribesEachLineWithEscapedNames() {
        Plan plan = Planner.push(false, false).plan(List.of(e("evil\n\u001b[31m\u202e.txt", 1, 1)), List.of());
        assertThat(plan.actions().get(0).describe()).isEqualTo("upload evil\\n\\x1b[31m\\u202e.txt (new)");
    }
}
