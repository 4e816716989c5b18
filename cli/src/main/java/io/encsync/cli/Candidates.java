package io.encsync.cli;

import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.provision.AccessKeyFile;
import io.encsync.core.store.s3.S3Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The values of options whose values come from a fixed list, taken from the core types that parse
 * them, so that help ({@code ${COMPLETION-CANDIDATES}}) and shell completion cannot drift from what
 * the parser accepts.
 */
final class Candidates {
    private Candidates() {
    }

    /** rclone's {@code filename_encryption} values. */
    static final class FilenameEncryptions extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        FilenameEncryptions() {
            super(Arrays.stream(FilenameEncryption.values()).map(FilenameEncryption::configValue).toList());
        }
    }

    /** S3's storage classes, as the S3 settings accept them. */
    static final class StorageClasses extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        StorageClasses() {
            super(S3Settings.STORAGE_CLASSES);
        }
    }

    /** rclone's {@code filename_encoding} values. */
    static final class FilenameEncodings extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        FilenameEncodings() {
            super(Arrays.stream(FilenameEncoding.values()).map(FilenameEncoding::configValue).toList());
        }
    }

    /** The formats of {@code provision apply --output}. */
    static final class KeyFileFormats extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        KeyFileFormats() {
            super(Arrays.stream(AccessKeyFile.Format.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    /** For boolean options that take a value ({@code arity = "1"}). */
    static final class Booleans extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Booleans() {
            super(List.of("true", "false"));
        }
    }
}
