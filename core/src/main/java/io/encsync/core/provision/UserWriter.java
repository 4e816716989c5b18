package io.encsync.core.provision;

import io.encsync.core.keys.SecretBytes;
import java.util.List;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Tag;

/** The IAM calls for the sync user: create, tag, move, policies, keys and delete. */
final class UserWriter {
    private final IamClient iam;
    private final DesiredState desired;
    private final String user;
    private final String on;

    UserWriter(IamClient iam, DesiredState desired) {
        this.iam = iam;
        this.desired = desired;
        this.user = desired.userName();
        this.on = " on IAM user '" + user + "'";
    }

    /** Tagged at creation, so that even a run that dies right after leaves a user we recognise as ours. */
    void create() {
        AwsCalls.run("CreateUser '" + user + "'", () -> iam.createUser(r -> r.userName(user).path(desired.userPath())
                .tags(tags())));
    }

    void move() {
        AwsCalls.run("UpdateUser (path)" + on, () -> iam.updateUser(r -> r.userName(user).newPath(desired.userPath())));
    }

    /** TagUser adds and overwrites keys but keeps other tags. */
    void tag() {
        AwsCalls.run("TagUser" + on, () -> iam.tagUser(r -> r.userName(user).tags(tags())));
    }

    private List<Tag> tags() {
        return desired.userTags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    void putPolicy() {
        AwsCalls.run("PutUserPolicy '" + desired.userPolicyName() + "'" + on, () -> iam.putUserPolicy(r -> r.userName(user)
                .policyName(desired.userPolicyName()).policyDocument(desired.userPolicy())));
    }

    void deletePolicy(String name) {
        AwsCalls.run("DeleteUserPolicy '" + name + "'" + on, () -> iam.deleteUserPolicy(r -> r.userName(user).policyName(name)));
    }

    void detachPolicy(String arn) {
        AwsCalls.run("DetachUserPolicy " + arn + on, () -> iam.detachUserPolicy(r -> r.userName(user).policyArn(arn)));
    }

    AccessKey createKey() {
        var created = AwsCalls.call("CreateAccessKey" + on, () -> iam.createAccessKey(r -> r.userName(user)).accessKey());
        return new AccessKey(created.accessKeyId(), SecretBytes.utf8(created.secretAccessKey()));
    }

    void deleteKey(String id) {
        AwsCalls.run("DeleteAccessKey " + id + on, () -> iam.deleteAccessKey(r -> r.userName(user).accessKeyId(id)));
    }

    void delete() {
        AwsCalls.run("DeleteUser '" + user + "'", () -> iam.deleteUser(r -> r.userName(user)));
    }
}
