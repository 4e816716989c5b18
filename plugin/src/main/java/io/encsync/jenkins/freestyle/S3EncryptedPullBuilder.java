package io.encsync.jenkins.freestyle;

import hudson.Extension;
import io.encsync.jenkins.steps.S3EncryptedPullStep;
import io.encsync.jenkins.support.Messages;
import org.kohsuke.stapler.DataBoundConstructor;

/** Freestyle build step "Pull and decrypt a folder from S3": the {@code s3EncryptedPull} step, run in a freestyle build. */
public class S3EncryptedPullBuilder extends TaskBuilder<S3EncryptedPullStep> {

    @DataBoundConstructor
    public S3EncryptedPullBuilder(S3EncryptedPullStep step) {
        super(step);
    }

    @Extension
    public static final class DescriptorImpl extends BuilderDescriptor {
        public DescriptorImpl() {
            super(S3EncryptedPullStep.class, Messages._S3EncryptedPullStep_DisplayName());
        }
    }
}
