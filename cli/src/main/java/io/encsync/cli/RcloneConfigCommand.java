package io.encsync.cli;

import io.encsync.core.EncsyncException;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.rclone.RcloneConfig;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.manifest.CryptConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rclone-config", sortOptions = false, abbreviateSynopsis = true,
        description = {
            "Print an rclone config file that restores REMOTE with stock rclone.",
            "",
            "The file holds a storage remote (S3 or a local folder) and a crypt remote over it with the settings "
                    + "given here. The passwords, obscured as rclone expects, are printed only with --show-secrets. "
                    + "S3 credentials are never written: rclone takes them from the environment or its profile "
                    + "(env_auth), as encsync does.",
            "",
            "Jenkins artifact storage: each build's artifacts are a crypt remote of their own, the S3 "
                    + "folder BUCKET/PREFIX/JOB/NUMBER-ID/artifacts, where JOB is the job's full name with its folders "
                    + "(a stash: stashes/NAME in place of artifacts). They are encrypted with the password of the folder whose "
                    + "artifact storage the build used (or of the global storage): to restore one team's builds, give "
                    + "that folder's password (and password2, if it set one) and nothing else; no other team's "
                    + "password opens them.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  encsync rclone-config --show-secrets s3://my-backups/reports > rclone.conf",
            "  rclone --config rclone.conf copy encsync: ~/restore",
            "  encsync rclone-config s3://ci/team-a/app/42-9f3c0a17d2b4e685/artifacts",
        })
final class RcloneConfigCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REMOTE", description = "A local folder or s3://bucket[/prefix].")
    String remoteName;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "encsync",
            description = "The name of the crypt remote in the file; the storage remote's name adds a suffix. Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--show-secrets", description = "Include the obscured password and password2. Anyone can reveal them: keep the output private.")
    boolean showSecrets;

    @Mixin
    CryptOptions crypt = new CryptOptions();

    @Mixin
    RemoteOptions remote = new RemoteOptions();

    @Mixin
    StorageClassOption storageClass = new StorageClassOption();

    @Mixin
    HelpOption help = new HelpOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CryptConfig config = crypt.toConfig();
        RcloneConfig.Builder b = RcloneConfig.builder()
                .cryptRemoteName(name)
                .filenameEncryption(config.filenameEncryption())
                .filenameEncoding(config.filenameEncoding())
                .directoryNameEncryption(config.directoryNameEncryption())
                .password(config.password());
        SecretBytes password2 = config.password2();
        if (password2 != null) {
            b.password2(password2);
        }
        if (RemoteOptions.isS3(remoteName)) {
            b.s3(S3Location.parse(remoteName), storageClass.applyTo(remote).s3Settings());
        } else {
            if (storageClass.value != null) {
                throw EncsyncException.usage("--storage-class applies to s3:// remotes only, and '" + remoteName
                        + "' is a local folder — write the remote as s3://bucket/prefix");
            }
            b.localFolder(Path.of(remoteName).toAbsolutePath().normalize());
        }
        RcloneConfig rclone = b.build();
        spec.commandLine().getOut().print(showSecrets ? rclone.render() : rclone.renderWithoutSecrets());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
