package io.mockfactory.storage.meta;

import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Multipart uploads in progress and their parts. */
@Singleton
public class Uploads {
    private static final String COLUMNS = "upload_id, bucket_id, key, initiated, content_type, headers, user_metadata,"
            + " checksum_algorithm, tags, acl, checksum_type";

    public void create(Connection tx, MultipartUpload upload) throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("INSERT INTO multipart_uploads (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?::jsonb, ?)")) {
            insert.setString(1, upload.uploadId());
            insert.setLong(2, upload.bucketId());
            insert.setString(3, upload.key());
            insert.setTimestamp(4, Timestamp.from(upload.initiated()));
            insert.setString(5, upload.contentType());
            insert.setString(6, JsonMaps.write(upload.headers()));
            insert.setString(7, JsonMaps.write(upload.userMetadata()));
            insert.setString(8, upload.checksumAlgorithm());
            insert.setString(9, JsonMaps.writeNullable(upload.tags()));
            insert.setString(10, upload.acl());
            insert.setString(11, upload.checksumAlgorithm() == null ? null : upload.checksumType());
            insert.executeUpdate();
        }
    }

    public Optional<MultipartUpload> find(Connection connection, long bucketId, String key, String uploadId, boolean lock)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM multipart_uploads WHERE upload_id = ? AND bucket_id = ? AND key = ?" + (lock ? " FOR UPDATE" : ""))) {
            select.setString(1, uploadId);
            select.setLong(2, bucketId);
            select.setString(3, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
        }
    }

    /** Uploads of a bucket in (key, upload id) order after the markers, for ListMultipartUploads. */
    public List<MultipartUpload> list(Connection connection, long bucketId, String prefix, String keyMarker,
                                      String uploadIdMarker, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM multipart_uploads"
                + " WHERE bucket_id = ? AND key >= ? AND (key, upload_id) > (?, ?) ORDER BY key, upload_id LIMIT ?")) {
            select.setLong(1, bucketId);
            select.setString(2, prefix);
            select.setString(3, keyMarker);
            select.setString(4, uploadIdMarker);
            select.setInt(5, limit);
            List<MultipartUpload> uploads = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    MultipartUpload upload = read(rows);
                    if (!upload.key().startsWith(prefix)) {
                        break;
                    }
                    uploads.add(upload);
                }
            }
            return uploads;
        }
    }

    /** @return the blob of the part this one replaces, if the part number was uploaded before */
    /** The part a new upload of its number replaced: its blob (to doom) and its bytes (no longer stored). */
    public record Replaced(Optional<String> blob, long size) {
    }

    public Replaced putPart(Connection tx, String uploadId, UploadPart part) throws SQLException {
        Replaced replaced;
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT blob_id, size FROM upload_parts WHERE upload_id = ? AND part_number = ? FOR UPDATE")) {
            select.setString(1, uploadId);
            select.setInt(2, part.partNumber());
            try (ResultSet rows = select.executeQuery()) {
                replaced = rows.next() ? new Replaced(Optional.of(rows.getString(1)), rows.getLong(2))
                        : new Replaced(Optional.empty(), 0);
            }
        }
        try (PreparedStatement upsert = tx.prepareStatement("""
                INSERT INTO upload_parts (upload_id, part_number, blob_id, size, etag, checksum, last_modified)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (upload_id, part_number) DO UPDATE SET blob_id = EXCLUDED.blob_id, size = EXCLUDED.size,
                    etag = EXCLUDED.etag, checksum = EXCLUDED.checksum, last_modified = EXCLUDED.last_modified""")) {
            upsert.setString(1, uploadId);
            upsert.setInt(2, part.partNumber());
            upsert.setString(3, part.blobId());
            upsert.setLong(4, part.size());
            upsert.setString(5, part.etag());
            upsert.setString(6, part.checksum());
            upsert.setTimestamp(7, Timestamp.from(part.lastModified()));
            upsert.executeUpdate();
        }
        return replaced;
    }

    public List<UploadPart> parts(Connection connection, String uploadId, int afterPartNumber, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                SELECT part_number, blob_id, size, etag, checksum, last_modified FROM upload_parts
                WHERE upload_id = ? AND part_number > ? ORDER BY part_number LIMIT ?""")) {
            select.setString(1, uploadId);
            select.setInt(2, afterPartNumber);
            select.setInt(3, limit);
            List<UploadPart> parts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    parts.add(new UploadPart(rows.getInt(1), rows.getString(2), rows.getLong(3), rows.getString(4),
                            rows.getString(5), rows.getTimestamp(6).toInstant()));
                }
            }
            return parts;
        }
    }

    /** Removes the upload and its parts. @return the parts' blobs */
    public List<String> delete(Connection tx, String uploadId) throws SQLException {
        List<String> blobs = new ArrayList<>();
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM upload_parts WHERE upload_id = ? RETURNING blob_id")) {
            delete.setString(1, uploadId);
            try (ResultSet rows = delete.executeQuery()) {
                while (rows.next()) {
                    blobs.add(rows.getString(1));
                }
            }
        }
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM multipart_uploads WHERE upload_id = ?")) {
            delete.setString(1, uploadId);
            delete.executeUpdate();
        }
        return blobs;
    }

    private static MultipartUpload read(ResultSet rows) throws SQLException {
        String algorithm = rows.getString(8);
        String type = rows.getString(11);
        if (algorithm != null && type == null) {
            // Begun before types were kept: the algorithm's default
            type = algorithm.equals("CRC64NVME") ? "FULL_OBJECT" : "COMPOSITE";
        }
        return new MultipartUpload(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getTimestamp(4).toInstant(),
                rows.getString(5), JsonMaps.read(rows.getString(6)), JsonMaps.read(rows.getString(7)), algorithm,
                JsonMaps.read(rows.getString(9)), rows.getString(10), type);
    }
}
