package io.encsync.core.fs;

import io.encsync.core.IntegrityException;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds remote paths that would land on the same local file: names equal after Unicode NFC
 * normalisation (macOS stores {@code é} and {@code e◌́} as one name) and, when the target folds
 * case (Windows, macOS defaults), names differing only in case ({@code README} / {@code Readme}).
 * Also a file whose name is a folder of another path ({@code a} and {@code a/x}). Without this a
 * later object would silently overwrite an earlier one.
 *
 * <p>Feed every path of a pull before writing any. Not thread-safe.
 */
public final class CollisionDetector {
    private enum Kind { FILE, FOLDER }

    private record Seen(String original, Kind kind) {
    }

    private final boolean foldCase;
    private final Map<String, Seen> seen = new HashMap<>();

    /** @param foldCase whether names differing only in case collide (true for a case-insensitive target) */
    public CollisionDetector(boolean foldCase) {
        this.foldCase = foldCase;
    }

    /**
     * Records {@code path} and returns the earlier path it collides with, if any (the path is then
     * not recorded).
     */
    public Optional<String> add(RelativePath path) {
        List<String> segments = path.segments();
        String original = "";
        String folded = "";
        for (int i = 0; i < segments.size(); i++) {
            original = i == 0 ? segments.get(i) : original + "/" + segments.get(i);
            folded = i == 0 ? fold(segments.get(i)) : folded + "/" + fold(segments.get(i));
            Kind kind = i == segments.size() - 1 ? Kind.FILE : Kind.FOLDER;
            Seen earlier = seen.get(folded);
            if (earlier == null) {
                continue;
            }
            if (earlier.kind != kind) {
                return Optional.of(earlier.original); // a file where a folder is needed, or the reverse
            }
            // Two folders that fold together merge into one, harmlessly; two files do not.
            if (kind == Kind.FILE) {
                return Optional.of(earlier.original);
            }
        }
        original = "";
        folded = "";
        for (int i = 0; i < segments.size(); i++) {
            original = i == 0 ? segments.get(i) : original + "/" + segments.get(i);
            folded = i == 0 ? fold(segments.get(i)) : folded + "/" + fold(segments.get(i));
            seen.putIfAbsent(folded, new Seen(original, i == segments.size() - 1 ? Kind.FILE : Kind.FOLDER));
        }
        return Optional.empty();
    }

    /**
     * Like {@link #add} but throws.
     *
     * @param remoteKey the object {@code path} came from, for the message; may be null
     * @throws IntegrityException "name collision: Readme and README … — rename one of them"
     */
    public void check(RelativePath path, String remoteKey) {
        Optional<String> other = add(path);
        if (other.isPresent()) {
            String where = remoteKey == null ? "" : " (remote object " + PathRules.escape(remoteKey) + ")";
            throw new IntegrityException("name collision: " + PathRules.escape(path.toString()) + where
                    + " and " + PathRules.escape(other.get()) + " would be the same local "
                    + (foldCase ? "file on a case-insensitive or Unicode-normalising file system"
                            : "file (Unicode normalisation, or a file where a folder is needed)")
                    + " — rename one of them");
        }
    }

    /** The comparison key of one segment: NFC, and case-folded when {@code foldCase}. */
    String fold(String segment) {
        String nfc = Normalizer.normalize(segment, Normalizer.Form.NFC);
        // Upper then lower approximates Unicode case folding (ß → SS → ss, Σ/σ/ς → σ).
        return foldCase ? nfc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT) : nfc;
    }
}
