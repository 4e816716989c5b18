package io.encsync.jenkins.freestyle;

import hudson.Extension;
import io.encsync.jenkins.steps.S3EncryptedPushStep;
import io.encsync.jenkins.support.Messages;
import org.kohsuke.stapler.DataBoundConstructor;

/** Freestyle build step "Encrypt a workspace folder and push it to S3": the {@code s3EncryptedPush} step, run in a freestyle build. */
public class S3EncryptedPushBuilder extends TaskBuilder<S3EncryptedPushStep> {

    @DataBoundConstructor
    public S3EncryptedPushBuilder(S3EncryptedPushStep step) {
        super(step);
    }

    @Extension
    public static final class DescriptorImpl extends BuilderDescriptor {
        public DescriptorImpl() {
            super(S3EncryptedPushStep.class, Messages._S3EncryptedPushStep_DisplayName());
        }
    }
}
