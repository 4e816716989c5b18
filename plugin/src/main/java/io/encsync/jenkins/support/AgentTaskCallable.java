package io.encsync.jenkins.support;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.encsync.core.EncsyncException;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.CancellationSignal;
import io.encsync.core.task.TaskLog;
import io.encsync.core.task.TaskResult;
import io.encsync.core.task.TaskWire;
import java.io.File;
import java.io.IOException;
import java.util.HashMap;
import jenkins.agents.ControllerToAgentFileCallable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Runs a core task where the folder lives (the agent that holds the workspace), so files never
 * travel through the controller.
 *
 * <p>What crosses the channel, and why it passes Jenkins' class filter (JEP-200):
 * <ul>
 * <li>To the agent: this record (a plugin class), the task (core classes: plain data, and secrets
 *     in holders that never print) and the build log's listener. An agent's channel filters only
 *     with remoting's default blacklist, and loads core's classes from the controller through the
 *     plugin's class loader, which sees the core jar in {@code WEB-INF/lib}.</li>
 * <li>Back to the controller: only JDK types ({@link TaskWire}). The controller's filter refuses
 *     the classes of a plugin's bundled library jars, so a {@link TaskResult}, or an exception with an
 *     AWS SDK cause, would not arrive; failures come back as a category and one line.</li>
 * </ul>
 *
 * <p>Aborting the build interrupts the controller thread waiting here; remoting forwards the
 * interrupt to the agent thread, which the task treats as cancellation.
 */
@Restricted(NoExternalUse.class)
public record AgentTaskCallable(AgentTask task, TaskListener listener)
        implements ControllerToAgentFileCallable<HashMap<String, Object>> {
    private static final long serialVersionUID = 1L;

    @Override
    public HashMap<String, Object> invoke(File folder, VirtualChannel channel) throws InterruptedException {
        return TaskWire.run(task, TaskLog.printingTo(listener.getLogger()), CancellationSignal.THREAD_INTERRUPT);
    }

    /** Runs {@code task} where {@code c}'s folder lives; core failures become one-line build errors. */
    public static TaskResult run(TaskContext c, AgentTask task) throws IOException, InterruptedException {
        c.log().println(task.describe());
        HashMap<String, Object> reply = c.workspace().act(new AgentTaskCallable(task, c.listener()));
        TaskResult result;
        try {
            result = TaskWire.read(reply);
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        } catch (TaskWire.UnexpectedFailure e) {
            throw new AbortException(e.getMessage());
        }
        c.log().println(result.summary());
        return result;
    }
}
