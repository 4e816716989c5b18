package io.encsync.core.sync;

import io.encsync.core.EncsyncException;
import io.encsync.core.LogText;
import io.encsync.core.fs.SymlinkMode;
import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a push, pull or check may do and how. Immutable, built with {@link #builder()} whose
 * {@link Builder#build()} validates everything; Serializable (plain data) so an agent task can carry it.
 *
 * <ul>
 *   <li>{@code checksum}: compare content (SHA-256) instead of size and modification time.</li>
 *   <li>{@code delete}: remove destination files that are not in the source.</li>
 *   <li>{@code dryRun}: plan and report, change nothing.</li>
 *   <li>{@code includes}/{@code excludes}: rclone-like globs on plaintext paths.</li>
 *   <li>{@code symlinkMode}: how a push treats symlinks in the source (default: skip with a warning).</li>
 *   <li>{@code transfers}: parallel file transfers, 1..{@value #MAX_TRANSFERS} (default {@value #DEFAULT_TRANSFERS}).</li>
 *   <li>{@code minGeneration}: push, pull and check refuse a remote whose manifest is older than
 *       this, or missing (0 = any): the freshness anchor against a rolled-back remote.</li>
 *   <li>{@code strict}: objects the manifest does not list, and names that do not decrypt, are
 *       errors (default) rather than warnings. Either way they are never restored.</li>
 *   <li>{@code progressInterval}: how often progress snapshots reach the listener (default 1 s).</li>
 * </ul>
 *
 * <p>Cancellation: runs honour {@link Thread#interrupt()} of the calling thread (see {@link Push}).
 */
public final class SyncOptions implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The number of parallel transfers when none is given, and the most allowed: the only place they live. */
    public static final int DEFAULT_TRANSFERS = 4;
    public static final int MAX_TRANSFERS = 64;

    private final boolean checksum;
    private final boolean delete;
    private final boolean dryRun;
    private final List<String> includes;
    private final List<String> excludes;
    private final SymlinkMode symlinkMode;
    private final int transfers;
    private final long minGeneration;
    private final boolean strict;
    private final boolean breakLock;
    private final Duration progressInterval;

    private SyncOptions(Builder b) {
        this.checksum = b.checksum;
        this.delete = b.delete;
        this.dryRun = b.dryRun;
        this.includes = List.copyOf(b.includes);
        this.excludes = List.copyOf(b.excludes);
        this.symlinkMode = b.symlinkMode;
        this.transfers = b.transfers;
        this.minGeneration = b.minGeneration;
        this.strict = b.strict;
        this.breakLock = b.breakLock;
        this.progressInterval = b.progressInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: size+mtime comparison, no delete, 4 transfers, strict, symlinks skipped. */
    public static SyncOptions defaults() {
        return builder().build();
    }

    public boolean checksum() {
        return checksum;
    }

    public boolean delete() {
        return delete;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public List<String> includes() {
        return includes;
    }

    public List<String> excludes() {
        return excludes;
    }

    public SymlinkMode symlinkMode() {
        return symlinkMode;
    }

    public int transfers() {
        return transfers;
    }

    public long minGeneration() {
        return minGeneration;
    }

    public boolean strict() {
        return strict;
    }

    /** Push: remove another push's lock before taking it (when that push is known to be dead). */
    public boolean breakLock() {
        return breakLock;
    }

    public Duration progressInterval() {
        return progressInterval;
    }

    /** A builder holding these options, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder().checksum(checksum).delete(delete).dryRun(dryRun).includes(includes).excludes(excludes)
                .symlinkMode(symlinkMode).transfers(transfers).minGeneration(minGeneration).strict(strict)
                .breakLock(breakLock).progressInterval(progressInterval);
        return b;
    }

    /** Splits a comma- or newline-separated list of globs as typed into a form or a pipeline argument. */
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

    /** The message {@link Builder#build()} gives for these globs (as {@link #splitList} reads them), or empty. */
    public static java.util.Optional<String> checkGlobs(String text) {
        return EncsyncException.usageProblem(() -> builder().includes(splitList(text)).build());
    }

    /** The message {@link Builder#build()} gives for this number of transfers, or empty. */
    public static java.util.Optional<String> checkTransfers(int transfers) {
        return EncsyncException.usageProblem(() -> builder().transfers(transfers).build());
    }

    @Override
    public String toString() {
        return "SyncOptions[checksum=" + checksum + ", delete=" + delete + ", dryRun=" + dryRun
                + ", includes=" + includes + ", excludes=" + excludes + ", symlinkMode=" + symlinkMode
                + ", transfers=" + transfers + ", minGeneration=" + minGeneration + ", strict=" + strict
                + ", breakLock=" + breakLock + "]";
    }

    /** Builds {@link SyncOptions}; {@link #build()} says which value is wrong. */
    public static final class Builder {
        private boolean checksum;
        private boolean delete;
        private boolean dryRun;
        private final List<String> includes = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private SymlinkMode symlinkMode = SymlinkMode.SKIP;
        private int transfers = DEFAULT_TRANSFERS;
        private long minGeneration;
        private boolean strict = true;
        private boolean breakLock;
        private Duration progressInterval = Duration.ofSeconds(1);

        private Builder() {
        }

        public Builder checksum(boolean value) {
            this.checksum = value;
            return this;
        }

        public Builder delete(boolean value) {
            this.delete = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public Builder include(String glob) {
            includes.add(Objects.requireNonNull(glob, "include"));
            return this;
        }

        public Builder exclude(String glob) {
            excludes.add(Objects.requireNonNull(glob, "exclude"));
            return this;
        }

        public Builder includes(List<String> globs) {
            globs.forEach(this::include);
            return this;
        }

        public Builder excludes(List<String> globs) {
            globs.forEach(this::exclude);
            return this;
        }

        public Builder symlinkMode(SymlinkMode value) {
            this.symlinkMode = Objects.requireNonNull(value, "symlinkMode");
            return this;
        }

        public Builder transfers(int value) {
            this.transfers = value;
            return this;
        }

        public Builder minGeneration(long value) {
            this.minGeneration = value;
            return this;
        }

        public Builder strict(boolean value) {
            this.strict = value;
            return this;
        }

        public Builder breakLock(boolean value) {
            this.breakLock = value;
            return this;
        }

        public Builder progressInterval(Duration value) {
            this.progressInterval = Objects.requireNonNull(value, "progressInterval");
            return this;
        }

        /** @throws EncsyncException (usage) naming the first invalid value */
        public SyncOptions build() {
            if (transfers < 1 || transfers > MAX_TRANSFERS) {
                throw EncsyncException.usage("transfers must be between 1 and " + MAX_TRANSFERS + ", was " + transfers);
            }
            if (minGeneration < 0) {
                throw EncsyncException.usage("min-generation must be >= 0, was " + minGeneration);
            }
            if (progressInterval.isNegative() || progressInterval.isZero()) {
                throw EncsyncException.usage("progress interval must be positive, was " + progressInterval);
            }
            for (String g : includes) {
                checkGlob("include", g);
            }
            for (String g : excludes) {
                checkGlob("exclude", g);
            }
            SyncOptions options = new SyncOptions(this);
            Filters.compile(options); // rejects malformed globs with a usage error now, not mid-run
            return options;
        }

        private static void checkGlob(String what, String glob) {
            if (glob.isBlank()) {
                throw EncsyncException.usage(what + " pattern must not be empty, was '" + glob + "'");
            }
            // Patterns match paths relative to the source; an absolute or '..' one can only be a mistake.
            if (glob.startsWith("/") || glob.matches("(.*/)?\\.\\.(/.*)?")) {
                throw EncsyncException.usage(what + " patterns are relative to the source folder and must not"
                        + " start with '/' or contain '..', was '" + LogText.escape(glob) + "'");
            }
        }
    }
}
