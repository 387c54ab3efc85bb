package io.mockfactory.storage.usage;

import io.mockfactory.internal.storage.StorageUsage;
import io.mockfactory.storage.control.S3ServiceRecord;
import io.mockfactory.storage.quota.StorageQuota;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What S3 services store: the bytes of their objects plus those of the parts of their unfinished multipart uploads
 * (a completed upload's parts became its object's bytes), and how many objects. One statement for the quota, the
 * live usage route and billing's usage reports, so what a user is refused, shown and billed for cannot disagree.
 */
@Singleton
public class StoredBytes {
    /*
     * One row per s3_services row matching the condition. Lateral sums per environment: filtered by user (the quota,
     * on the write path) they walk only that user's buckets by index, as V2's indexes intend; unfiltered (a report
     * pass) they are still one statement for every environment.
     */
    private static final String PER_ENVIRONMENT = """
            SELECT s.environment_id, s.user_id, o.bytes + p.bytes AS bytes, o.objects
            FROM s3_services s
            CROSS JOIN LATERAL (SELECT COALESCE(SUM(o.size), 0) AS bytes, COUNT(o.blob_id) AS objects
                                FROM buckets b JOIN objects o ON o.bucket_id = b.id
                                WHERE b.environment_id = s.environment_id) o
            CROSS JOIN LATERAL (SELECT COALESCE(SUM(p.size), 0) AS bytes
                                FROM buckets b JOIN multipart_uploads u ON u.bucket_id = b.id
                                JOIN upload_parts p ON p.upload_id = u.upload_id
                                WHERE b.environment_id = s.environment_id) p
            WHERE %s""";

    /**
     * The user's total over all their environments (a destroyed one holds nothing, so counting it costs nothing), with
     * the bytes of their environment snapshots, which count against the same quota.
     */
    public StorageUsage perUser(Connection connection, String userId) throws SQLException {
        try (PreparedStatement sum = connection.prepareStatement("SELECT COALESCE(SUM(bytes), 0) + (SELECT COALESCE(SUM("
                + "bytes), 0) FROM snapshot_storage WHERE user_id = ?) + " + StorageQuota.USER_UPLOAD_BYTES
                + ", COALESCE(SUM(objects), 0) FROM (" + PER_ENVIRONMENT.formatted("s.user_id = ?") + ") e")) {
            sum.setString(1, userId);
            sum.setString(2, userId);
            sum.setString(3, userId);
            try (ResultSet row = sum.executeQuery()) {
                row.next();
                return new StorageUsage(row.getLong(1), row.getLong(2));
            }
        }
    }

    /** Every environment not destroyed, zeros included. */
    public List<EnvironmentUsage> perLiveEnvironment(Connection connection) throws SQLException {
        List<EnvironmentUsage> all = new ArrayList<>();
        try (PreparedStatement sums = connection.prepareStatement(PER_ENVIRONMENT.formatted("s.status <> ?"))) {
            sums.setString(1, S3ServiceRecord.DESTROYED);
            try (ResultSet rows = sums.executeQuery()) {
                while (rows.next()) {
                    all.add(new EnvironmentUsage(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4)));
                }
            }
        }
        return all;
    }
}
