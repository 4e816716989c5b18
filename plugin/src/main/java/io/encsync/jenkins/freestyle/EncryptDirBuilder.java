package io.encsync.jenkins.freestyle;

import hudson.Extension;
import io.encsync.jenkins.steps.EncryptDirStep;
import io.encsync.jenkins.support.Messages;
import org.kohsuke.stapler.DataBoundConstructor;

/** Freestyle build step "Encrypt a workspace folder": the {@code encryptDir} step, run in a freestyle build. */
public class EncryptDirBuilder extends TaskBuilder<EncryptDirStep> {

    @DataBoundConstructor
    public EncryptDirBuilder(EncryptDirStep step) {
        super(step);
    }

    @Extension
    public static final class DescriptorImpl extends BuilderDescriptor {
        public DescriptorImpl() {
            super(EncryptDirStep.class, Messages._EncryptDirStep_DisplayName());
        }
    }
}
