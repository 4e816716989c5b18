package test.ssh_agent;

import org.jvnet.hudson.test.JenkinsRule;

/**
 * Stand-in for the ssh-agents plugin's test utility of the same name, which workflow-api's
 * {@code ArtifactManagerTest} gauntlet uses to get its agent. The real one starts an SSH agent in
 * Docker when Docker is there, and otherwise asks {@link JenkinsRule#createSlave(String, String,
 * hudson.EnvVars)} for a local agent. Neither Docker nor the ssh-agents plugin is part of this
 * runtime, so this one always takes the second way: the agent is a separate JVM started by the
 * harness' command launcher (as for {@code createOnlineSlave}), connected over Remoting, and the
 * gauntlet itself waits for it to come online. The gauntlet's assertions are unchanged.
 */
public final class OutboundAgent implements AutoCloseable {
    /** Where a container would be reached; never made here, as there is no container. */
    public static final class ConnectionDetails {
        private ConnectionDetails() {
        }
    }

    public OutboundAgent() {
    }

    /** No container to start: the agent will be a local JVM. */
    public ConnectionDetails start() {
        return null;
    }

    /** Adds agent {@code name}, a local JVM with no labels, to {@code rule}'s Jenkins. */
    public static void createAgent(JenkinsRule rule, String name, ConnectionDetails connection) throws Exception {
        if (connection != null) {
            throw new IllegalArgumentException("this stand-in has no container agents");
        }
        rule.createSlave(name, null, null);
    }

    @Override
    public void close() {
    }
}
