package io.encsync.jenkins.credentials;

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
import hudson.security.ACL;
import hudson.security.Permission;
import io.encsync.core.aws.IssuedKey;
import io.encsync.jenkins.EncsyncConfiguration;
import io.encsync.jenkins.support.Forms;
import io.encsync.jenkins.support.Messages;
import java.io.IOException;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Stores an access key that provisioning issued as an AWS credential in the store closest to the
 * job (its folder's store when the job is in a folder with one, else the global store), and
 * removes it on destroy. Three rules keep a build from writing credentials it should not:
 * <ol>
 * <li>The build's own authentication must hold Credentials/Create (new id), Update (existing id)
 *     or Delete on that store, so a job cannot write into a store its user could not.</li>
 * <li>A build that runs as SYSTEM may write nothing, unless an administrator allowed it
 *     ({@link EncsyncConfiguration}): without an authorisation plugin every build runs as SYSTEM,
 *     which passes every permission check, so rule 1 alone would let any job author overwrite or
 *     delete any credential id.</li>
 * <li>Only a credential that provisioning created for the same bucket is ever replaced or removed:
 *     an {@link AWSCredentialsImpl} whose description carries core's marker
 *     ({@link IssuedKey#credentialDescription}). A store keeps only type, id and description per
 *     credential, so the description is where a mark can live; checking the type as well keeps
 *     every other kind of credential (a password, a token) out of reach even if its description
 *     were edited to look like ours. Someone who may edit a credential's description may also
 *     update it directly, so the mark gives a build no power its user lacks.</li>
 * </ol>
 * The checks run twice: before the task (so a key is never created that could not be stored) and
 * again when writing.
 */
@Restricted(NoExternalUse.class)
public final class IssuedKeyStore {
    private IssuedKeyStore() {
    }

    /** Fails unless {@code run} may store the key of {@code bucket}'s user as credential {@code id}. */
    public static void checkWritable(Run<?, ?> run, String id, String bucket) throws AbortException {
        Target t = target(run, id, bucket);
        t.require(t.existing == null ? CredentialsProvider.CREATE : CredentialsProvider.UPDATE);
    }

    /** Fails unless {@code run} may remove credential {@code id} (if it exists) on destroying {@code bucket}. */
    public static void checkRemovable(Run<?, ?> run, String id, String bucket) throws AbortException {
        Target t = target(run, id, bucket);
        if (t.existing != null) {
            t.require(CredentialsProvider.DELETE);
        }
    }

    /** Creates or replaces credential {@code id}; returns where it went, for the log. */
    public static String save(Run<?, ?> run, String id, String bucket, IssuedKey key) throws IOException {
        Target t = target(run, id, bucket);
        Domain domain = Domain.global();
        AWSCredentialsImpl fresh = new AWSCredentialsImpl(CredentialsScope.GLOBAL, id, key.accessKeyId(),
                key.secretKey().revealUtf8(), IssuedKey.credentialDescription(bucket, run.getFullDisplayName()));
        if (t.existing == null) {
            t.require(CredentialsProvider.CREATE);
            t.store.addCredentials(domain, fresh);
        } else {
            t.require(CredentialsProvider.UPDATE);
            t.store.updateCredentials(domain, t.existing, fresh);
        }
        return t.store.getContextDisplayName();
    }

    /** Removes credential {@code id} if it is there; returns whether it was. */
    public static boolean remove(Run<?, ?> run, String id, String bucket) throws IOException {
        Target t = target(run, id, bucket);
        if (t.existing == null) {
            return false;
        }
        t.require(CredentialsProvider.DELETE);
        return t.store.removeCredentials(Domain.global(), t.existing);
    }

    /** The store for {@code run}, the credential {@code id} in it if any, after rules 2 and 3. */
    private static Target target(Run<?, ?> run, String id, String bucket) throws AbortException {
        if (id == null || !id.matches(Forms.CREDENTIAL_ID)) {
            throw new AbortException(Messages.IssuedKeyStore_BadId(id));
        }
        Authentication auth = Jenkins.getAuthentication2();
        if (ACL.SYSTEM2.equals(auth) && !EncsyncConfiguration.get().isAllowSystemToStoreKeys()) {
            throw new AbortException(Messages.IssuedKeyStore_RunsAsSystem());
        }
        CredentialsStore store = storeFor(run);
        Credentials existing = find(store, id);
        if (existing != null && !(existing instanceof AWSCredentialsImpl aws
                && IssuedKey.isCredentialFor(aws.getDescription(), bucket))) {
            throw new AbortException(Messages.IssuedKeyStore_NotProvisioned(id, store.getContextDisplayName(), bucket));
        }
        return new Target(store, existing, auth);
    }

    private record Target(CredentialsStore store, Credentials existing, Authentication auth) {
        void require(Permission permission) throws AbortException {
            if (!store.hasPermission2(auth, permission)) {
                throw new AbortException(Messages.IssuedKeyStore_MissingPermission(auth.getName(),
                        permission.group.title, permission.name, store.getContextDisplayName()));
            }
        }
    }

    private static Credentials find(CredentialsStore store, String id) {
        for (Credentials c : store.getCredentials(Domain.global())) {
            if (c instanceof IdCredentials idc && idc.getId().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private static CredentialsStore storeFor(Run<?, ?> run) throws AbortException {
        ItemGroup<?> parent = run.getParent().getParent();
        for (CredentialsStore store : CredentialsProvider.lookupStores(parent)) {
            if (store.getContext() == parent) {
                return store;
            }
        }
        for (CredentialsStore store : CredentialsProvider.lookupStores(Jenkins.get())) {
            if (store.getContext() == Jenkins.get()) {
                return store;
            }
        }
        throw new AbortException(Messages.IssuedKeyStore_NoStore(run.getParent().getFullName()));
    }
}
