package io.encsync.core.artifacts;

import io.encsync.core.manifest.CryptContext;
import io.encsync.core.manifest.Manifest;
import io.encsync.core.manifest.ManifestStore;
import io.encsync.core.IntegrityException;
import io.encsync.core.fs.PathRules;
import io.encsync.core.store.StoreObject;
import io.encsync.core.store.s3.RcloneMtime;
import io.encsync.core.store.s3.S3Connection;
import io.encsync.core.store.s3.S3Errors;
import io.encsync.core.store.s3.S3Location;
import io.encsync.core.store.s3.S3Purge;
import io.encsync.core.store.s3.S3Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * The controller's S3 calls for artifact sets, over one {@link S3Connection} (retries and error
 * mapping as for every other S3 use in core, see {@link S3Errors}). A set is a crypt root: its
 * manifest is read and written by {@link ManifestStore} through the connection's store at the set's
 * root, listings are that store's, deletion is {@link S3Purge}'s. What the {@code Store} interface
 * has no word for stays here: multipart uploads presigned for an agent, and server-side copies.
 * Agents never reach this class.
 */
final class SetStore implements AutoCloseable {
    private final S3Connection connection;
    private final S3Client s3;

    SetStore(S3Connection connection) {
        this.connection = connection;
        this.s3 = connection.client();
    }

    /** The set's root as a store over the shared client (no request, nothing to close). */
    private S3Store at(ArtifactSet set) {
        return connection.at(set.s3Location());
    }

    /** The verified manifest of {@code set}, or empty when it has none. */
    Optional<Manifest> readManifest(ArtifactSet set, CryptContext ctx) {
        Optional<Manifest> manifest = ManifestStore.read(at(set), ctx,
                new ManifestStore.Wording(set.toString(), REMEDY, REMEDY));
        manifest.ifPresent(m -> checkPlace(set, m));
        return manifest;
    }

    private static final String REMEDY = "archive the build again";

    /** Whether {@code set} has a manifest: something was archived into it. */
    boolean hasManifest(ArtifactSet set) {
        return at(set).stat(Manifest.KEY).isPresent();
    }

    /**
     * Refuses a manifest sealed for another set: someone with write access to the bucket (but no
     * password, so no way to forge one) copied another build's manifest and objects over this set,
     * e.g. a pull request's over a release's. An unbound manifest (written before sets were bound)
     * is accepted unless the set requires a binding.
     */
    static void checkPlace(ArtifactSet set, Manifest manifest) {
        Optional<String> bound = manifest.boundTo();
        if (bound.isPresent() && !bound.get().equals(set.binding())) {
            throw new IntegrityException("the manifest of " + set + " was sealed for another set, "
                    + PathRules.escape(bound.get()) + ": that set's manifest and objects were copied over this one by "
                    + "someone with write access to the bucket — refused; delete the set's objects and archive the "
                    + "build again");
        }
        if (bound.isEmpty() && set.bindingRequired()) {
            throw new IntegrityException("the manifest of " + set + " is not sealed for its place, but this set was "
                    + "archived by an encsync that seals it: it was replaced with a copy of an older set by someone "
                    + "with write access to the bucket — refused; delete the set's objects and archive the build again");
        }
    }

    /** Writes {@code manifest} as the set's, sealed for the set's place ({@link ArtifactSet#binding()}). */
    void writeManifest(ArtifactSet set, Manifest manifest, CryptContext ctx) {
        ManifestStore.write(at(set), manifest.withBinding(set.binding()), ctx);
    }

