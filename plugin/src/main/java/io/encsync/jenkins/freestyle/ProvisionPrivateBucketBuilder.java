package io.encsync.jenkins.freestyle;

import hudson.Extension;
import io.encsync.jenkins.steps.ProvisionPrivateBucketStep;
import io.encsync.jenkins.support.Messages;
import org.kohsuke.stapler.DataBoundConstructor;

/** Freestyle build step "Provision a private S3 bucket": the {@code provisionPrivateBucket} step, run in a freestyle build. */
public class ProvisionPrivateBucketBuilder extends TaskBuilder<ProvisionPrivateBucketStep> {

    @DataBoundConstructor
    public ProvisionPrivateBucketBuilder(ProvisionPrivateBucketStep step) {
        super(step);
    }

    @Extension
    public static final class DescriptorImpl extends BuilderDescriptor {
        public DescriptorImpl() {
            super(ProvisionPrivateBucketStep.class, Messages._ProvisionPrivateBucketStep_DisplayName());
        }
    }
}
