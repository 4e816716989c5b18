package io.encsync.core.task;

import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.IssuedKey;
import io.encsync.core.aws.ProxySettings;
import io.encsync.core.provision.ProvisionRequest;
import java.io.Serial;
import java.util.Objects;

/**
 * Creates (or plans, or destroys) a private bucket and an IAM user that may sync under it. On
 * apply, the result carries the user's new access key as an {@link IssuedKey}, which the front end
 * stores as a credential; the key never appears in the summary or the map.
 */
public final class ProvisionTask implements AgentTask {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ProvisionRequest spec;
    private final ProvisionMode mode;
    private final AwsAuth auth;
    private final ProxySettings proxy;

    public ProvisionTask(ProvisionRequest spec, ProvisionMode mode, AwsAuth auth, ProxySettings proxy) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.proxy = proxy;
    }

    @Override
    public TaskResult run(TaskLog log, CancellationSignal cancel) throws InterruptedException {
        return Engines.provision(spec, mode, auth, proxy, log, cancel);
    }

    @Override
    public String describe() {
        return switch (mode) {
            case PLAN -> "Planning private bucket s3://" + spec.bucket() + " in " + spec.region();
            case APPLY -> "Provisioning private bucket s3://" + spec.bucket() + " in " + spec.region();
            case DESTROY -> "Destroying bucket s3://" + spec.bucket() + " and its user" + (spec.force() ? " (force)" : "");
        };
    }

    @Override
    public String toString() {
        return "ProvisionTask[" + mode.value() + " " + spec + " as " + auth + "]";
    }
}
