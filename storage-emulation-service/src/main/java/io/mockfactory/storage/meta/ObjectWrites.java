package io.mockfactory.storage.meta;

import io.mockfactory.kit.db.NamedStatement;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writing object versions as S3's versioning states decide. Every method returns the blobs it made unreachable, which
 * the caller dooms in the same transaction, so a version is a metadata row pointing at a blob and nothing is copied.
 * <ul>
 *   <li>never versioned: one "null" version per key, replaced in place;</li>
 *   <li>Enabled: every write adds a version with a new id, deletes add a delete marker;</li>
 *   <li>Suspended: writes and deletes replace the "null" version (wherever it is in the history) and keep the rest.</li>
 * </ul>
 */
@Singleton
public class ObjectWrites {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String INSERT = "INSERT INTO objects (bucket_id, key, blob_id, size, etag, last_modified,"
            + " content_type, headers, user_metadata, checksum_algorithm, checksum, version_id, is_latest, delete_marker,"
            + " tags, acl, parts, checksum_type) VALUES (:bucket, :key, :blob, :size, :etag, :modified, :contentType,"
            + " :headers::jsonb, :metadata::jsonb, :checksumAlgorithm, :checksum, :version, true, :marker, :tags::jsonb,"
            + " :acl::jsonb, :parts::jsonb, :checksumType)";

    public record Written(String versionId, List<String> unreachable) {
    }

    public record Deleted(String versionId, boolean deleteMarker, List<String> unreachable) {
    }

