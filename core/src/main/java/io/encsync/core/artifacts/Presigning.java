package io.encsync.core.artifacts;

import io.encsync.core.store.s3.RcloneMtime;
import io.encsync.core.store.s3.S3Clients;
import io.encsync.core.store.s3.S3Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Presigns exactly the requests an agent may make, with the controller's credentials (SigV4 query
 * authentication; nothing is sent to S3). Each upload URL is bound to its body size (signed
 * {@code content-length}) and, for whole objects, to the content type and rclone's
 * {@code X-Amz-Meta-Mtime}: S3 refuses the request if the agent sends anything else, so a URL
 * cannot store a larger or differently labelled object than planned.
 */
final class Presigning implements AutoCloseable {
    static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Presigner presigner;
    private final Duration expiry;
    /** Signed into every whole-object PUT ({@code x-amz-storage-class}); null for the bucket's default. */
    private final String storageClass;

    private Presigning(S3Presigner presigner, Duration expiry, String storageClass) {
        this.presigner = presigner;
        this.expiry = expiry;
        this.storageClass = storageClass;
    }

    static Presigning open(S3Settings settings, Duration expiry) {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(S3Clients.region(settings))
                .credentialsProvider(S3Clients.credentials(settings))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(settings.pathStyle()).build());
        settings.endpoint().ifPresent(builder::endpointOverride);
        return new Presigning(builder.build(), expiry, settings.storageClass().orElse(null));
    }

    /**
     * A PUT of a whole object of {@code size} bytes, in the settings' storage class: the class is a
     * signed header, so the agent must send it and cannot choose another. (A multipart upload gets
     * its class when the controller creates it; its parts carry none.)
     */
    SignedUrl put(String bucket, String key, long size, Instant mtime) {
        return signed(presigner.presignPutObject(r -> r.signatureDuration(expiry).putObjectRequest(o -> o
                .bucket(bucket).key(key).contentLength(size).contentType(CONTENT_TYPE).storageClass(storageClass)
                .metadata(Map.of(RcloneMtime.METADATA_KEY, RcloneMtime.format(mtime))))), size);
    }

    /** Part {@code partNumber} (from 1) of multipart upload {@code uploadId}, {@code size} bytes. */
    SignedUrl part(String bucket, String key, String uploadId, int partNumber, long size) {
        return signed(presigner.presignUploadPart(r -> r.signatureDuration(expiry).uploadPartRequest(o -> o
                .bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentLength(size))), size);
    }

    /** A GET of a whole object. */
    SignedUrl get(String bucket, String key) {
        return signed(presigner.presignGetObject(r -> r.signatureDuration(expiry).getObjectRequest(o -> o
                .bucket(bucket).key(key))), -1);
    }

    private static SignedUrl signed(PresignedRequest request, long size) {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> h : request.signedHeaders().entrySet()) {
            String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!name.equals("host") && !name.equals("content-length")) {
                headers.put(name, String.join(",", h.getValue()));
            }
        }
        return new SignedUrl(request.url().toString(), headers, size);
    }

    @Override
    public void close() {
        presigner.close();
    }
}
