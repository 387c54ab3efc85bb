package io.mockfactory.storage.snapshot;

import io.mockfactory.internal.storage.StorageSnapshotPart;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The metadata of the aws_s3 parts of snapshots: copied from an environment's buckets and objects, and back into a new
 * environment's. Both copies are single INSERT … SELECT statements, so the database does the work in one pass.
 */
@Singleton
public class S3Snapshots {
    static final String OBJECT_COLUMNS = "key, version_id, blob_id, size, etag, last_modified, content_type,"
            + " headers, user_metadata, checksum_algorithm, checksum, is_latest, delete_marker, seq, tags, acl, parts,"
            + " checksum_type";
    static final String BUCKET_SETTINGS = "versioning, tags, acl, policy, public_access_block, ownership";

    /** A blob an object of the part refers to, with its size (a store that cannot link copies it). */
    public record BlobRef(String blobId, long size) {
    }

    public Optional<StorageSnapshotPart> find(Connection connection, String snapshotId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT buckets, objects, size_bytes FROM s3_snapshots WHERE snapshot_id = ?")) {
            select.setString(1, snapshotId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(new StorageSnapshotPart(snapshotId, rows.getLong(1), rows.getLong(2), rows.getLong(3)))
                        : Optional.empty();
            }
        }
    }

    public boolean ownedBy(Connection connection, String snapshotId, String userId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT 1 FROM s3_snapshots WHERE snapshot_id = ? AND user_id = ?")) {
            select.setString(1, snapshotId);
            select.setString(2, userId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    public Optional<String> region(Connection connection, String snapshotId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT region FROM s3_snapshots WHERE snapshot_id = ?")) {
            select.setString(1, snapshotId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Copies the environment's metadata as this transaction sees it (it must see one instant: repeatable read). */
    public StorageSnapshotPart copyFrom(Connection tx, String snapshotId, String environmentId, String userId, String region)
            throws SQLException {
        update(tx, "INSERT INTO s3_snapshots (snapshot_id, environment_id, user_id, region, buckets, objects, size_bytes)"
                + " VALUES (?, ?, ?, ?, 0, 0, 0)", snapshotId, environmentId, userId, region);
        update(tx, "INSERT INTO s3_snapshot_buckets (snapshot_id, name, region, " + BUCKET_SETTINGS + ", cors)"
                + " SELECT ?, b.name, b.region, " + prefixed("b.", BUCKET_SETTINGS) + ", c.rules FROM buckets b"
                + " LEFT JOIN bucket_cors c ON c.bucket_id = b.id WHERE b.environment_id = ?", snapshotId, environmentId);
        update(tx, "INSERT INTO s3_snapshot_objects (snapshot_id, bucket_name, " + OBJECT_COLUMNS + ")"
                + " SELECT ?, b.name, " + prefixed("o.", OBJECT_COLUMNS) + " FROM objects o"
                + " JOIN buckets b ON b.id = o.bucket_id WHERE b.environment_id = ?", snapshotId, environmentId);
        try (PreparedStatement totals = tx.prepareStatement("""
                UPDATE s3_snapshots SET
                    buckets = (SELECT count(*) FROM s3_snapshot_buckets WHERE snapshot_id = ?),
                    objects = (SELECT count(*) FROM s3_snapshot_objects WHERE snapshot_id = ?),
                    size_bytes = (SELECT COALESCE(sum(size), 0) FROM s3_snapshot_objects WHERE snapshot_id = ?)
                WHERE snapshot_id = ? RETURNING buckets, objects, size_bytes""")) {
            for (int i = 1; i <= 4; i++) {
                totals.setString(i, snapshotId);
            }
            try (ResultSet rows = totals.executeQuery()) {
                rows.next();
                return new StorageSnapshotPart(snapshotId, rows.getLong(1), rows.getLong(2), rows.getLong(3));
            }
        }
    }

    /** Gives the environment (with no buckets yet) the part's buckets, settings and every object version. */
    public void copyInto(Connection tx, String snapshotId, String environmentId) throws SQLException {
        update(tx, "INSERT INTO buckets (environment_id, name, region, " + BUCKET_SETTINGS + ")"
                + " SELECT ?, name, region, " + BUCKET_SETTINGS + " FROM s3_snapshot_buckets WHERE snapshot_id = ?",
                environmentId, snapshotId);
        update(tx, "INSERT INTO bucket_cors (bucket_id, rules) SELECT b.id, s.cors FROM s3_snapshot_buckets s"
                + " JOIN buckets b ON b.environment_id = ? AND b.name = s.name WHERE s.snapshot_id = ? AND s.cors IS NOT NULL",
                environmentId, snapshotId);
        update(tx, "INSERT INTO objects (bucket_id, " + OBJECT_COLUMNS + ") SELECT b.id, " + prefixed("s.", OBJECT_COLUMNS)
                + " FROM s3_snapshot_objects s JOIN buckets b ON b.environment_id = ? AND b.name = s.bucket_name"
                + " WHERE s.snapshot_id = ?", environmentId, snapshotId);
    }

    public List<BlobRef> blobs(Connection connection, String snapshotId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT blob_id, size FROM s3_snapshot_objects WHERE snapshot_id = ? AND blob_id IS NOT NULL")) {
            select.setString(1, snapshotId);
            List<BlobRef> blobs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    blobs.add(new BlobRef(rows.getString(1), rows.getLong(2)));
                }
            }
            return blobs;
        }
    }

    /** A store that copied a blob under a new id: the part's objects now name the copy. */
    public void renameBlob(Connection tx, String snapshotId, String from, String to) throws SQLException {
        update(tx, "UPDATE s3_snapshot_objects SET blob_id = ? WHERE snapshot_id = ? AND blob_id = ?", to, snapshotId, from);
    }

    /** The same, for the objects restored into an environment. */
    public void renameRestoredBlob(Connection tx, String environmentId, String from, String to) throws SQLException {
        update(tx, "UPDATE objects SET blob_id = ? WHERE blob_id = ? AND bucket_id IN"
                + " (SELECT id FROM buckets WHERE environment_id = ?)", to, from, environmentId);
    }

    /** @return whether there was a part to delete */
    public boolean delete(Connection tx, String snapshotId) throws SQLException {
        return update(tx, "DELETE FROM s3_snapshots WHERE snapshot_id = ?", snapshotId) > 0;
    }

    static String prefixed(String prefix, String columns) {
        return prefix + columns.replace(", ", ", " + prefix);
    }

    private static int update(Connection tx, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = tx.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            return statement.executeUpdate();
        }
    }
}
