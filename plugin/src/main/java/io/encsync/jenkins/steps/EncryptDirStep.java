package io.encsync.jenkins.steps;

import hudson.Extension;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.EncryptDirTask;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.support.Messages;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code encryptDir}: encrypts a workspace folder into another one in rclone crypt format. */
public class EncryptDirStep extends FolderStep {

    @DataBoundConstructor
    public EncryptDirStep(String source, String target, CryptRemote crypt) {
        super(source, target, crypt);
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
