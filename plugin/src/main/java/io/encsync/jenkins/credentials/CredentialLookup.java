package io.encsync.jenkins.credentials;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.jenkins.plugins.awscredentials.AmazonWebServicesCredentials;
import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.encsync.core.EncsyncException;
import io.encsync.core.aws.AwsAuth;
import io.encsync.core.aws.RoleSession;
import io.encsync.core.keys.SecretBytes;
import io.encsync.core.aws.S3Access;
import io.encsync.core.aws.ScopedSession;
import io.encsync.core.aws.SessionPolicy;
import io.encsync.core.store.s3.S3Settings;
import io.encsync.jenkins.EncsyncConfiguration;
import io.encsync.jenkins.support.Failures;
import io.encsync.jenkins.support.Messages;
import io.encsync.jenkins.support.Proxies;
import io.encsync.jenkins.support.TaskContext;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Resolves credential ids in the context of a run (so folder-scoped credentials and the job's
 * authentication apply), records their use, and fills and checks credential drop-downs following
 * the credentials plugin's consumer guide.
 */
@Restricted(NoExternalUse.class)
public final class CredentialLookup {
    private CredentialLookup() {
    }

    /** The Secret text credential {@code id} as bytes; {@code field} names the parameter in messages. */
    public static SecretBytes secretText(Run<?, ?> run, String field, String id) throws AbortException {
        StringCredentials c = find(run, field, id, StringCredentials.class, "Secret text");
        return SecretBytes.utf8(c.getSecret().getPlainText());
    }

