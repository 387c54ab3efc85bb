package io.mockfactory.storage.s3.ops;

import io.mockfactory.kit.db.Transactions;
import io.mockfactory.storage.blob.BlobStore;
import io.mockfactory.storage.control.S3ServiceHandler;
import io.mockfactory.storage.meta.Bucket;
import io.mockfactory.storage.meta.Buckets;
import io.mockfactory.storage.meta.DoomedBlobs;
import io.mockfactory.storage.quota.StorageQuota;
import io.mockfactory.storage.s3.access.BucketAccess;
import io.mockfactory.storage.s3.access.BucketAccessCache;
import io.mockfactory.storage.s3.S3Error;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** What every operation needs: the metadata database, the blob store, and finding a bucket of the caller's environment. */
@Singleton
public class S3Context {
    private final DataSource dataSource;
    private final Transactions transactions;
    private final Buckets buckets;
    private final BlobStore blobs;
    private final DoomedBlobs doomedBlobs;
    private final StorageQuota quota;
    private final BucketAccessCache bucketCache;

    public S3Context(DataSource dataSource, Transactions transactions, Buckets buckets, BlobStore blobs, DoomedBlobs doomedBlobs,
                     StorageQuota quota, BucketAccessCache bucketCache) {
        this.quota = quota;
        this.bucketCache = bucketCache;
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

    /**
     * The id of the environment's bucket of that name, as this instance last saw it (for at most two seconds, see
     * {@link BucketAccessCache}): a write checks it exists before reading a body at no cost, and its commit finds out
     * if the bucket went meanwhile ({@link #bucketIdNow}).
     */
    public long bucketId(String environmentId, String name) {
        return bucketCache.own(environmentId, name).map(BucketAccess::bucketId).orElseThrow(() ->
                S3Error.NO_SUCH_BUCKET.exception().with("BucketName", name));
    }

    /** In a commit that found no bucket with the id {@link #bucketId} gave: the one of that name now, if any. */
    public Optional<Long> bucketIdNow(Connection tx, String environmentId, String name) throws SQLException {
        bucketCache.invalidate(environmentId, name);
        return buckets.find(tx, environmentId, name).map(Bucket::id);
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
