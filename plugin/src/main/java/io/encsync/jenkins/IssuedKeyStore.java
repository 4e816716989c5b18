package io.encsync.jenkins;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.AbortException;
import hudson.model.ItemGroup;
import hudson.model.Run;
import hudson.security.Permission;
import io.encsync.core.task.IssuedKey;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * Stores an access key that provisioning issued as an AWS credential in the store closest to the
 * job: its folder's store when the job is in a folder with one, else the global store. The
 * build's own authentication must be allowed to create credentials there, so a job cannot write
 * into a store its author could not.
 */
final class IssuedKeyStore {
    private IssuedKeyStore() {
    }

    /** Creates or replaces credential {@code id}; returns where it went, for the log. */
    static String save(Run<?, ?> run, String id, IssuedKey key, String description) throws IOException {
        CredentialsStore store = storeFor(run, CredentialsProvider.CREATE);
        Domain domain = Domain.global();
        AWSCredentialsImpl fresh = new AWSCredentialsImpl(CredentialsScope.GLOBAL, id, key.accessKeyId(),
                key.secretKey().revealUtf8(), description);
        Credentials existing = find(store, domain, id);
        if (existing == null) {
            store.addCredentials(domain, fresh);
        } else {
            requirePermission(store, run, CredentialsProvider.UPDATE);
            store.updateCredentials(domain, existing, fresh);
        }
        return store.getContextDisplayName();
    }

    /** Removes credential {@code id} from the job's store if it is there; returns whether it was. */
    static boolean remove(Run<?, ?> run, String id) throws IOException {
        CredentialsStore store = storeFor(run, CredentialsProvider.DELETE);
        Credentials existing = find(store, Domain.global(), id);
        return existing != null && store.removeCredentials(Domain.global(), existing);
    }

    private static Credentials find(CredentialsStore store, Domain domain, String id) {
        for (Credentials c : store.getCredentials(domain)) {
            if (c instanceof IdCredentials idc && idc.getId().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private static CredentialsStore storeFor(Run<?, ?> run, Permission permission) throws AbortException {
        ItemGroup<?> parent = run.getParent().getParent();
        CredentialsStore chosen = null;
        for (CredentialsStore store : CredentialsProvider.lookupStores(parent)) {
            if (store.getContext() == parent) {
                chosen = store;
                break;
            }
        }
        if (chosen == null) {
            for (CredentialsStore store : CredentialsProvider.lookupStores(Jenkins.get())) {
                if (store.getContext() == Jenkins.get()) {
                    chosen = store;
                    break;
                }
            }
        }
        if (chosen == null) {
            throw new AbortException("credentialsIdForNewKey: no credentials store is writable for "
                    + run.getParent().getFullName() + " — enable the folder or global credentials store");
        }
        requirePermission(chosen, run, permission);
        return chosen;
    }

    private static void requirePermission(CredentialsStore store, Run<?, ?> run, Permission permission)
            throws AbortException {
        Authentication auth = Jenkins.getAuthentication2();
        if (!store.hasPermission2(auth, permission)) {
            throw new AbortException("credentialsIdForNewKey: the build runs as " + auth.getName() + ", who lacks "
                    + permission.group.title + "/" + permission.name + " on " + store.getContextDisplayName()
                    + " — grant it, or let an administrator run the provisioning");
        }
    }
}
