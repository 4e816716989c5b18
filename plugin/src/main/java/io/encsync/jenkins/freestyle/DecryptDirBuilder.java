package io.encsync.jenkins.freestyle;

import hudson.Extension;
import io.encsync.jenkins.steps.DecryptDirStep;
import io.encsync.jenkins.support.Messages;
import org.kohsuke.stapler.DataBoundConstructor;

/** Freestyle build step "Decrypt a workspace folder": the {@code decryptDir} step, run in a freestyle build. */
public class DecryptDirBuilder extends TaskBuilder<DecryptDirStep> {

    @DataBoundConstructor
    public DecryptDirBuilder(DecryptDirStep step) {
        super(step);
    }

    @Extension
    public static final class DescriptorImpl extends BuilderDescriptor {
        public DescriptorImpl() {
            super(DecryptDirStep.class, Messages._DecryptDirStep_DisplayName());
        }
    }
}
