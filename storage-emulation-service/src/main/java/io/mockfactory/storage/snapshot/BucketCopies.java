package io.mockfactory.storage.snapshot;

import io.mockfactory.events.seed.ServiceSeed.BucketSeed;
import io.mockfactory.storage.blob.BlobStore;
import io.mockfactory.storage.control.S3ServiceHandler;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static io.mockfactory.storage.snapshot.S3Snapshots.BUCKET_SETTINGS;
import static io.mockfactory.storage.snapshot.S3Snapshots.OBJECT_COLUMNS;
import static io.mockfactory.storage.snapshot.S3Snapshots.prefixed;

/**
 * An aws_s3 seed: buckets of the user's other environments copied into a new one, as a snapshot and its restore would
 * copy them (settings, every object version, the blobs hard-linked), inside the create command's transaction.
 */
@Singleton
public class BucketCopies {
    private final BlobStore blobStore;

    public BucketCopies(BlobStore blobStore) {
        this.blobStore = blobStore;
    }

    /** @return why the seed cannot be applied (then nothing of it was copied; the caller rolls back), or empty */
    public Optional<String> copy(Connection tx, String userId, String environmentId, List<BucketSeed> buckets)
            throws SQLException, IOException {
        for (BucketSeed seed : buckets) {
            Optional<Long> source = sourceBucket(tx, userId, seed);
            if (source.isEmpty()) {
                return Optional.of("seed: " + seed.environmentId() + " is not one of your environments with an S3"
                        + " bucket " + seed.bucket());
            }
            long copy = copyBucket(tx, environmentId, source.get());
            link(tx, S3ServiceHandler.namespace(seed.environmentId()), S3ServiceHandler.namespace(environmentId), copy);
        }
        return Optional.empty();
    }

    private static Optional<Long> sourceBucket(Connection tx, String userId, BucketSeed seed) throws SQLException {
        try (PreparedStatement select = tx.prepareStatement("SELECT b.id FROM buckets b JOIN s3_services s"
                + " ON s.environment_id = b.environment_id WHERE b.environment_id = ? AND b.name = ? AND s.user_id = ?"
                + " AND s.status IN ('running', 'stopped')")) {
            select.setString(1, seed.environmentId());
            select.setString(2, seed.bucket());
            select.setString(3, userId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
            }
        }
    }

    /** One INSERT … SELECT per table; the object copy is of one instant (a single statement). @return the new id */
    private static long copyBucket(Connection tx, String environmentId, long source) throws SQLException {
        long copy;
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO buckets (environment_id, name, region, "
                + BUCKET_SETTINGS + ") SELECT ?, name, region, " + BUCKET_SETTINGS + " FROM buckets WHERE id = ?"
                + " RETURNING id")) {
            insert.setString(1, environmentId);
            insert.setLong(2, source);
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                copy = rows.getLong(1);
            }
        }
        copyRows(tx, "INSERT INTO bucket_cors (bucket_id, rules) SELECT ?, rules FROM bucket_cors WHERE bucket_id = ?",
                copy, source);
        copyRows(tx, "INSERT INTO objects (bucket_id, " + OBJECT_COLUMNS + ") SELECT ?, " + prefixed("o.", OBJECT_COLUMNS)
                + " FROM objects o WHERE o.bucket_id = ?", copy, source);
        return copy;
    }

    private void link(Connection tx, String fromNamespace, String toNamespace, long bucket) throws SQLException, IOException {
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT DISTINCT blob_id, size FROM objects WHERE bucket_id = ? AND blob_id IS NOT NULL")) {
            select.setLong(1, bucket);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String blob = rows.getString(1);
                    String linked = blobStore.duplicate(fromNamespace, blob, rows.getLong(2), toNamespace);
                    if (!linked.equals(blob)) {
                        try (PreparedStatement rename = tx.prepareStatement(
                                "UPDATE objects SET blob_id = ? WHERE bucket_id = ? AND blob_id = ?")) {
                            rename.setString(1, linked);
                            rename.setLong(2, bucket);
                            rename.setString(3, blob);
                            rename.executeUpdate();
                        }
                    }
                }
            }
        }
    }

    private static void copyRows(Connection tx, String sql, long copy, long source) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement(sql)) {
            insert.setLong(1, copy);
            insert.setLong(2, source);
            insert.executeUpdate();
        }
    }
}
