package io.encsync.core.provision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The two policy documents encsync writes, and a semantic comparison of policy documents.
 *
 * <p>IAM and S3 hand documents back reformatted (IAM even URL-encoded), with single values where
 * we wrote lists and statements in any order, so documents are compared after normalising, never
 * as strings.
 */
public final class PolicyDocuments {
    /** Bucket-level actions a sync client needs (listing, region discovery, finding stale uploads). */
    public static final List<String> BUCKET_ACTIONS =
            List.of("s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads");
    /** Object-level actions a sync client needs (read, write incl. multipart, delete, abort). */
    public static final List<String> OBJECT_ACTIONS = List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject",
            "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts");

    /** With SSE-KMS: PutObject needs a data key, GetObject (and multipart completion) needs to decrypt it. */
    public static final List<String> KMS_ACTIONS = List.of("kms:GenerateDataKey", "kms:Decrypt");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> LIST_FIELDS = Set.of("Action", "NotAction", "Resource", "NotResource", "AWS", "Service");

    private PolicyDocuments() {
    }

    /**
     * Exactly what push and pull need on {@code bucket} under {@code prefix}, nothing else. With a
     * prefix, listing is limited by an {@code s3:prefix} condition; GetBucketLocation and
     * ListBucketMultipartUploads take no prefix condition on AWS, so they stay bucket-wide.
     */
    public static String userPolicy(String bucket, String prefix) {
        return userPolicy(bucket, prefix, null);
    }

    /**
     * As {@link #userPolicy(String, String)}, plus, with SSE-KMS, the two KMS actions uploads and
     * downloads need on exactly that key ({@code kmsKeyArn} may be null).
     */
    public static String userPolicy(String bucket, String prefix, String kmsKeyArn) {
        String bucketArn = "arn:aws:s3:::" + bucket;
        ObjectNode doc = F.objectNode().put("Version", "2012-10-17");
        ArrayNode statements = doc.putArray("Statement");
        if (prefix.isEmpty()) {
            statements.add(statement("EncsyncBucket", "Allow", BUCKET_ACTIONS, bucketArn));
        } else {
            statements.add(statement("EncsyncBucket", "Allow", BUCKET_ACTIONS.subList(1, BUCKET_ACTIONS.size()), bucketArn));
            ObjectNode list = statement("EncsyncListPrefix", "Allow", List.of("s3:ListBucket"), bucketArn);
            ArrayNode prefixes = list.putObject("Condition").putObject("StringLike").putArray("s3:prefix");
            prefixes.add(prefix).add(prefix + "*");
            statements.add(list);
        }
        statements.add(statement("EncsyncObjects", "Allow", OBJECT_ACTIONS, bucketArn + "/" + prefix + "*"));
        if (kmsKeyArn != null) {
            statements.add(statement("EncsyncKmsKey", "Allow", KMS_ACTIONS, kmsKeyArn));
        }
        return write(doc);
    }

    /** Denies every request to the bucket that does not arrive over TLS. */
    public static String tlsOnlyBucketPolicy(String bucket) {
        String bucketArn = "arn:aws:s3:::" + bucket;
        ObjectNode doc = F.objectNode().put("Version", "2012-10-17");
        ObjectNode deny = doc.putArray("Statement").addObject();
        deny.put("Sid", "EncsyncDenyInsecureTransport").put("Effect", "Deny").put("Principal", "*");
        deny.putArray("Action").add("s3:*");
        deny.putArray("Resource").add(bucketArn).add(bucketArn + "/*");
        deny.putObject("Condition").putObject("Bool").put("aws:SecureTransport", "false");
        return write(doc);
    }

    private static ObjectNode statement(String sid, String effect, List<String> actions, String resource) {
        ObjectNode s = F.objectNode().put("Sid", sid).put("Effect", effect);
        ArrayNode a = s.putArray("Action");
        actions.forEach(a::add);
        s.putArray("Resource").add(resource);
        return s;
    }

    /** True when both documents grant and deny the same things (formatting, order, Sids ignored). */
    public static boolean sameMeaning(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    /** Every action any statement of the document names, sorted. */
    public static Set<String> actions(String document) {
        Set<String> out = new TreeSet<>();
        for (JsonNode s : normalize(document).path("Statement")) {
            s.path("Action").forEach(a -> out.add(a.asText()));
        }
        return out;
    }

    /** One line saying how {@code observed} differs from {@code desired}, for a plan. */
    public static String describeDifference(String desired, String observed) {
        Set<String> want = actions(desired);
        Set<String> have = actions(observed);
        Set<String> extra = new TreeSet<>(have);
        extra.removeAll(want);
        Set<String> missing = new TreeSet<>(want);
        missing.removeAll(have);
        List<String> parts = new ArrayList<>();
        if (!extra.isEmpty()) {
            parts.add("grants extra " + String.join(", ", extra));
        }
        if (!missing.isEmpty()) {
            parts.add("lacks " + String.join(", ", missing));
        }
        if (parts.isEmpty()) {
            parts.add("statements differ (resources, effects or conditions)");
        }
        return String.join("; ", parts);
    }

    /**
     * A canonical form: URL-decoded if needed, Sids dropped, single values turned into sorted
     * lists, object keys sorted, statements sorted.
     */
    static JsonNode normalize(String document) {
        String text = document.strip();
        if (!text.startsWith("{")) {
            // IAM returns documents URL-encoded; the SDK passes them through as they came.
            text = URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        try {
            return canonical(JSON.readTree(text), null);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("policy document is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode canonical(JsonNode node, String field) {
        if ("Statement".equals(field) && node.isObject()) {
            return F.arrayNode().add(canonical(node, null));
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!"Sid".equals(e.getKey())) {
                    sorted.put(e.getKey(), canonical(e.getValue(), e.getKey()));
                }
            }
            ObjectNode out = F.objectNode();
            sorted.forEach(out::set);
            return out;
        }
        boolean listField = field != null && LIST_FIELDS.contains(field) || "Statement".equals(field) || isConditionValue(field);
        if (node.isArray() || (listField && !node.isContainerNode())) {
            List<JsonNode> items = new ArrayList<>();
            if (node.isArray()) {
                node.forEach(n -> items.add(canonical(n, null)));
            } else {
                items.add(node);
            }
            items.sort((x, y) -> x.toString().compareTo(y.toString()));
            ArrayNode out = F.arrayNode();
            items.forEach(out::add);
            return out;
        }
        return node;
    }

    // Condition values such as "aws:SecureTransport" or "s3:prefix" may be a string or a list.
    private static boolean isConditionValue(String field) {
        return field != null && field.contains(":");
    }

    private static String write(JsonNode doc) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
