package io.encsync.core.artifacts;

import io.encsync.core.EncsyncException;
import io.encsync.core.ErrorCategory;
import io.encsync.core.IntegrityException;
import io.encsync.core.WrongPasswordException;
import io.encsync.core.fs.PathRules;
import io.encsync.core.names.FilenameEncryption;
import io.encsync.core.names.NameDecryptionException;
import io.encsync.core.store.s3.RcloneMtime;
import io.encsync.core.store.s3.S3Errors;
import io.encsync.core.sync.CryptContext;
import io.encsync.core.sync.Manifest;
import io.encsync.core.sync.ManifestCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The controller's S3 calls for artifact sets, through one SDK client (retries and error mapping
 * as for every other S3 use in core, see {@link S3Errors}): the manifest object, listings,
 * multipart uploads it owns, and deletion. Agents never reach this class.
 */
final class SetStore implements AutoCloseable {
    /** A set's manifest lists every file once; refuse absurd sizes before reading (hostile bucket). */
    static final long MAX_MANIFEST_SIZE = 256L * 1024 * 1024;
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;

    SetStore(S3Client s3) {
        this.s3 = s3;
    }

    /** The verified manifest of {@code set}, or empty when it has none. */
    Optional<Manifest> readManifest(ArtifactSet set, CryptContext ctx) {
        byte[] sealed;
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(set.bucket()).key(set.manifestKey()))) {
            Long length = in.response().contentLength();
            sealed = length != null && length > MAX_MANIFEST_SIZE ? null : in.readNBytes((int) MAX_MANIFEST_SIZE + 1);
            if (sealed == null || sealed.length > MAX_MANIFEST_SIZE) {
                throw new IntegrityException("the manifest of " + set + " is larger than the " + MAX_MANIFEST_SIZE
                        + " bytes allowed — it was replaced; archive the build again");
            }
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:GetObject", set.location() + Manifest.KEY);
        } catch (IOException e) {
            throw new EncsyncException(ErrorCategory.REMOTE, "reading the manifest of " + set + " failed: "
                    + e.getMessage() + " — run again", e);
        }
        Manifest manifest;
        try {
            manifest = ManifestCodec.open(sealed, ctx, set.toString());
        } catch (WrongPasswordException e) {
            if (namesDecrypt(set, ctx)) {
                // The keys open the set's file names, so they are right: the manifest was modified.
                throw new IntegrityException("the manifest of " + set + " is corrupt: its first block fails "
                        + "authentication although the password decrypts the file names — it was modified; "
                        + "archive the build again", e);
            }
            throw e;
        }
        checkPlace(set, manifest);
        return Optional.of(manifest);
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

    /** Whether an object name under the set's root decrypts: proof that the keys are right. */
    private boolean namesDecrypt(ArtifactSet set, CryptContext ctx) {
        if (ctx.config().filenameEncryption() == FilenameEncryption.OFF) {
            return false;
        }
        for (String key : list(set.bucket(), set.root()).keySet()) {
            if (!key.equals(set.manifestKey())) {
                try {
                    ctx.names().decryptFileName(key.substring(set.root().length()));
                    return true;
                } catch (NameDecryptionException notThisOne) {
                    // keep looking
                }
            }
        }
        return false;
    }

    /** Writes {@code manifest} as the set's, sealed for the set's place ({@link ArtifactSet#binding()}). */
    void writeManifest(ArtifactSet set, Manifest manifest, CryptContext ctx) {
        byte[] sealed = ManifestCodec.seal(manifest.withBinding(set.binding()), ctx);
        try {
            s3.putObject(r -> r.bucket(set.bucket()).key(set.manifestKey()).contentType(Presigning.CONTENT_TYPE)
                            .metadata(Map.of(RcloneMtime.METADATA_KEY, RcloneMtime.format(manifest.created()))),
                    RequestBody.fromBytes(sealed));
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:PutObject", set.location() + Manifest.KEY);
        }
    }

    /** Every object under {@code prefix}: key → size, sorted; folder markers skipped. */
    TreeMap<String, Long> list(String bucket, String prefix) {
        TreeMap<String, Long> objects = new TreeMap<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
                if (!o.key().endsWith("/")) {
                    objects.put(o.key(), o.size());
                }
            }
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:ListBucket", "s3://" + bucket + "/" + prefix);
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
        String where = "s3://" + bucket + "/" + prefix;
        try {
            for (MultipartUpload u : s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(prefix)).uploads()) {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(u.key()).uploadId(u.uploadId()));
            }
        } catch (SdkException e) {
            throw S3Errors.map(e, "s3:AbortMultipartUpload", where);
        }
        List<String> keys = new ArrayList<>(list(bucket, prefix).keySet());
        List<String> failed = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            try {
                s3.deleteObjects(r -> r.bucket(bucket).delete(d -> d.objects(batch).quiet(true)))
                        .errors().forEach(err -> failed.add(err.key() + " (" + err.code() + ")"));
            } catch (SdkException e) {
                throw S3Errors.map(e, "s3:DeleteObject", where);
            }
        }
        if (!failed.isEmpty()) {
            throw new EncsyncException(ErrorCategory.REMOTE, failed.size() + " object(s) under " + where
                    + " could not be deleted, first " + failed.get(0) + " — run the deletion again");
        }
        return keys.size();
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
        s3.close();
    }
}
