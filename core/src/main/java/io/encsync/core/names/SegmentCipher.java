package io.encsync.core.names;

/** Turns one path segment (no {@code /}) into its stored form and back. Empty stays empty. */
interface SegmentCipher {
    String encrypt(String segment);

    String decrypt(String stored) throws BadNameException;
}
