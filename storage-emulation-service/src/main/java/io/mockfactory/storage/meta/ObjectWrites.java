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
    private final DoomedBlobs doomedBlobs;
    private static final String INSERT = "INSERT INTO objects (bucket_id, key, blob_id, size, etag, last_modified,"
            + " content_type, headers, user_metadata, checksum_algorithm, checksum, version_id, is_latest, delete_marker,"
            + " tags, acl, parts, checksum_type) VALUES (:bucket, :key, :blob, :size, :etag, :modified, :contentType,"
            + " :headers::jsonb, :metadata::jsonb, :checksumAlgorithm, :checksum, :version, true, :marker, :tags::jsonb,"
            + " :acl::jsonb, :parts::jsonb, :checksumType)";

    /** @param freed the bytes of the version the write replaced, whose blob it doomed */
    public ObjectWrites(DoomedBlobs doomedBlobs) {
        this.doomedBlobs = doomedBlobs;
    }

    public record Written(String versionId, long freed) {
    }

    public record Deleted(String versionId, boolean deleteMarker, List<String> unreachable) {
    }

    /** 32 URL-safe characters, as long as S3's own version ids. */
    public static String newVersionId() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Stores {@code object} as the latest version of its key, and dooms the blob of the version it replaces (in
     * {@code namespace}) in the same transaction. The caller holds {@link #lockKey} and read {@code bucket} after
     * taking it.
     */
    public Written put(Connection tx, Bucket bucket, StoredObject object, String namespace) throws SQLException {
        if (bucket.versioning() == null) {
            return new Written(StoredObject.NULL_VERSION, replaceInPlace(tx, object, namespace));
        }
        long freed = 0;
        String versionId = "Enabled".equals(bucket.versioning()) ? newVersionId() : StoredObject.NULL_VERSION;
        if (versionId.equals(StoredObject.NULL_VERSION)) {
            Optional<Removed> removed = removeVersion(tx, bucket.id(), object.key(), StoredObject.NULL_VERSION);
            if (removed.isPresent()) {
                freed = removed.get().size();
                doomedBlobs.doom(tx, namespace, removed.get().blob());
            }
        }
        demoteLatest(tx, bucket.id(), object.key());
        insert(tx, object.withVersion(versionId));
        return new Written(versionId, freed);
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

    /**
     * Inserts or replaces the null version and dooms the blob it replaced, in one statement; of two writers the second
     * sees (and frees) the first's blob.
     *
     * @return the bytes replaced
     */
    private long replaceInPlace(Connection tx, StoredObject object, String namespace) throws SQLException {
        try (NamedStatement upsert = NamedStatement.prepare(tx, "WITH previous AS (SELECT blob_id, size FROM objects"
                + " WHERE bucket_id = :bucket AND key = :key AND version_id = 'null' FOR UPDATE), written AS (" + INSERT
                + " ON CONFLICT (bucket_id, key, version_id) DO UPDATE SET blob_id = EXCLUDED.blob_id, size = EXCLUDED.size,"
                + " etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, content_type = EXCLUDED.content_type,"
                + " headers = EXCLUDED.headers, user_metadata = EXCLUDED.user_metadata,"
                + " checksum_algorithm = EXCLUDED.checksum_algorithm, checksum = EXCLUDED.checksum, tags = EXCLUDED.tags,"
                + " acl = EXCLUDED.acl, parts = EXCLUDED.parts, checksum_type = EXCLUDED.checksum_type RETURNING 1),"
                + " doomed AS (INSERT INTO doomed_blobs (namespace, blob_id) SELECT :namespace, blob_id FROM previous"
                + " WHERE blob_id IS NOT NULL RETURNING 1)"
                + " SELECT COALESCE((SELECT size FROM previous), 0), (SELECT count(*) FROM written)")) {
            bind(upsert, object.withVersion(StoredObject.NULL_VERSION));
            upsert.setString("namespace", namespace);
            try (ResultSet rows = upsert.statement().executeQuery()) {
                rows.next();
                return rows.getLong(1);
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

    private record Removed(List<String> blob, boolean latest, boolean deleteMarker, long size) {
    }

    private static Optional<Removed> removeVersion(Connection tx, long bucketId, String key, String versionId) throws SQLException {
        try (PreparedStatement delete = tx.prepareStatement("DELETE FROM objects WHERE bucket_id = ? AND key = ?"
                + " AND version_id = ? RETURNING blob_id, is_latest, delete_marker, size")) {
            delete.setLong(1, bucketId);
            delete.setString(2, key);
            delete.setString(3, versionId);
            try (ResultSet rows = delete.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                String blob = rows.getString(1);
                return Optional.of(new Removed(blob == null ? List.of() : List.of(blob), rows.getBoolean(2), rows.getBoolean(3),
                        rows.getLong(4)));
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

    /**
     * {@link #lockKey}, then the bucket as it stands once the lock is held, in one round trip: two statements sent
     * together, the second with its own snapshot, taken after the first got the locks.
     */
    public static Optional<Bucket> lockKeyAndReadBucket(Connection tx, long bucketId, String key) throws SQLException {
        try (PreparedStatement both = tx.prepareStatement(
                "SELECT pg_advisory_xact_lock_shared(hashtext(?)), pg_advisory_xact_lock(hashtext(?));"
                        + " SELECT " + Buckets.COLUMNS + " FROM buckets WHERE id = ?")) {
            both.setString(1, "bucket:" + bucketId);
            both.setString(2, "object:" + bucketId + ":" + key);
            both.setLong(3, bucketId);
            both.execute();
            if (!both.getMoreResults()) {
                throw new SQLException("the bucket's row was not returned after the key's lock");
            }
            try (ResultSet rows = both.getResultSet()) {
                return rows.next() ? Optional.of(Buckets.read(rows)) : Optional.empty();
            }
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
