package io.encsync.core.task;

import io.encsync.core.EncsyncException;
import java.nio.file.Path;

/**
 * The only class of this package that calls the sync and provisioning engines: turns task
 * payloads into engine calls and engine results into {@link TaskResult}s.
 */
final class Engines {
    private Engines() {
    }

    static void checkDistinct(Path source, Path target) {
        if (source.startsWith(target) || target.startsWith(source)) {
            throw EncsyncException.usage("source " + LogText.name(source.toString()) + " and target "
                    + LogText.name(target.toString()) + " must not contain each other — pick two separate folders");
        }
    }

    static void validate(ProvisionSpec spec) {
        S3Options.builder().bucket(spec.bucket()).region(spec.region()).endpoint(spec.endpoint()).build();
        if (spec.region() == null || spec.region().isBlank()) {
            throw EncsyncException.usage("region must be set for provisioning (such as eu-west-1), was empty");
        }
    }

    static TaskResult encryptFolder(Path source, Path target, CryptOptions crypt, TaskLog log,
            CancellationSignal cancel) throws InterruptedException {
        throw new UnsupportedOperationException("engine not merged yet");
    }

    static TaskResult decryptFolder(Path source, Path target, CryptOptions crypt, TaskLog log,
            CancellationSignal cancel) throws InterruptedException {
        throw new UnsupportedOperationException("engine not merged yet");
    }

    static TaskResult pushToS3(Path source, S3Access s3, CryptOptions crypt, TransferOptions options, TaskLog log,
            CancellationSignal cancel) throws InterruptedException {
        throw new UnsupportedOperationException("engine not merged yet");
    }

    static TaskResult pullFromS3(S3Access s3, Path target, CryptOptions crypt, TransferOptions options, TaskLog log,
            CancellationSignal cancel) throws InterruptedException {
        throw new UnsupportedOperationException("engine not merged yet");
    }

    static TaskResult provision(ProvisionSpec spec, ProvisionMode mode, AwsAuth auth, ProxySettings proxy,
            TaskLog log, CancellationSignal cancel) throws InterruptedException {
        throw new UnsupportedOperationException("engine not merged yet");
    }
}
