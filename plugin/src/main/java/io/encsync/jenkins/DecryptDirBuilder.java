package io.encsync.jenkins;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Run;
import hudson.tasks.Builder;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.DecryptDirTask;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/** Freestyle build step: decrypts a workspace folder in rclone crypt format into another one. */
public class DecryptDirBuilder extends AbstractCryptBuilder {
    private final String source;
    private final String target;

    @DataBoundConstructor
    public DecryptDirBuilder(String source, String target, String passwordCredentialsId) {
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
        return Failures.validated(() -> new DecryptDirTask(workspace.getRemote(), source, target, crypt));
    }

    @Extension
    @Symbol("decryptDirBuilder")
    public static class DescriptorImpl extends EncsyncBuildStepDescriptor<Builder> {
        public DescriptorImpl() {
            redirectHelp(DecryptDirStep.class, "source", "target");
        }

        @Override
        public String getDisplayName() {
            return "Decrypt a workspace folder (rclone crypt format)";
        }
    }
}
