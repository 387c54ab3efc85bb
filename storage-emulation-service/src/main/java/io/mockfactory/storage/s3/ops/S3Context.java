package io.mockfactory.storage.s3.ops;

import io.mockfactory.kit.db.Transactions;
import io.mockfactory.storage.blob.BlobStore;
import io.mockfactory.storage.control.S3ServiceHandler;
import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.Buckets;
import io.mockfactory.storage.meta.DoomedBlobs;
import io.mockfactory.storage.quota.StorageQuota;
import io.mockfactory.storage.s3.S3Error;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** What every operation needs: the metadata database, the blob store, and finding a bucket of the caller's environment. */
@Singleton
public class S3Context {
    private final DataSource dataSource;
    private final Transactions transactions;
    private final Buckets buckets;
    private final BlobStore blobs;
    private final DoomedBlobs doomedBlobs;
    private final StorageQuota quota;

    public S3Context(DataSource dataSource, Transactions transactions, Buckets buckets, BlobStore blobs, DoomedBlobs doomedBlobs,
                     StorageQuota quota) {
        this.quota = quota;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.buckets = buckets;
        this.blobs = blobs;
        this.doomedBlobs = doomedBlobs;
    }

    public StorageQuota quota() {
        return quota;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public Transactions transactions() {
        return transactions;
    }

    public BlobStore blobs() {
        return blobs;
    }

    public DoomedBlobs doomedBlobs() {
        return doomedBlobs;
    }

    public Buckets buckets() {
        return buckets;
    }

    /** Another environment's bucket of the same name does not exist for this caller. */
    public Bucket bucket(Connection connection, String environmentId, String name) throws SQLException {
        return buckets.find(connection, environmentId, name).orElseThrow(() ->
                S3Error.NO_SUCH_BUCKET.exception().with("BucketName", name));
    }

    public Bucket bucket(String environmentId, String name) throws SQLException {
        try (Connection connection = connection()) {
            return bucket(connection, environmentId, name);
        }
    }

    public static String namespace(String environmentId) {
        return S3ServiceHandler.namespace(environmentId);
    }

    /** Removes a blob written for a request that then failed; it was never referenced. */
    public void discard(String environmentId, String blobId) {
        try {
            blobs.delete(namespace(environmentId), blobId);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(S3Context.class).warn("Could not remove an unused blob {}: {}", blobId, e.toString());
        }
    }
}