    /** 32 URL-safe characters, as long as S3's own version ids. */
    public static String newVersionId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** What a write of {@code key} frees: the version it replaces (the "null" one), none when versioning is on. */
    public long freeing(Connection tx, Bucket bucket, String key) throws SQLException {
        if ("Enabled".equals(bucket.versioning())) {
            return 0;
        }
        try (PreparedStatement select = tx.prepareStatement(
                "SELECT size FROM objects WHERE bucket_id = ? AND key = ? AND version_id = 'null' FOR UPDATE")) {
            select.setLong(1, bucket.id());
            select.setString(2, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /**
     * Stores {@code object} as the latest version of its key. The caller holds {@link #lockKey} and read
     * {@code bucket} after taking it.
     */
    public Written put(Connection tx, Bucket bucket, StoredObject object) throws SQLException {
        if (bucket.versioning() == null) {
            return new Written(StoredObject.NULL_VERSION, replaceInPlace(tx, object).stream().toList());
        }
        List<String> unreachable = new ArrayList<>();
        String versionId = "Enabled".equals(bucket.versioning()) ? newVersionId() : StoredObject.NULL_VERSION;
        if (versionId.equals(StoredObject.NULL_VERSION)) {
            removeVersion(tx, bucket.id(), object.key(), StoredObject.NULL_VERSION).ifPresent(row -> unreachable.addAll(row.blob()));
        }
        demoteLatest(tx, bucket.id(), object.key());
        insert(tx, object.withVersion(versionId));
        return new Written(versionId, unreachable);
    }

    /** DeleteObject without a version id: removes the object, or hides it behind a delete marker when versioned. */
    public Deleted delete(Connection tx, Bucket bucket, String key) throws SQLException {
        lockKey(tx, bucket.id(), key);
        if (bucket.versioning() == null) {
            List<String> unreachable = removeVersion(tx, bucket.id(), key, StoredObject.NULL_VERSION)
                    .map(Removed::blob).orElse(List.of());
            return new Deleted(null, false, unreachable);
        }
        List<String> unreachable = new ArrayList<>();
        String versionId = "Enabled".equals(bucket.versioning()) ? newVersionId() : StoredObject.NULL_VERSION;
        if (versionId.equals(StoredObject.NULL_VERSION)) {
            removeVersion(tx, bucket.id(), key, StoredObject.NULL_VERSION).ifPresent(row -> unreachable.addAll(row.blob()));
        }
        demoteLatest(tx, bucket.id(), key);
        insert(tx, StoredObject.deleteMarker(bucket.id(), key, versionId, Instant.now()));
        return new Deleted(versionId, true, unreachable);
    }

    /**
     * DeleteObject with a version id: that version goes for good, and if it was the latest the next newest becomes
     * the latest. A version that does not exist deletes nothing, as S3 answers it.
     */
    public Deleted deleteVersion(Connection tx, Bucket bucket, String key, String versionId) throws SQLException {
        lockKey(tx, bucket.id(), key);
        Optional<Removed> removed = removeVersion(tx, bucket.id(), key, versionId);
        if (removed.isEmpty()) {
            return new Deleted(versionId, false, List.of());
        }
        if (removed.get().latest()) {
            try (PreparedStatement promote = tx.prepareStatement("UPDATE objects SET is_latest = true"
                    + " WHERE bucket_id = ? AND key = ? AND seq = (SELECT max(seq) FROM objects WHERE bucket_id = ? AND key = ?)")) {
                promote.setLong(1, bucket.id());
                promote.setString(2, key);
                promote.setLong(3, bucket.id());
                promote.setString(4, key);
                promote.executeUpdate();
            }
        }
        return new Deleted(versionId, removed.get().deleteMarker(), removed.get().blob());
    }

    /** @return false if there is no such version */
    public boolean setTags(Connection tx, long bucketId, String key, String versionId, Map<String, String> tags) throws SQLException {
        return setColumn(tx, "tags", bucketId, key, versionId, JsonMaps.writeNullable(tags));
    }

    /** @param acl the access package's JSON, or null for the default */
    public boolean setAcl(Connection tx, long bucketId, String key, String versionId, String acl) throws SQLException {
        return setColumn(tx, "acl", bucketId, key, versionId, acl);
    }

    private boolean setColumn(Connection tx, String column, long bucketId, String key, String versionId, String json)
            throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("UPDATE objects SET " + column + " = ?::jsonb"
                + " WHERE bucket_id = ? AND key = ? AND NOT delete_marker AND "
                + (versionId == null ? "is_latest" : "version_id = ?"))) {
            update.setString(1, json);
            update.setLong(2, bucketId);
            update.setString(3, key);
            if (versionId != null) {
                update.setString(4, versionId);
            }
            return update.executeUpdate() == 1;
        }
    }

    /** Inserts or replaces the null version in one statement; of two writers the second sees (and frees) the first's blob. */
    private Optional<String> replaceInPlace(Connection tx, StoredObject object) throws SQLException {
        try (NamedStatement upsert = NamedStatement.prepare(tx, "WITH previous AS (SELECT blob_id FROM objects"
                + " WHERE bucket_id = :bucket AND key = :key AND version_id = 'null' FOR UPDATE) " + INSERT
                + " ON CONFLICT (bucket_id, key, version_id) DO UPDATE SET blob_id = EXCLUDED.blob_id, size = EXCLUDED.size,"
                + " etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, content_type = EXCLUDED.content_type,"
                + " headers = EXCLUDED.headers, user_metadata = EXCLUDED.user_metadata,"
                + " checksum_algorithm = EXCLUDED.checksum_algorithm, checksum = EXCLUDED.checksum, tags = EXCLUDED.tags,"
                + " acl = EXCLUDED.acl, parts = EXCLUDED.parts, checksum_type = EXCLUDED.checksum_type"
                + " RETURNING (SELECT blob_id FROM previous)")) {
            bind(upsert, object.withVersion(StoredObject.NULL_VERSION));
            try (ResultSet rows = upsert.statement().executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private void insert(Connection tx, StoredObject object) throws SQLException {
        try (NamedStatement insert = NamedStatement.prepare(tx, INSERT)) {
            bind(insert, object);
            insert.statement().executeUpdate();
        }
    }

    private static void bind(NamedStatement statement, StoredObject object) throws SQLException {
        statement.setLong("bucket", object.bucketId()).setString("key", object.key())
                .setString("blob", object.blobId()).setLong("size", object.size()).setString("etag", object.etag())
                .setObject("modified", Timestamp.from(object.lastModified()))
                .setString("contentType", object.contentType())
                .setString("headers", JsonMaps.write(object.headers()))
                .setString("metadata", JsonMaps.write(object.userMetadata()))
                .setString("checksumAlgorithm", object.checksumAlgorithm()).setString("checksum", object.checksum())
                .setString("version", object.versionId()).setObject("marker", object.deleteMarker())
                .setString("tags", JsonMaps.writeNullable(object.tags())).setString("acl", object.acl())
                .setString("parts", JsonMaps.writeParts(object.parts())).setString("checksumType", object.checksumType());
    }

    private record Removed(List<String> blob, boolean latest, boolean deleteMarker) {
    }

    private static Optional<Removed> removeVersion(Connection tx, long bucketId, String key, String versionId) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM objects WHERE bucket_id = ? AND key = ?"
                + " AND version_id = ? RETURNING blob_id, is_latest, delete_marker")) {
            delete.setLong(1, bucketId);
            delete.setString(2, key);
            delete.setString(3, versionId);
            try (ResultSet rows = delete.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String blob = rows.getString(1);
                return Optional.of(new Removed(blob == null ? List.of() : List.of(blob), rows.getBoolean(2), rows.getBoolean(3)));
            }
        }
    }

    private static void demoteLatest(Connection tx, long bucketId, String key) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement(
                "UPDATE objects SET is_latest = false WHERE bucket_id = ? AND key = ? AND is_latest")) {
            update.setLong(1, bucketId);
            update.setString(2, key);
            update.executeUpdate();
        }
    }

    /**
     * Writes and deletes of one key take turns, each seeing the latest version the one before it made (and a
     * conditional write deciding on it); all of them share the bucket's lock, which a change of its versioning takes
     * alone, so a write never sees the bucket's versioning change under it. One round trip; held until commit.
     */
    public static void lockKey(Connection tx, long bucketId, String key) throws SQLException {
        try (PreparedStatement lock = tx.prepareStatement(
                "SELECT pg_advisory_xact_lock_shared(hashtext(?)), pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "bucket:" + bucketId);
            lock.setString(2, "object:" + bucketId + ":" + key);
            lock.execute();
        }
    }

    /** PutBucketVersioning: waits for the bucket's writes in flight, and holds new ones until it commits. */
    public static void lockBucket(Connection tx, long bucketId) throws SQLException {
        try (PreparedStatement lock = tx.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            lock.setString(1, "bucket:" + bucketId);
            lock.execute();
        }
    }
}