    /**
     * AWS authentication for the task of {@code c}: an AWS credential gives its keys and, if set,
     * its role; a username/password credential gives access key id and secret key; blank means the
     * default chain of the JVM that runs the task.
     *
     * <p>Inside the controller (the backup of archived artifacts, the built-in node) the default
     * chain is the controller's own AWS identity, used against a bucket and endpoint the job's
     * author chose: a blank id is refused, and so is a credential without keys (with or without a
     * role, which the controller's identity would assume) unless an administrator allows it
     * ({@link EncsyncConfiguration#isAllowControllerAwsIdentity()}). A credential is no
     * administrator's opt-in: every job that can see it may choose it.
     */
    public static AwsAuth aws(TaskContext c, String id) throws AbortException {
        AwsAuth auth;
        try {
            auth = awsOrFail(c, id);
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
        if (c.onController() && auth.usesDefaultChain() && !EncsyncConfiguration.get().isAllowControllerAwsIdentity()) {
            throw new AbortException(Messages.CredentialLookup_ControllerIdentity(id));
        }
        return auth;
    }

    /**
     * {@code auth} as it may travel to where {@code c}'s task runs. For an agent, a role with its own
     * base keys is assumed here, on the controller, and the agent gets only the session (key,
     * secret, token, expiry; {@link RoleSession}): the base keys never expire, and whoever controls
     * an agent could keep them. STS is reached at the task's endpoint, so that endpoint must be one
     * the controller may contact. Inside the controller nothing travels and the SDK assumes (and
     * renews) the role itself. For provisioning, which needs more than one prefix.
     */
    public static AwsAuth forTask(TaskContext c, AwsAuth auth, S3Settings address) throws AbortException {
        if (c.onController() || !auth.assumesRoleWithKeys()) {
            return auth;
        }
        EncsyncConfiguration.get().checkControllerMayContact(address.endpoint(), true);
        AwsAuth session;
        try {
            session = RoleSession.assume(auth, address, Proxies.controller());
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
        c.log().println(Messages.CredentialLookup_RoleAssumed(auth.roleArn().orElseThrow(),
                session.expires().map(Object::toString).orElse("?")));
        return session;
    }

    /**
     * {@code target} as it may travel to an agent for a push or pull: where STS allows it, with a
     * session limited to its bucket and prefix and to what {@code access} needs, for
     * {@link EncsyncConfiguration#getRoleSessionSeconds()} ({@link ScopedSession}); a role credential
     * as {@link #forTask(TaskContext, AwsAuth, S3Settings)} says; a user key as a federation token,
     * or, where STS refuses or the controller may not contact the endpoint, the key itself with one
     * line in the build log saying so.
     */
    public static S3Access forTask(TaskContext c, S3Access target, SessionPolicy.Access access) throws AbortException {
        AwsAuth auth = target.auth();
        if (c.onController() || auth.usesDefaultChain()) {
            return target;
        }
        EncsyncConfiguration config = EncsyncConfiguration.get();
        Optional<URI> endpoint = target.settings().endpoint();
        if (auth.assumesRoleWithKeys()) {
            config.checkControllerMayContact(endpoint, true);
        }
        ScopedSession.Issued issued;
        try {
            S3Access fromHere = target.withProxy(Proxies.controller());
            issued = config.controllerEndpoints().allows(endpoint)
                    ? ScopedSession.issue(fromHere, access, "jenkins-", c.run().getParent().getFullName(),
                            config.getRoleSessionSeconds())
                    : ScopedSession.withoutSts(fromHere, access, Messages.CredentialLookup_StsNotAsked(
                            endpoint.map(Object::toString).orElse("")));
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
        String key = issued.auth().accessKeyId().orElse("?");
        String until = issued.expires().map(Object::toString).orElse("?");
        String scope = issued.policy().scope();
        String reason = issued.reason().orElse("");
        String line = switch (issued.kind()) {
            case SCOPED_ROLE_SESSION -> Messages.CredentialLookup_ScopedRoleSession(auth.roleArn().orElseThrow(), scope,
                    until);
            case SCOPED_FEDERATION_TOKEN -> Messages.CredentialLookup_ScopedFederationToken(auth.accessKeyId()
                    .orElseThrow(), scope, until);
            case LONG_LIVED_KEY -> Messages.CredentialLookup_LongLivedKey(key, scope, reason);
            case UNSCOPED_ROLE_SESSION, UNSCOPED_TEMPORARY_KEY -> Messages.CredentialLookup_UnscopedKey(key, scope, reason);
            case OWN_IDENTITY -> "";
        };
        if (!line.isEmpty()) {
            c.log().println(line);
        }
        return target.withAuth(issued.auth());
    }

    private static AwsAuth awsOrFail(TaskContext c, String id) throws AbortException {
        Run<?, ?> run = c.run();
        if (id == null || id.isBlank()) {
            if (c.onController()) {
                throw new AbortException(Messages.CredentialLookup_DefaultChainOnController());
            }
            return AwsAuth.defaultChain();
        }
        StandardCredentials cred = find(run, "awsCredentialsId", id, StandardCredentials.class,
                "AWS Credentials or Username with password");
        return awsAuth(cred, id, run.getParent().getFullName());
    }

    /**
     * AWS authentication from a credential: an AWS credential gives its keys and, if set, its role
     * (session name {@code jenkins-<sessionOwner>}); a username/password credential gives access key
     * id and secret key.
     */
    public static AwsAuth awsAuth(StandardCredentials cred, String id, String sessionOwner) throws AbortException {
        if (cred instanceof StandardUsernamePasswordCredentials up) {
            try (SecretBytes secret = SecretBytes.utf8(up.getPassword().getPlainText())) {
                return AwsAuth.staticKeys(up.getUsername(), secret, null);
            }
        }
        if (cred instanceof AWSCredentialsImpl aws) {
            if (aws.requiresToken()) {
                throw new AbortException(Messages.CredentialLookup_NeedsMfa(id));
            }
            AwsAuth base;
            if (aws.getAccessKey() == null || aws.getAccessKey().isBlank()) {
                // The default chain of the JVM that runs the task; inside the controller only when
                // an administrator allows it (aws(TaskContext, String)).
                base = AwsAuth.defaultChain();
            } else {
                try (SecretBytes secret = SecretBytes.utf8(aws.getSecretKey().getPlainText())) {
                    base = AwsAuth.staticKeys(aws.getAccessKey(), secret, null);
                }
            }
            String role = aws.getIamRoleArn();
            return role == null || role.isBlank() ? base
                    : base.assumingRole(role, aws.getIamExternalId(),
                            AwsAuth.sessionName("jenkins-", sessionOwner),
                            EncsyncConfiguration.get().getRoleSessionSeconds());
        }
        if (cred instanceof AmazonWebServicesCredentials other) {
            // Another implementation: we cannot see its base keys, so resolve once here. The
            // session it returns lasts as long as that implementation makes it.
            var resolved = other.resolveCredentials();
            if (resolved == null) {
                return AwsAuth.defaultChain();
            }
            String token = resolved instanceof software.amazon.awssdk.auth.credentials.AwsSessionCredentials s
                    ? s.sessionToken() : null;
            try (SecretBytes secret = SecretBytes.utf8(resolved.secretAccessKey());
                    SecretBytes session = token == null ? null : SecretBytes.utf8(token)) {
                return AwsAuth.staticKeys(resolved.accessKeyId(), secret, session);
            }
        }
        throw new AbortException(Messages.CredentialLookup_WrongKind(id, cred.getClass().getSimpleName()));
    }

    /**
     * A credential of Jenkins' global store (the artifact storage's settings are global, so are
     * their credentials), looked up as SYSTEM; {@code field} names the setting in messages.
     */
    static <C extends StandardCredentials> C global(String field, String id, Class<C> type, String kind)
            throws AbortException {
        C c = CredentialsMatchers.firstOrNull(CredentialsProvider.lookupCredentialsInItemGroup(type, Jenkins.get(),
                ACL.SYSTEM2, List.of()), CredentialsMatchers.withId(id));
        if (c == null) {
            throw new AbortException(Messages.CredentialLookup_NotFoundGlobal(field, kind, id));
        }
        return c;
    }

    /** The AWS credential {@code id} of the global store. */
    public static AwsAuth globalAws(String field, String id, String sessionOwner) throws AbortException {
        StandardCredentials cred = global(field, id, StandardCredentials.class, "AWS Credentials or Username with password");
        if (!AWS_KINDS.matches(cred)) {
            throw new AbortException(Messages.CredentialLookup_WrongKind(id, cred.getClass().getSimpleName()));
        }
        try {
            return awsAuth(cred, id, sessionOwner);
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
    }

    /** The Secret text {@code id} of the global store as bytes. */
    public static SecretBytes globalSecretText(String field, String id) throws AbortException {
        return SecretBytes.utf8(global(field, id, StringCredentials.class, "Secret text").getSecret().getPlainText());
    }

    /**
     * For the artifact storage a folder set ({@code folder}, as the build recorded it): the Secret
     * text {@code id} as {@code run} sees it now, from its job's current place (its folders' stores
     * and the global one). Not visible (the job was moved, the credential deleted): one line naming
     * the build, the folder, the credential and what to do.
     */
    public static SecretBytes folderSecretText(Run<?, ?> run, String folder, String field, String id)
            throws AbortException {
        StringCredentials c = inBuild(run, folder, field, id, StringCredentials.class, "Secret text");
        return SecretBytes.utf8(c.getSecret().getPlainText());
    }

    /**
     * For the artifact storage a folder set: the AWS credential {@code id} as {@code run} sees it
     * now. The controller signs with it, so an empty id or a credential without keys (the
     * controller's own AWS identity, chosen by whoever configures the folder) is refused unless an
     * administrator allows it ({@link EncsyncConfiguration#isAllowControllerAwsIdentity()}).
     */
    public static AwsAuth folderAws(Run<?, ?> run, String folder, String id) throws AbortException {
        boolean allowed = EncsyncConfiguration.get().isAllowControllerAwsIdentity();
        if (id == null || id.isBlank()) {
            if (!allowed) {
                throw new AbortException(Messages.CredentialLookup_DefaultChainOnController());
            }
            return AwsAuth.defaultChain();
        }
        StandardCredentials cred = inBuild(run, folder, "awsCredentialsId", id, StandardCredentials.class,
                "AWS Credentials or Username with password");
        if (!AWS_KINDS.matches(cred)) {
            throw new AbortException(Messages.CredentialLookup_WrongKind(id, cred.getClass().getSimpleName()));
        }
        AwsAuth auth;
        try {
            auth = awsAuth(cred, id, folder);
        } catch (EncsyncException e) {
            throw Failures.abort(e);
        }
        if (auth.usesDefaultChain() && !allowed) {
            throw new AbortException(Messages.CredentialLookup_ControllerIdentity(id));
        }
        return auth;
    }

    private static <C extends StandardCredentials> C inBuild(Run<?, ?> run, String folder, String field, String id,
            Class<C> type, String kind) throws AbortException {
        if (run == null) {
            throw new AbortException(Messages.FolderArtifactStorage_NoBuild(folder));
        }
        C c = CredentialsProvider.findCredentialById(id, type, run);
        if (c == null) {
            throw new AbortException(Messages.FolderArtifactStorage_CredentialNotVisible(
                    run.getParent().getFullName() + " #" + run.getNumber(),
                    folder, field, id, run.getParent().getParent() instanceof Item parent ? parent.getFullName()
                    : Messages.FolderArtifactStorage_TopLevel(), kind));
        }
        return c;
    }

    private static <C extends StandardCredentials> C find(Run<?, ?> run, String field, String id, Class<C> type,
            String kind) throws AbortException {
        C c = CredentialsProvider.findCredentialById(id, type, run);
        if (c == null) {
            throw new AbortException(Messages.CredentialLookup_NotFound(field, kind, id, run.getParent().getFullName()));
        }
        // findCredentialById tracks only parameter-supplied ids; record every use ourselves.
        CredentialsProvider.track(run, c);
        return c;
    }

    public static ListBoxModel fillSecretText(Item item, String value) {
        return fill(item, value, StringCredentials.class);
    }

    /** AWS keys come as AWS Credentials or as Username with password (user = access key id). */
    private static final CredentialsMatcher AWS_KINDS = CredentialsMatchers.anyOf(
            CredentialsMatchers.instanceOf(AmazonWebServicesCredentials.class),
            CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class));

    /** The AWS keys {@code item} may use; without an item (global configuration) the global store's. */
    public static ListBoxModel fillAws(Item item, String value) {
        if (item == null) {
            return fillGlobal(value, StandardCredentials.class, AWS_KINDS);
        }
        if (!canList(item)) {
            return new StandardListBoxModel().includeCurrentValue(value);
        }
        return new StandardListBoxModel().includeEmptyValue()
                .includeMatchingAs(auth(item), item, StandardCredentials.class, List.of(), AWS_KINDS)
                .includeCurrentValue(value);
    }

    public static FormValidation checkAws(Item item, String value) {
        return check(item, value, StandardCredentials.class, false, AWS_KINDS);
    }

    private static ListBoxModel fill(Item item, String value, Class<? extends StandardCredentials> type) {
        if (item == null) {
            return fillGlobal(value, type, CredentialsMatchers.always());
        }
        if (!canList(item)) {
            return new StandardListBoxModel().includeCurrentValue(value);
        }
        return new StandardListBoxModel().includeEmptyValue()
                .includeMatchingAs(auth(item), item, type, List.of(), CredentialsMatchers.always())
                .includeCurrentValue(value);
    }

    /** Checks that {@code value} names a credential of {@code type} the job can use. */
    public static FormValidation check(Item item, String value, Class<? extends StandardCredentials> type, boolean required) {
        return check(item, value, type, required, CredentialsMatchers.always());
    }

    private static FormValidation check(Item item, String value, Class<? extends StandardCredentials> type,
            boolean required, CredentialsMatcher kinds) {
        if (item == null) {
            return checkGlobal(value, type, required, kinds);
        }
        if (!canList(item)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return required ? FormValidation.error(Messages.Forms_ChooseCredential()) : FormValidation.ok();
        }
        if (value.startsWith("${") && value.endsWith("}")) {
            return FormValidation.warning(Messages.Forms_ResolvedAtRunTime());
        }
        boolean found = !CredentialsProvider.listCredentialsInItem(type, item, auth(item), List.of(),
                CredentialsMatchers.allOf(CredentialsMatchers.withId(value), kinds)).isEmpty();
        return found ? FormValidation.ok() : FormValidation.error(Messages.Forms_NoSuchCredential(value));
    }

    /** The drop-down of a global setting: credentials of the global store, for administrators. */
    private static ListBoxModel fillGlobal(String value, Class<? extends StandardCredentials> type,
            CredentialsMatcher kinds) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(value);
        }
        return new StandardListBoxModel().includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), type, List.of(), kinds)
                .includeCurrentValue(value);
    }

    /** Checks that {@code value} names a credential of the global store; answers administrators only. */
    private static FormValidation checkGlobal(String value, Class<? extends StandardCredentials> type,
            boolean required, CredentialsMatcher kinds) {
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return FormValidation.ok();
        }
        if (value == null || value.isBlank()) {
            return required ? FormValidation.error(Messages.Forms_ChooseCredential()) : FormValidation.ok();
        }
        boolean found = !CredentialsProvider.listCredentialsInItemGroup(type, Jenkins.get(), ACL.SYSTEM2, List.of(),
                CredentialsMatchers.allOf(CredentialsMatchers.withId(value), kinds)).isEmpty();
        return found ? FormValidation.ok() : FormValidation.error(Messages.Forms_NoSuchGlobalCredential(value));
    }

    private static boolean canList(Item item) {
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    private static org.springframework.security.core.Authentication auth(Item item) {
        return item instanceof Queue.Task task ? Tasks.getAuthenticationOf2(task) : ACL.SYSTEM2;
    }
}
