package io.encsync.core.provision;

import java.util.Objects;

/**
 * One step of a plan: what is created, updated or deleted, on which resource, and why. Plain data
 * (no secrets), printed one per line like terraform's plan.
 *
 * @param kind        create, update (drift or a changed input) or delete
 * @param target      the setting or resource concerned, which decides the API call
 * @param subject     the object the call needs: a key id, a policy name or ARN; empty otherwise
 * @param description what will be done, e.g. "turn on all four Block Public Access flags on bucket 'b'"
 * @param detail      for updates, what differs now ("BlockPublicPolicy is off"); empty otherwise
 */
public record Change(Kind kind, Target target, String subject, String description, String detail) {
    public Change {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        subject = Objects.requireNonNullElse(subject, "");
        Objects.requireNonNull(description, "description");
        detail = Objects.requireNonNullElse(detail, "");
    }

    static Change create(Target target, String description) {
        return new Change(Kind.CREATE, target, "", description, "");
    }

    static Change update(Target target, String description, String detail) {
        return new Change(Kind.UPDATE, target, "", description, detail);
    }

    static Change delete(Target target, String subject, String description) {
        return new Change(Kind.DELETE, target, subject, description, "");
    }

    /** What kind of change, with terraform's plan symbol. */
    public enum Kind {
        CREATE("+"), UPDATE("~"), DELETE("-");

        private final String symbol;

        Kind(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** The resource or setting a change concerns. */
    public enum Target {
        BUCKET, BUCKET_TAGS, PUBLIC_ACCESS_BLOCK, OWNERSHIP, ENCRYPTION, VERSIONING, LIFECYCLE, BUCKET_POLICY,
        BUCKET_CONTENTS, USER, USER_PATH, USER_TAGS, USER_POLICY, FOREIGN_USER_POLICY, ATTACHED_POLICY, ACCESS_KEY
    }

    /** {@code ~ update …: detail}, one line. */
    @Override
    public String toString() {
        return kind.symbol() + " " + description + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
