package io.encsync.core.store.s3;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * The modification time as rclone's S3 backend stores it in {@code X-Amz-Meta-Mtime}: decimal Unix
 * seconds with up to nine fraction digits, trailing zeros (and a bare {@code .}) dropped. Any other
 * spelling makes {@code rclone sync} see a different time and upload the file again.
 */
public final class RcloneMtime {
    /** The user-metadata key; the SDK adds the {@code x-amz-meta-} prefix. */
    public static final String METADATA_KEY = "mtime";

    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

    private RcloneMtime() {
    }

    /** {@code 1704164645.123456789}, {@code 1704164645.5}, {@code 1704164645}, {@code -1.5}. */
    public static String format(Instant time) {
        BigInteger nanos = BigInteger.valueOf(time.getEpochSecond()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(time.getNano()));
        // Exact decimal arithmetic: a double would lose the nanoseconds rclone keeps.
        BigDecimal seconds = new BigDecimal(nanos, 9).stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0).toPlainString() : seconds.toPlainString();
    }

    /** Parses what {@link #format} (or rclone) wrote; empty when it is not a decimal number. */
    public static Optional<Instant> parse(String value) {
        if (value == null || !value.matches("-?\\d{1,19}(\\.\\d*)?")) {
            return Optional.empty();
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            // rclone keeps only nine fraction digits; it truncates longer ones.
            BigInteger nanos = seconds.movePointRight(9).setScale(0, java.math.RoundingMode.DOWN).toBigIntegerExact();
            BigInteger[] split = nanos.divideAndRemainder(NANOS_PER_SECOND);
            long secs = split[0].longValueExact();
            long nano = split[1].longValueExact();
            return Optional.of(Instant.ofEpochSecond(secs, nano));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