    /**
     * Every object under {@code prefix} (a set's or a build's root, ending in {@code /}): key →
     * size, sorted; folder markers skipped.
     */
    TreeMap<String, Long> list(String bucket, String prefix) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a set's or build's root ends in '/', was '" + prefix + "'");
        }
        S3Location root = new S3Location(bucket, prefix.substring(0, prefix.length() - 1));
        TreeMap<String, Long> objects = new TreeMap<>();
        for (StoreObject o : connection.at(root).listKeysAndSizes()) {
            objects.put(root.objectKey(o.key()), o.size());
        }
        return objects;
    }

    /** The whole object; the caller closes it. Empty when there is none. */
    Optional<ResponseInputStream<GetObjectResponse>> get(String bucket, String key) {
        try {
            return Optional.of(s3.getObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:GetObject", "s3://" + bucket + "/" + key);
        }
    }

    /** Creates a multipart upload; {@code storageClass} null means the bucket's default. */
    String createMultipart(String bucket, String key, Instant mtime, String storageClass) {
        try {
            return s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType(Presigning.CONTENT_TYPE)
                    .storageClass(storageClass)
                    .metadata(Map.of(RcloneMtime.METADATA_KEY, RcloneMtime.format(mtime)))).uploadId();
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:PutObject (CreateMultipartUpload)", "s3://" + bucket + "/" + key);
        }
    }

    void completeMultipart(String bucket, String key, String uploadId, List<String> etags) {
        List<CompletedPart> parts = new ArrayList<>(etags.size());
        for (int i = 0; i < etags.size(); i++) {
            parts.add(CompletedPart.builder().partNumber(i + 1).eTag(etags.get(i)).build());
        }
        try {
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:PutObject (CompleteMultipartUpload)", "s3://" + bucket + "/" + key);
        }
    }

    /** Best effort: a leftover is removed by deleting its set, or by the bucket's lifecycle rule. */
    void abortMultipartQuietly(String bucket, String key, String uploadId, Throwable failure) {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            if (failure != null) {
                failure.addSuppressed(e);
            }
        }
    }

    void deleteQuietly(String bucket, String key) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            // best effort: the object is not in the manifest, readers ignore it
        }
    }

    /**
     * Deletes every object under {@code prefix} and aborts the multipart uploads still open there.
     *
     * @return how many objects were deleted
     */
    int deletePrefix(String bucket, String prefix) {
        return (int) S3Purge.under(s3, bucket, prefix).purge(S3Purge.Scope.OBJECTS, "run the deletion again");
    }

    /** CopyObject's limit; larger objects are copied in parts of {@link #COPY_PART}. */
    static final long MAX_COPY = 5L << 30;
    static final long COPY_PART = 1L << 30;

    /** Writes the copy of one set's manifest; given the two set roots (each ending in {@code /}). */
    @FunctionalInterface
    interface ManifestCopier {
        void copy(String fromRoot, String toRoot);
    }

    /**
     * Copies every object under {@code from} to the same relative key under {@code to}, in S3 (no
     * byte passes through here), manifests last: a reader of {@code to} never sees a manifest
     * before the objects it lists. Encrypted names do not depend on where a set lives; manifests
     * do (they are sealed for their set's place), so they are not copied but written again by
     * {@code manifests}.
     *
     * @param maxSingle the largest object copied in one request ({@link #MAX_COPY}), larger ones
     *     in parts of {@code part} bytes
     * @return how many objects were copied (manifests included)
     */
    int copyPrefix(String bucket, String from, String to, long maxSingle, long part, ManifestCopier manifests) {
        TreeMap<String, Long> objects = list(bucket, from);
        List<String> manifestKeys = new ArrayList<>();
        for (Map.Entry<String, Long> o : objects.entrySet()) {
            if (o.getKey().endsWith("/" + Manifest.KEY)) {
                manifestKeys.add(o.getKey());
            } else {
                copy(bucket, o.getKey(), to + o.getKey().substring(from.length()), o.getValue(), maxSingle, part);
            }
        }
        for (String m : manifestKeys) {
            String setRoot = m.substring(0, m.length() - Manifest.KEY.length());
            manifests.copy(setRoot, to + setRoot.substring(from.length()));
        }
        return objects.size();
    }

    private void copy(String bucket, String source, String target, long size, long maxSingle, long part) {
        try {
            if (size <= maxSingle) {
                s3.copyObject(r -> r.sourceBucket(bucket).sourceKey(source).destinationBucket(bucket)
                        .destinationKey(target));
                return;
            }
            String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(target)
                    .contentType(Presigning.CONTENT_TYPE)
                    .metadata(s3.headObject(h -> h.bucket(bucket).key(source)).metadata())).uploadId();
            try {
                List<CompletedPart> parts = new ArrayList<>();
                for (long offset = 0; offset < size; offset += part) {
                    int number = parts.size() + 1;
                    String range = "bytes=" + offset + "-" + (Math.min(size, offset + part) - 1);
                    String etag = s3.uploadPartCopy(r -> r.sourceBucket(bucket).sourceKey(source)
                            .destinationBucket(bucket).destinationKey(target).uploadId(uploadId)
                            .partNumber(number).copySourceRange(range)).copyPartResult().eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                }
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(target).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            } catch (RuntimeException e) {
                abortMultipartQuietly(bucket, target, uploadId, e);
                throw e;
            }
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:PutObject (copy)", "s3://" + bucket + "/" + target);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
