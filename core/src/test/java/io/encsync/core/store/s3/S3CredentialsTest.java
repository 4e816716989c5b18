package io.encsync.core.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.store.ContentSource;
import io.encsync.core.testing.MotoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;

/**
 * Credentials on a private moto server with authorization enforced (see the threat model, moto
 * notes): rejected keys and denied operations are ACCESS errors that name the bucket and the
 * operation, and the secret appears in no message, stack trace, toString or log line.
 */
class S3CredentialsTest {
    private static MotoServer moto;
    private static AccessKey admin;
    private static AccessKey limited;
    private static final String BUCKET = "encsync-auth-data";
    private static final String OTHER_BUCKET = "encsync-auth-other";

    @BeforeAll
    static void provision() {
        moto = MotoServer.start();
        S3Settings unauthenticated = MotoServer.settings(moto.endpoint()).build();
        try (IamClient iam = S3Clients.iam(unauthenticated)) {
            admin = user(iam, "admin", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}");
            limited = user(iam, "limited", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
                    + "\"Resource\":[\"arn:aws:s3:::" + OTHER_BUCKET + "\",\"arn:aws:s3:::" + OTHER_BUCKET + "/*\"]}]}");
        }
        try (var s3 = MotoServer.admin(moto.endpoint())) {
            s3.createBucket(r -> r.bucket(BUCKET));
            s3.createBucket(r -> r.bucket(OTHER_BUCKET));
        }
        moto.enforceAuthorization(true);
    }

    private static AccessKey user(IamClient iam, String name, String policy) {
        iam.createUser(r -> r.userName(name));
        iam.putUserPolicy(r -> r.userName(name).policyName("p").policyDocument(policy));
        return iam.createAccessKey(r -> r.userName(name)).accessKey();
    }

    @AfterAll
    static void stop() {
        if (moto != null) {
            moto.close();
        }
    }

    private static S3Settings settings(String keyId, String secret) {
        return MotoServer.settings(moto.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
                .build();
    }

    @Test
    void theRightKeyWorks() throws Exception {
        try (S3Store store = S3Store.open(new S3Location(BUCKET, ""), settings(admin.accessKeyId(), admin.secretAccessKey()))) {
            store.put("k", ContentSource.ofBytes(new byte[] {1, 2, 3}), Instant.EPOCH);
            assertThat(store.list()).hasSize(1);
            try (var in = store.open("k")) {
                assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
            }
        }
    }

    @Test
    void aWrongSecretKeyIsRejectedCredentialsAndTheSecretIsNowhere() {
        String wrongSecret = "WRONG" + admin.secretAccessKey().substring(5);
        List<String> logs = captureLogs();
        S3Settings settings = settings(admin.accessKeyId(), wrongSecret);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> S3Store.open(new S3Location(BUCKET, ""), settings));

        assertThat(thrown).isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.ACCESS))
                .hasMessage("credentials rejected by S3 (SignatureDoesNotMatch) for s3:ListBucket on s3://" + BUCKET
                        + " — check the access key ID and secret key (or --profile, or the role); a brand-new key can take a few seconds to work");
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(wrongSecret).doesNotContain(admin.secretAccessKey());
        assertThat(settings.toString()).doesNotContain(wrongSecret).doesNotContain(admin.accessKeyId());
        assertThat(String.join("\n", logs)).doesNotContain(wrongSecret);
        assertThat(((EncsyncException) thrown).category().exitCode()).isEqualTo(3);
    }

    @Test
    void anUnknownKeyIsRejectedCredentials() {
        assertThatThrownBy(() -> S3Store.open(new S3Location(BUCKET, ""), settings("AKIAUNKNOWNKEY000000", "x".repeat(40))))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.ACCESS))
                .hasMessageStartingWith("credentials rejected by S3 (InvalidAccessKeyId) for s3:ListBucket on s3://" + BUCKET);
    }

    @Test
    void aKeyForAnotherBucketIsDeniedNamingTheBucketAndOperation() {
        assertThatThrownBy(() -> S3Store.open(new S3Location(BUCKET, ""), settings(limited.accessKeyId(), limited.secretAccessKey())))
                .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.ACCESS))
                .hasMessageStartingWith("access denied: s3:ListBucket on s3://" + BUCKET + " (AccessDenied)");
    }

    @Test
    void aNamedProfileFromTheSharedCredentialsFileIsUsed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path credentials = java.nio.file.Files.writeString(dir.resolve("credentials"),
                "[ci]\naws_access_key_id = " + admin.accessKeyId() + "\naws_secret_access_key = " + admin.secretAccessKey() + "\n"
                + "[stale]\naws_access_key_id = " + admin.accessKeyId() + "\naws_secret_access_key = stale" + admin.secretAccessKey() + "\n");
        // The SDK reads the file named by this property (the AWS_SHARED_CREDENTIALS_FILE of the JVM).
        String previous = System.setProperty("aws.sharedCredentialsFile", credentials.toString());
        try {
            S3Settings.Builder base = MotoServer.settings(moto.endpoint()).credentialsProvider(null);
            try (S3Store store = S3Store.open(new S3Location(BUCKET, ""), base.profile("ci").build())) {
                store.put("from-profile", ContentSource.ofBytes(new byte[] {7}), Instant.EPOCH);
                assertThat(store.stat("from-profile")).isPresent();
            }
            assertThatThrownBy(() -> S3Store.open(new S3Location(BUCKET, ""), base.profile("stale").build()))
                    .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.ACCESS))
                    .hasMessageStartingWith("credentials rejected by S3 (SignatureDoesNotMatch)");
            assertThatThrownBy(() -> S3Store.open(new S3Location(BUCKET, ""), base.profile("missing").build()))
                    .isInstanceOfSatisfying(EncsyncException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.ACCESS))
                    .hasMessageStartingWith("no usable AWS credentials for s3:ListBucket on s3://" + BUCKET);
        } finally {
            if (previous == null) {
                System.clearProperty("aws.sharedCredentialsFile");
            } else {
                System.setProperty("aws.sharedCredentialsFile", previous);
            }
        }
    }

    private static List<String> captureLogs() {
        List<String> lines = new ArrayList<>();
        Logger root = Logger.getLogger("");
        root.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (lines) {
                    lines.add(String.valueOf(record.getMessage()) + " " + record.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        return lines;
    }
}
