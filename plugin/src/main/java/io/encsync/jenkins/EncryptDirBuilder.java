package io.encsync.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.tasks.Builder;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.EncryptDirTask;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** Freestyle build step: encrypts a workspace folder into another one in rclone crypt format. */
public class EncryptDirBuilder extends AbstractCryptBuilder {
    private final String source;
    private final String target;

    @DataBoundConstructor
    public EncryptDirBuilder(String source, String target, String passwordCredentialsId) {
        super(passwordCredentialsId);
        this.source = Util.trimToNull(source);
        this.target = Util.trimToNull(target);
    }

    public String getSource() {
        return source;
    }

    public String getTarget() {
        return target;
    }

    @Override
    public AgentTask createTask(Run<?, ?> run, FilePath workspace) throws AbortException {
        var crypt = cryptOptions(run);
        return Failures.validated(() -> new EncryptDirTask(workspace.getRemote(), source, target, crypt));
    }

    @Extension
    @Symbol("encryptDirBuilder")
    public static class DescriptorImpl extends EncsyncBuildStepDescriptor<Builder> {
        public DescriptorImpl() {
            redirectHelp(EncryptDirStep.class, "source", "target");
        }

        @Override
        public String getDisplayName() {
            return "Encrypt a workspace folder (rclone crypt format)";
        }
    }
}
