package io.encsync.cli;

import io.encsync.core.names.FilenameEncoding;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.manifest.CryptConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The crypt remote's settings, with rclone's option names and defaults, plus the password sources. */
final class CryptOptions {
    @Option(names = "--filename-encryption", paramLabel = "MODE", defaultValue = "standard",
            completionCandidates = Candidates.FilenameEncryptions.class,
            description = "How names are encrypted: ${COMPLETION-CANDIDATES} (rclone's filename_encryption). Default: ${DEFAULT-VALUE}.")
    String filenameEncryption;

    @Option(names = "--filename-encoding", paramLabel = "ENCODING", defaultValue = "base32",
            completionCandidates = Candidates.FilenameEncodings.class,
            description = "How encrypted names are written: ${COMPLETION-CANDIDATES} (rclone's filename_encoding). Default: ${DEFAULT-VALUE}.")
    String filenameEncoding;

    @Option(names = "--directory-name-encryption", paramLabel = "true|false", defaultValue = "true", arity = "1",
            converter = TrueFalse.Converter.class, completionCandidates = Candidates.Booleans.class,
            description = "Encrypt folder names too (rclone's directory_name_encryption). Default: ${DEFAULT-VALUE}.")
    TrueFalse directoryNameEncryption;

    @Mixin
    PasswordOptions passwords = new PasswordOptions();

    /** The validated configuration; reads the passwords (which may prompt on a terminal). */
    CryptConfig toConfig() {
        FilenameEncryption mode = FilenameEncryption.parse(filenameEncryption);
        FilenameEncoding encoding = FilenameEncoding.parse(filenameEncoding);
        return CryptConfig.builder()
                .password(passwords.password())
                .password2(passwords.password2())
                .filenameEncryption(mode)
                .filenameEncoding(encoding)
                .directoryNameEncryption(directoryNameEncryption.value())
                .build();
    }
}
