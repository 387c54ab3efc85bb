package io.mockfactory.storage.snapshot;

import io.mockfactory.internal.storage.StorageSnapshotPart;
import io.mockfactory.storage.blob.BlobStore;
import io.mockfactory.storage.control.S3ServiceHandler;
import io.mockfactory.storage.meta.DoomedBlobs;
import io.mockfactory.storage.snapshot.S3Snapshots.BlobRef;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Takes, restores and deletes the aws_s3 parts of snapshots: the metadata copy ({@link S3Snapshots}) and the blobs,
 * each linked into the receiving namespace (the snapshot's, or the restored environment's) before the transaction
 * commits. A link made by a transaction that then rolls back is an unreferenced blob, which the reconciler deletes;
 * a retry finds the link already there.
 */
@Singleton
public class S3SnapshotParts {
    private final S3Snapshots snapshots;
    private final BlobStore blobStore;
    private final DoomedBlobs doomedBlobs;

    public S3SnapshotParts(S3Snapshots snapshots, BlobStore blobStore, DoomedBlobs doomedBlobs) {
        this.snapshots = snapshots;
        this.blobStore = blobStore;
        this.doomedBlobs = doomedBlobs;
    }

    /**
     * Must be the transaction's first work: it is made repeatable read, so the buckets and objects are copied as of
     * one instant while writes to the environment go on.
     *
     * @return empty when the user's environment has no aws_s3 service that holds data
     */
    public Optional<StorageSnapshotPart> take(Connection tx, String snapshotId, String environmentId, String userId)
            throws SQLException, IOException {
        try (Statement isolation = tx.createStatement()) {
            isolation.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        }
        Optional<StorageSnapshotPart> taken = snapshots.find(tx, snapshotId);
        if (taken.isPresent()) {
            return taken;
        }
        Optional<String> region = liveRegion(tx, environmentId, userId);
        if (region.isEmpty()) {
            return Optional.empty();
        }
        StorageSnapshotPart part = snapshots.copyFrom(tx, snapshotId, environmentId, userId, region.get());
        blobStore.createNamespace(namespace(snapshotId));
        for (BlobRef blob : snapshots.blobs(tx, snapshotId)) {
            String linked = blobStore.duplicate(S3ServiceHandler.namespace(environmentId), blob.blobId(), blob.size(),
                    namespace(snapshotId));
            if (!linked.equals(blob.blobId())) {
                snapshots.renameBlob(tx, snapshotId, blob.blobId(), linked);
            }
        }
        return Optional.of(part);
    }

    /**
     * Fills a new environment (its service row and namespace made, no buckets yet) from a part taken before, of the
     * same user's (the gateway checked; this holds if a command is ever forged).
     */
    public boolean restore(Connection tx, String snapshotId, String environmentId, String userId)
            throws SQLException, IOException {
        if (!snapshots.ownedBy(tx, snapshotId, userId)) {
            return false;
        }
        snapshots.copyInto(tx, snapshotId, environmentId);
        for (BlobRef blob : snapshots.blobs(tx, snapshotId)) {
            String linked = blobStore.duplicate(namespace(snapshotId), blob.blobId(), blob.size(),
                    S3ServiceHandler.namespace(environmentId));
            if (!linked.equals(blob.blobId())) {
                snapshots.renameRestoredBlob(tx, environmentId, blob.blobId(), linked);
            }
        }
        return true;
    }

    /** The part's rows go now, its namespace (the links only it holds) through the janitor once this commits. */
    public boolean delete(Connection tx, String snapshotId) throws SQLException {
        if (!snapshots.delete(tx, snapshotId)) {
            return false;
        }
        doomedBlobs.doomNamespace(tx, namespace(snapshotId));
        return true;
    }

    /** A snapshot's blob namespace is its id (snap_…: URL-safe, unguessable, never an environment id). */
    public static String namespace(String snapshotId) {
        return snapshotId;
    }

    private static Optional<String> liveRegion(Connection tx, String environmentId, String userId) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT region FROM s3_services WHERE environment_id = ?"
                + " AND user_id = ? AND status IN ('running', 'stopped')")) {
            select.setString(1, environmentId);
            select.setString(2, userId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }
}
