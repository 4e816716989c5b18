package io.encsync.cli;

import io.encsync.core.EncsyncException;
import io.encsync.core.store.LocalStore;
import io.encsync.core.store.Store;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.core.store.s3.S3Store;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a remote lives: {@code s3://bucket[/prefix]} or a local folder (the embedded default),
 * and how to reach S3. Credentials come from the AWS SDK's default chain (environment, profile,
 * container or instance role) or {@code --profile}; never from the command line.
 */
final class RemoteOptions {
    @Option(names = "--region", paramLabel = "REGION", description = "The AWS region of the bucket. Default: the AWS SDK's region chain, else us-east-1.")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL", description = "The endpoint of an S3-compatible service (MinIO, Ceph, R2, ...), as https://host[:port].")
    String endpoint;

    @Option(names = "--path-style", description = "Address buckets as https://endpoint/bucket instead of https://bucket.endpoint.")
    boolean pathStyle;

    @Option(names = "--profile", paramLabel = "NAME", description = "Use this profile of the AWS config and credentials files.")
    String profile;

    /** Set by the commands that write to S3 ({@link StorageClassOption}); null for the bucket's default. */
    String storageClass;

    static boolean isS3(String remote) {
        return remote.startsWith("s3://");
    }

    S3Settings s3Settings() {
        S3Settings.Builder b = S3Settings.builder().pathStyle(pathStyle).storageClass(storageClass);
        if (region != null) {
            b.region(region);
        }
        if (endpoint != null) {
            b.endpoint(endpoint); // the one endpoint rule of core, with its message
        }
        if (profile != null) {
            b.profile(profile);
        }
        return b.build();
    }

    /** Opens a remote to write to: a missing local folder is created. */
    Store openForWrite(String remote) {
        return open(remote, false);
    }

    /** Opens a remote to read from: a missing local folder is an error, not an empty remote. */
    Store openForRead(String remote) {
        return open(remote, true);
    }

    private Store open(String remote, boolean mustExist) {
        if (isS3(remote)) {
            return S3Store.open(S3Location.parse(remote), s3Settings());
        }
        if (region != null || endpoint != null || pathStyle || profile != null || storageClass != null) {
            throw EncsyncException.usage("--region, --endpoint, --path-style, --profile and --storage-class apply to s3://"
                    + " remotes only, and '"
                    + remote + "' is a local folder — write the remote as s3://bucket/prefix");
        }
        Path folder = Path.of(remote);
        if (mustExist && !java.nio.file.Files.isDirectory(folder)) {
            throw EncsyncException.usage("remote folder " + folder + " does not exist — check the path, or write an S3 remote as s3://bucket/prefix");
        }
        return LocalStore.open(folder);
    }
}
