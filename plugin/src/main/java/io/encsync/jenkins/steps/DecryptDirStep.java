package io.encsync.jenkins.steps;

import hudson.Extension;
import io.encsync.core.manifest.CryptConfig;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.DecryptDirTask;
import io.encsync.jenkins.settings.CryptRemote;
import io.encsync.jenkins.support.Messages;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** {@code decryptDir}: decrypts a workspace folder in rclone crypt format into another one. */
public class DecryptDirStep extends FolderStep {

    @DataBoundConstructor
    public DecryptDirStep(String source, String target, CryptRemote crypt) {
        super(source, target, crypt);
    }

    @Override
    AgentTask task(String workspace, String source, String target, CryptConfig crypt) {
        return new DecryptDirTask(workspace, source, target, crypt);
    }

    @Extension
    @Symbol("decryptDir")
    public static class DescriptorImpl extends EncsyncStepDescriptor {
        public DescriptorImpl() {
            super("decryptDir", Messages._DecryptDirStep_DisplayName());
        }
    }
}
