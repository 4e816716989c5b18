package io.encsync.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.task.AwsAuth;
import io.encsync.core.task.CryptOptions;
import io.encsync.core.task.S3Access;
import io.encsync.core.task.S3Options;

/**
 * Maps the text fields of steps, build steps and the post-build action to core's options, so the
 * pipeline and freestyle forms share one options model and one set of validation messages.
 */
final class Inputs {
    private Inputs() {
    }

    static CryptOptions crypt(Run<?, ?> run, String passwordId, String password2Id, String filenameEncryption,
            String filenameEncoding, boolean directoryNameEncryption) throws AbortException {
        if (passwordId == null) {
            throw new AbortException("passwordCredentialsId must be set (the id of a Secret text credential"
                    + " holding the crypt password), was empty");
        }
        SecretBytes password = CredentialLookup.secretText(run, "passwordCredentialsId", passwordId);
        SecretBytes password2 = CredentialLookup.optionalSecretText(run, "password2CredentialsId", password2Id);
        return Failures.validated(() -> CryptOptions.builder().password(password).password2(password2)
                .filenameEncryption(filenameEncryption).filenameEncoding(filenameEncoding)
                .directoryNameEncryption(directoryNameEncryption).build());
    }

    static S3Access s3(Run<?, ?> run, String bucket, String prefix, String region, String endpoint, boolean pathStyle,
            String awsCredentialsId) throws AbortException {
        S3Options location = Failures.validated(() -> S3Options.builder().bucket(bucket).prefix(prefix).region(region)
                .endpoint(endpoint).pathStyle(pathStyle).build());
        AwsAuth auth = awsAuth(run, awsCredentialsId);
        return new S3Access(location, auth, Proxies.capture());
    }

    static AwsAuth awsAuth(Run<?, ?> run, String awsCredentialsId) throws AbortException {
        try {
            return CredentialLookup.aws(run, awsCredentialsId);
        } catch (io.encsync.core.EncsyncException e) {
            throw Failures.abort(e);
        }
    }
}
