package io.encsync.jenkins.support;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.PrintStream;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * One run of one action as the controller sees it: the build, the folder the task runs in (and
 * so the JVM: an agent's, or the controller's own), the build log, and how build variables
 * expand in text fields.
 *
 * <p>Freestyle build steps and the post-build action expand {@code ${VAR}} in their text fields
 * with the build's environment, as Jenkins' own build steps do; Pipeline steps do not (Groovy
 * has already interpolated their arguments, and expanding again would change a literal {@code $}).
 */
@Restricted(NoExternalUse.class)
public final class TaskContext {
    private final Run<?, ?> run;
    private final FilePath workspace;
    private final TaskListener listener;
    private final EnvVars env;

    /** @param env the build's environment to expand text fields with, or null not to expand (Pipeline) */
    public TaskContext(Run<?, ?> run, FilePath workspace, TaskListener listener, @CheckForNull EnvVars env) {
        this.run = run;
        this.workspace = workspace;
        this.listener = listener;
        this.env = env;
    }

    public Run<?, ?> run() {
        return run;
    }

    public FilePath workspace() {
        return workspace;
    }

    public TaskListener listener() {
        return listener;
    }

    public PrintStream log() {
        return listener.getLogger();
    }

    /** The same run with the task running in {@code folder} instead of the workspace. */
    public TaskContext in(FilePath folder) {
        return new TaskContext(run, folder, listener, env);
    }

    /** {@code text} with build variables expanded (freestyle only), blank as null. */
    @CheckForNull
    public String expand(@CheckForNull String text) {
        return Texts.trimToNull(text == null || env == null ? text : env.expand(text));
    }

    /**
     * Whether the task runs inside the controller's JVM (the built-in node, or the archived
     * artifacts on the controller's disk): there, an empty AWS credential would mean the
     * controller's own AWS identity, and nothing the task carries crosses a channel.
     */
    public boolean onController() {
        return !workspace.isRemote();
    }
}
