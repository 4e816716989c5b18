package io.encsync.core.fs;

/**
 * Size limits for untrusted relative paths. They stop a malicious remote from exhausting the
 * target (names beyond what the file system stores, nesting deep enough to break recursive tools)
 * and make us fail with a clear message before anything is written. Defaults match Linux:
 * 255-byte names, 4096-byte paths, and a nesting depth of 64.
 */
public final class PathLimits {
    private static final PathLimits DEFAULTS = builder().build();

    private final int maxSegmentBytes;
    private final int maxPathBytes;
    private final int maxDepth;

    private PathLimits(Builder b) {
        this.maxSegmentBytes = b.maxSegmentBytes;
        this.maxPathBytes = b.maxPathBytes;
        this.maxDepth = b.maxDepth;
    }

    public static PathLimits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Longest allowed segment, in UTF-8 bytes. */
    public int maxSegmentBytes() {
        return maxSegmentBytes;
    }

    /** Longest allowed whole path ({@code a/b/c}), in UTF-8 bytes. */
    public int maxPathBytes() {
        return maxPathBytes;
    }

    /** Most segments allowed in one path. */
    public int maxDepth() {
        return maxDepth;
    }

    @Override
    public String toString() {
        return "PathLimits[segmentBytes=" + maxSegmentBytes + ", pathBytes=" + maxPathBytes + ", depth=" + maxDepth + "]";
    }

    public static final class Builder {
        private int maxSegmentBytes = 255;
        private int maxPathBytes = 4096;
        private int maxDepth = 64;

        private Builder() {
        }

        public Builder maxSegmentBytes(int value) {
            this.maxSegmentBytes = value;
            return this;
        }

        public Builder maxPathBytes(int value) {
            this.maxPathBytes = value;
            return this;
        }

        public Builder maxDepth(int value) {
            this.maxDepth = value;
            return this;
        }

        public PathLimits build() {
            if (maxSegmentBytes < 1) {
                throw new IllegalArgumentException("maxSegmentBytes must be >= 1, was " + maxSegmentBytes);
            }
            if (maxPathBytes < maxSegmentBytes) {
                throw new IllegalArgumentException("maxPathBytes must be >= maxSegmentBytes (" + maxSegmentBytes
                        + "), was " + maxPathBytes);
            }
            if (maxDepth < 1) {
                throw new IllegalArgumentException("maxDepth must be >= 1, was " + maxDepth);
            }
            return new PathLimits(this);
        }
    }
}
