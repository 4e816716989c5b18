package io.encsync.core.store.s3;

import io.encsync.core.store.Store;
import io.encsync.core.store.StoreContractTest;
import io.encsync.core.testing.MotoServer;
import java.net.URI;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The store contract against S3 (moto), under a prefix so that key stripping is exercised too. */
class S3StoreContractTest extends StoreContractTest {
    private static final String PREFIX = "contract/root";

    @Override
    protected Store newStore() {
        URI endpoint = MotoServer.shared().endpoint();
        return S3Store.open(new S3Location(MotoServer.newBucket(endpoint), PREFIX), MotoServer.settings(endpoint).build());
    }

    /** S3 makes one conditional PUT win; moto does not under concurrency (see the contract). */
    @Override
    protected boolean putIfAbsentIsAtomicHere() {
        return false;
    }

    /** What a killed multipart push leaves: an upload with two parts and no complete. */
    @Override
    protected int simulateAbandonedWrite(Store store, String key) {
        S3Store s3Store = (S3Store) store;
        try (S3Client admin = MotoServer.admin(MotoServer.shared().endpoint())) {
            String bucket = s3Store.location().bucket();
            String objectKey = s3Store.location().objectKey(key);
            String uploadId = admin.createMultipartUpload(r -> r.bucket(bucket).key(objectKey)).uploadId();
            for (int part = 1; part <= 2; part++) {
                int n = part;
                admin.uploadPart(r -> r.bucket(bucket).key(objectKey).uploadId(uploadId).partNumber(n),
                        RequestBody.fromBytes(new byte[4096]));
            }
        }
        return 1;
    }
}
