package io.encsync.core.task;

import io.encsync.core.LogText;
import io.encsync.core.EncsyncException;
import io.encsync.core.sync.SyncOptions;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a push or pull transfers and how: include and exclude globs (over plaintext paths relative
 * to the source, {@code /}-separated), whether to delete what the source no longer has, dry run,
 * the number of parallel transfers, and (pull only) the lowest acceptable generation.
 */
public final class TransferOptions implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_TRANSFERS = 4;
    public static final int MAX_TRANSFERS = 64;

    private final List<String> includes;
    private final List<String> excludes;
    private final boolean delete;
    private final boolean dryRun;
    private final int transfers;
    private final long minGeneration;

    private TransferOptions(Builder b) {
        this.includes = globs("includes", b.includes);
        this.excludes = globs("excludes", b.excludes);
        this.delete = b.delete;
        this.dryRun = b.dryRun;
        int t = b.transfers == 0 ? DEFAULT_TRANSFERS : b.transfers;
        if (t < 1 || t > MAX_TRANSFERS) {
            throw EncsyncException.usage("transfers must be 1-" + MAX_TRANSFERS + ", was " + b.transfers);
        }
        this.transfers = t;
        if (b.minGeneration < 0) {
            throw EncsyncException.usage("minGeneration must be 0 or more, was " + b.minGeneration);
        }
        this.minGeneration = b.minGeneration;
        toSyncOptions(); // the engine's own checks (glob syntax) with its messages, now rather than on the agent
    }

    /** The sync engine's options for these settings. */
    public SyncOptions toSyncOptions() {
        return SyncOptions.builder().includes(includes).excludes(excludes).delete(delete).dryRun(dryRun)
                .transfers(transfers).minGeneration(minGeneration)
                // A build log is read later, not watched: one progress line every 15 s is plenty.
                .progressInterval(java.time.Duration.ofSeconds(15)).build();
    }

    /** Splits a comma- or newline-separated list as typed into a form or a pipeline argument. */
    public static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            for (String part : text.split("[,\\n]")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static List<String> globs(String field, List<String> in) {
        for (String g : in) {
            if (g.startsWith("/") || g.matches("(.*/)?\\.\\.(/.*)?")) {
                throw EncsyncException.usage(field + " patterns are relative to the source folder and must not"
                        + " start with '/' or contain '..', was '" + LogText.escape(g) + "'");
            }
        }
        return List.copyOf(in);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> includes() {
        return includes;
    }

    public List<String> excludes() {
        return excludes;
    }

    public boolean delete() {
        return delete;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public int transfers() {
        return transfers;
    }

    public long minGeneration() {
        return minGeneration;
    }

    public static java.util.Optional<String> checkGlobs(String text) {
        return CryptOptions.problem(() -> builder().includes(splitList(text)).build());
    }

    public static java.util.Optional<String> checkTransfers(int transfers) {
        return CryptOptions.problem(() -> builder().transfers(transfers).build());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransferOptions t && includes.equals(t.includes) && excludes.equals(t.excludes)
                && delete == t.delete && dryRun == t.dryRun && transfers == t.transfers
                && minGeneration == t.minGeneration;
    }

    @Override
    public int hashCode() {
        return Objects.hash(includes, excludes, delete, dryRun, transfers, minGeneration);
    }

    @Override
    public String toString() {
        return "TransferOptions[includes=" + includes + ", excludes=" + excludes + ", delete=" + delete
                + ", dryRun=" + dryRun + ", transfers=" + transfers + ", minGeneration=" + minGeneration + "]";
    }

    public static final class Builder {
        private List<String> includes = List.of();
        private List<String> excludes = List.of();
        private boolean delete;
        private boolean dryRun;
        private int transfers;
        private long minGeneration;

        private Builder() {
        }

        public Builder includes(List<String> includes) {
            this.includes = List.copyOf(includes);
            return this;
        }

        public Builder excludes(List<String> excludes) {
            this.excludes = List.copyOf(excludes);
            return this;
        }

        public Builder delete(boolean delete) {
            this.delete = delete;
            return this;
        }

        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** 0 means the default ({@value #DEFAULT_TRANSFERS}). */
        public Builder transfers(int transfers) {
            this.transfers = transfers;
            return this;
        }

        public Builder minGeneration(long minGeneration) {
            this.minGeneration = minGeneration;
            return this;
        }

        public TransferOptions build() {
            return new TransferOptions(this);
        }
    }
}
