package io.encsync.jenkins;

import hudson.Extension;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.EncryptDirTask;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code encryptDir}: encrypts a workspace folder into another one in rclone crypt format. */
public class EncryptDirStep extends FolderStep {

    @DataBoundConstructor
    public EncryptDirStep(String source, String target, String passwordCredentialsId) {
        super(source, target, passwordCredentialsId);
    }

    @Override
    AgentTask task(String workspace, String source, String target, CryptConfig crypt) {
        return new EncryptDirTask(workspace, source, target, crypt);
    }

    @Extension
    @Symbol("encryptDir")
    public static class DescriptorImpl extends EncsyncStepDescriptor {
        public DescriptorImpl() {
            super("encryptDir", Messages._EncryptDirStep_DisplayName());
        }
    }
}
