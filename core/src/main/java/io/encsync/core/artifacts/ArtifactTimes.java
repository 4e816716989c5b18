package io.encsync.core.artifacts;

import java.time.Instant;

/** Modification times as the manifest keeps them: nanoseconds since the epoch. */
final class ArtifactTimes {
    private static final long NANOS = 1_000_000_000L;

    private ArtifactTimes() {
    }

    static long toNanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), NANOS), t.getNano());
    }

    static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS), Math.floorMod(nanos, NANOS));
    }
}
