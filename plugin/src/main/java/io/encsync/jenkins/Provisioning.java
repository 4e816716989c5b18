package io.encsync.jenkins;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.encsync.core.task.AgentTask;
import io.encsync.core.task.IssuedKey;
import io.encsync.core.task.ProvisionMode;
import io.encsync.core.task.ProvisionSpec;
import io.encsync.core.task.ProvisionTask;
import io.encsync.core.task.TaskResult;
import java.io.IOException;

/** Maps the provisioning step's fields to core, and stores or removes the issued key afterwards. */
final class Provisioning {
    private Provisioning() {
    }

    static AgentTask task(Run<?, ?> run, ProvisionInputs s) throws AbortException {
        ProvisionMode mode = Failures.validated(() -> ProvisionMode.parse(s.getMode()));
        if (mode == ProvisionMode.APPLY && s.getCredentialsIdForNewKey() == null) {
            throw new AbortException("credentialsIdForNewKey must be set when mode is apply — AWS shows a new"
                    + " access key only once, so it must go straight into a credential");
        }
        ProvisionSpec spec = Failures.validated(() -> ProvisionSpec.builder().bucket(s.getBucket()).region(s.getRegion())
                .userName(s.getUserName()).userPath(s.getUserPath()).versioning(s.isVersioning()).tlsOnly(s.isTlsOnly())
                .force(s.isForce()).endpoint(s.getEndpoint()).build());
        return new ProvisionTask(spec, mode, Inputs.awsAuth(run, s.getAwsCredentialsId()), Proxies.capture());
    }

    static void after(Run<?, ?> run, TaskListener listener, ProvisionInputs s, TaskResult result)
            throws IOException {
        String id = s.getCredentialsIdForNewKey();
        if (id == null) {
            return;
        }
        ProvisionMode mode = ProvisionMode.parse(s.getMode());
        if (mode == ProvisionMode.APPLY && result.issuedKey().isPresent()) {
            IssuedKey key = result.issuedKey().get();
            String where = IssuedKeyStore.save(run, id, key, "encsync user for s3://" + s.getBucket()
                    + " (created by " + run.getFullDisplayName() + ")");
            listener.getLogger().println("Stored the new access key " + key.accessKeyId() + " as credential '" + id
                    + "' in " + where);
        } else if (mode == ProvisionMode.DESTROY && IssuedKeyStore.remove(run, id)) {
            listener.getLogger().println("Removed credential '" + id + "': its access key was deleted with the user");
        }
    }
}
